// Shared, dependency-free helpers for the layers-* Spectral functions.
// Spectral bundles each function file with rollup, so relative imports of this module are inlined.

/** @typedef {Record<string, unknown>} Obj */
/** @typedef {Array<string | number>} JsonPath */

/** @param {unknown} v @returns {v is Obj} */
export const isObject = v => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sub-schema keywords of JSON Schema 2020-12, by how they hold schemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLES = [
  'items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'contains',
  'propertyNames', 'not', 'if', 'then', 'else', 'contentSchema',
];

/**
 * Visits a schema and every sub-schema below it (not `examples`/`default`/`const` values).
 * The same object may be visited on several paths (a resolved document inlines shared schemas);
 * only cycles are cut.
 * @param {unknown} schema
 * @param {JsonPath} path
 * @param {(schema: Obj, path: JsonPath) => void} visit
 * @param {Set<unknown>} [ancestors]
 */
export function walkSchema(schema, path, visit, ancestors = new Set()) {
  if (!isObject(schema) || ancestors.has(schema)) return;
  ancestors.add(schema);
  visit(schema, path);
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (isObject(map)) for (const [name, sub] of Object.entries(map)) walkSchema(sub, [...path, key, name], visit, ancestors);
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((sub, i) => walkSchema(sub, [...path, key, i], visit, ancestors));
  }
  for (const key of SCHEMA_SINGLES) walkSchema(schema[key], [...path, key], visit, ancestors);
  ancestors.delete(schema);
}

/** @param {Obj} schema @returns {string[]} the declared `type`(s) */
export const typesOf = schema =>
  Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : [];

/**
 * The alternatives a value of this schema may take, with `null` branches dropped: the schema
 * itself, or each branch of a top-level `oneOf`/`anyOf` (`oneOf: [$ref: X, type: 'null']`).
 * @param {Obj} schema @returns {Obj[]}
 */
export function nonNullBranches(schema) {
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : null;
  if (branches === null) return [schema];
  return branches.filter(isObject).filter(b => !(typesOf(b).length === 1 && typesOf(b)[0] === 'null'));
}

/**
 * The values of an enumeration: a closed `enum`, or the open list of `x-extensible-enum` (values a
 * later version may add to; see the contract's compatibility policy).
 * @param {Obj} schema @returns {unknown[] | undefined}
 */
export function enumValues(schema) {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Array.isArray(schema['x-extensible-enum'])) return schema['x-extensible-enum'];
  return undefined;
}
