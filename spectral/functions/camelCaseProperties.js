import { isObject, walkSchema } from './lib/shapes.js';

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Every property name in every (sub-)schema is camelCase: `ageRange`, not `age_range` or `AgeRange`.
 * Given: a schema root (request, response, parameter, header or component schema).
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function camelCaseProperties(schema, _options, { path }) {
  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  walkSchema(schema, path, (node, at) => {
    if (!isObject(node.properties)) return;
    for (const name of Object.keys(node.properties)) {
      if (!CAMEL_CASE.test(name)) {
        results.push({ message: `Property "${name}" must be camelCase.`, path: [...at, 'properties', name] });
      }
    }
  });
  return results;
}
