import { isObject } from './lib/shapes.js';

/**
 * The `value`s of a Media Type Object's examples, with their paths relative to the media type.
 * @param {Record<string, unknown>} media @returns {{ value: unknown, at: Array<string | number> }[]}
 */
const exampleValues = media => [
  ...('example' in media ? [{ value: media.example, at: ['example'] }] : []),
  ...(isObject(media.examples)
    ? Object.entries(media.examples).flatMap(([name, ex]) => (isObject(ex) && 'value' in ex ? [{ value: ex.value, at: ['examples', name, 'value'] }] : []))
    : []),
];

/** @param {string} status e.g. '404' or '4XX' @param {number} code e.g. 404 */
const statusMatches = (status, code) => (/^\dXX$/i.test(status) ? status[0] === String(code)[0] : Number(status) === code);

/**
 * Each error code is always sent with one HTTP status: every example of a 4xx/5xx response has an
 * `error.code` whose status in the `x-http-status` map of the ErrorCode schema (reached through the
 * response's own schema, `properties.error.properties.code`) equals the response's status.
 * Given: a Response Object under a 4xx/5xx status code.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function errorCodeMatchesStatus(response, _options, { path }) {
  if (!isObject(response) || !isObject(response.content)) return;
  const status = String(path[path.length - 1]);
  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  for (const [type, media] of Object.entries(response.content)) {
    if (!isObject(media)) continue;
    const at = [...path, 'content', type];
    const schema = /** @type {any} */ (media.schema);
    const statusMap = schema?.properties?.error?.properties?.code?.['x-http-status'];
    if (!isObject(statusMap)) {
      results.push({ message: 'The schema of `error.code` must carry an `x-http-status` map (code -> status).', path: [...at, 'schema'] });
      continue;
    }
    for (const { value, at: exampleAt } of exampleValues(media)) {
      const code = /** @type {any} */ (value)?.error?.code;
      if (typeof code !== 'string') {
        results.push({ message: 'Error examples must set `error.code`.', path: [...at, ...exampleAt] });
        continue;
      }
      const expected = statusMap[code];
      if (typeof expected !== 'number') {
        results.push({ message: `Error code "${code}" has no status in \`x-http-status\`.`, path: [...at, ...exampleAt, 'error', 'code'] });
      } else if (!statusMatches(status, expected)) {
        results.push({ message: `Error code "${code}" is sent with ${expected}, not ${status}.`, path: [...at, ...exampleAt, 'error', 'code'] });
      }
    }
  }
  return results;
}
