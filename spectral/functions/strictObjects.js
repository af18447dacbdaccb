import { isObject, typesOf, walkSchema } from './lib/shapes.js';

/**
 * Every object schema that declares `properties` also sets `additionalProperties: false`:
 * bodies are strict (unknown fields answer 422) and answers never grow unannounced fields.
 * Given: a schema root.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function strictObjects(schema, _options, { path }) {
  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  walkSchema(schema, path, (node, at) => {
    if (!typesOf(node).includes('object') || !isObject(node.properties)) return;
    if (node.additionalProperties !== false) {
      results.push({ message: 'Object schemas with `properties` must set `additionalProperties: false`.', path: at });
    }
  });
  return results;
}
