import { walkSchema } from './lib/shapes.js';

const SCHEMA_FILE = /[\\/]components[\\/]schemas[\\/][^\\/]+\.(?:ya?ml|json)$/i;

/**
 * Is the node at this (resolved) path a named schema: a whole file under components/schemas/
 * (split source) or an entry of `components.schemas` (bundle, or a one-file document)?
 * Spectral's inventory maps a resolved path back through $refs to the file and path it came from.
 * @param {any} documentInventory @param {Array<string | number>} path @returns {boolean}
 */
function isNamedSchema(documentInventory, path) {
  const item = documentInventory.findAssociatedItemForPath(path, true);
  if (item === null || item === undefined) return false;
  const at = item.path;
  if (at.length === 0) return SCHEMA_FILE.test(String(item.document.source ?? ''));
  return at.length === 3 && at[0] === 'components' && at[1] === 'schemas';
}

/**
 * Every named schema has a non-empty JSON Schema `examples` array.
 * Given: a schema root; the walk visits every sub-schema and checks the named ones.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function schemaExamples(schema, _options, { path, documentInventory }) {
  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  walkSchema(schema, path, (node, at) => {
    if (Array.isArray(node.examples) && node.examples.length > 0) return;
    if (isNamedSchema(documentInventory, at)) {
      results.push({ message: 'Named schemas (components/schemas) must have a non-empty `examples` array.', path: at });
    }
  });
  return results;
}
