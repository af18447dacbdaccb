import { isObject, nonNullBranches } from './lib/shapes.js';

const ID_NAME = /[a-z]Id$/;
const PREFIX = /^\^([a-z]+)_/;

/** @param {unknown} schema @returns {string[]} the id prefixes its string branches declare */
const prefixesOf = schema =>
  isObject(schema)
    ? nonNullBranches(schema).flatMap(b => (typeof b.pattern === 'string' ? PREFIX.exec(b.pattern)?.[1] ?? [] : []))
    : [];

/**
 * One name, one id prefix: every `influencerId` in the API (property or parameter) declares the
 * same `^inf_` prefix, so an id read from one answer is valid wherever that name is accepted.
 * Given: the document root (`$`, resolved).
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function idPrefixConsistent(root) {
  /** @type {Map<string, { prefix: string, path: Array<string | number> }[]>} */
  const seen = new Map();
  /** @param {string} name @param {unknown} schema @param {Array<string | number>} path */
  const record = (name, schema, path) => {
    if (!ID_NAME.test(name)) return;
    for (const prefix of prefixesOf(schema)) {
      seen.set(name, [...(seen.get(name) ?? []), { prefix, path }]);
    }
  };
  /** @param {unknown} node @param {Array<string | number>} path @param {Set<unknown>} ancestors */
  const visit = (node, path, ancestors) => {
    if (typeof node !== 'object' || node === null || ancestors.has(node)) return;
    ancestors.add(node);
    if (isObject(node)) {
      if (isObject(node.properties) && (node.type === 'object' || Array.isArray(node.type))) {
        for (const [name, sub] of Object.entries(node.properties)) record(name, sub, [...path, 'properties', name]);
      }
      if (typeof node.in === 'string' && typeof node.name === 'string') record(node.name, node.schema, [...path, 'schema']);
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'examples' && key !== 'example') visit(child, [...path, Array.isArray(node) ? Number(key) : key], ancestors);
    }
    ancestors.delete(node);
  };
  visit(root, [], new Set());

  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  for (const [name, uses] of seen) {
    const counts = new Map();
    for (const { prefix } of uses) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    if (counts.size < 2) continue;
    const usual = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    for (const { prefix, path } of uses) {
      if (prefix !== usual) {
        results.push({ message: `"${name}" uses prefix "${prefix}_" here but "${usual}_" elsewhere; one name must mean one id kind.`, path });
      }
    }
  }
  return results;
}
