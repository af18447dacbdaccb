/**
 * The operationId verb agrees with the HTTP method (`list…` is a GET, `clone…` a POST, ...).
 * Given: an Operation Object (the method is the last segment of its path).
 * Options: `{ methods: { [verb: string]: string[] } }`, allowed methods per verb.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, { methods: Record<string, string[]> }>}
 */
export default function operationVerbMatchesMethod(operation, { methods }, { path }) {
  const id = typeof operation === 'object' && operation !== null ? /** @type {any} */ (operation).operationId : undefined;
  if (typeof id !== 'string') return; // operationIdStyle reports the missing id
  const verb = /^[a-z]+/.exec(id)?.[0] ?? '';
  const allowed = methods[verb];
  if (allowed === undefined) return; // not a known verb: operationIdStyle reports it
  const method = String(path[path.length - 1]).toLowerCase();
  if (allowed.includes(method)) return;
  return [{
    message: `operationId "${id}" starts with "${verb}", which belongs on ${allowed.map(m => m.toUpperCase()).join('/')}, not ${method.toUpperCase()}.`,
    path: [...path, 'operationId'],
  }];
}
