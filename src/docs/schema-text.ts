/**
 * Schemas described for readers: the type a `<Parameters>` row shows, the rows of a body, the enum
 * and default of a field. One reading of the contract's schemas, shared by the reference pages and
 * the drift checker (which compares a page's rows with these).
 */
import { deref } from '../contract/bundle.js';
import { enumValues, type OpenApiDocument, type Schema } from '../contract/oas.js';

export interface FieldRow {
  /** Dotted for nested objects: `overrides.language`. */
  name: string;
  type: string;
  required: boolean;
  description?: string;
  enum?: string[];
  default?: unknown;
}

const refName = (schema: Schema): string | undefined => {
  const ref = (schema as { $ref?: unknown }).$ref;
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
};

/** The schema with its `$ref` followed; sibling keywords of the `$ref` (description, default) win. */
export function resolved(doc: OpenApiDocument, schema: Schema): Schema {
  if (!refName(schema)) return schema;
  const { $ref: _ref, ...siblings } = schema as Schema & { $ref: string };
  return { ...deref<Schema>(doc, schema), ...siblings };
}

/** The non-null branch of `oneOf: [X, {type: null}]`, and whether null is allowed. */
function nullable(schema: Schema): { schema: Schema; nullable: boolean } {
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (Array.isArray(branches) && branches.length === 2) {
    const other = branches.find((b) => b.type !== 'null');
    if (other && branches.some((b) => b.type === 'null')) return { schema: other, nullable: true };
  }
  return { schema, nullable: false };
}

/**
 * `string`, `string (InfluencerId)` for an id (a named string schema whose name ends in `Id`),
 * `string (date-time)`, `integer`, `array of ReferenceImage`, `InfluencerFailure or null`.
 */
export function typeText(doc: OpenApiDocument, raw: Schema): string {
  const { schema, nullable: orNull } = nullable(raw);
  const name = refName(schema);
  const s = resolved(doc, schema);
  let text: string;
  if (s.type === 'array') {
    const items = (s.items ?? {}) as Schema;
    text = `array of ${refName(items) && resolved(doc, items).type === 'object' ? refName(items) : typeText(doc, items)}`;
  } else if (s.type === 'object') {
    text = name ?? 'object';
  } else {
    const base = typeof s.type === 'string' ? s.type : 'string';
    const detail = name && /Id$/.test(name) ? name : typeof s.format === 'string' ? s.format : undefined;
    text = detail ? `${base} (${detail})` : base;
  }
  return orNull ? `${text} or null` : text;
}

export const enumOf = (doc: OpenApiDocument, schema: Schema): string[] | undefined => {
  // An open list (`x-extensible-enum`, D45) is still the list of values this version sends.
  return enumValues(resolved(doc, nullable(schema).schema))?.map(String);
};

const oneLine = (s: string | undefined) => s?.replace(/\s*\n\s*/g, ' ').trim();

/** The rows of an object schema: each property, and one level of a nested object's properties. */
export function fieldRows(doc: OpenApiDocument, objectSchema: Schema, prefix = '', depth = 0): FieldRow[] {
  const s = resolved(doc, objectSchema);
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows: FieldRow[] = [];
  for (const [name, raw] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    const prop = resolved(doc, raw);
    const values = enumOf(doc, raw);
    const description = oneLine(typeof prop.description === 'string' ? prop.description : undefined);
    rows.push({
      name: `${prefix}${name}`,
      type: typeText(doc, raw),
      required: required.has(name),
      ...(description ? { description } : {}),
      ...(values ? { enum: values } : {}),
      ...(prop.default !== undefined ? { default: prop.default } : {}),
    });
    if (prop.type === 'object' && prop.properties && depth < 1) rows.push(...fieldRows(doc, raw, `${prefix}${name}.`, depth + 1));
  }
  return rows;
}
