import { isObject, nonNullBranches, typesOf, walkSchema } from './lib/shapes.js';

const ID_NAME = /[a-z]Id$/;
const PREFIXED = /^\^[a-z]+_/;

/**
 * Why the schema of an `…Id` field is not a prefixed-id string, or null when it is.
 * Every non-null branch must be a string whose `pattern` starts `^<lowercase prefix>_`.
 * @param {unknown} schema @returns {string | null}
 */
function idProblem(schema) {
  if (!isObject(schema)) return 'has no schema';
  for (const branch of nonNullBranches(schema)) {
    if (!typesOf(branch).includes('string')) return 'is not a string';
    if (typeof branch.pattern !== 'string') return 'has no `pattern`';
    if (!PREFIXED.test(branch.pattern)) return `has pattern "${branch.pattern}", which does not start with ^<lowercase prefix>_`;
  }
  return null;
}

/**
 * Ids are prefixed strings (`inf_…`, `prj_…`, `job_…`): every property or parameter named `…Id`
 * is a string whose `pattern` starts with `^<lowercase prefix>_`.
 * Given: a schema root, or a Parameter Object.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function prefixedIdPattern(target, _options, { path }) {
  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  if (isObject(target) && typeof target.in === 'string' && typeof target.name === 'string') {
    const problem = ID_NAME.test(target.name) ? idProblem(target.schema) : null;
    if (problem !== null) results.push({ message: `Parameter "${target.name}" ${problem}.`, path: [...path, 'schema'] });
    return results;
  }
  walkSchema(target, path, (node, at) => {
    if (!isObject(node.properties)) return;
    for (const [name, sub] of Object.entries(node.properties)) {
      const problem = ID_NAME.test(name) ? idProblem(sub) : null;
      if (problem !== null) results.push({ message: `Property "${name}" ${problem}.`, path: [...at, 'properties', name] });
    }
  });
  return results;
}
