import { enumValues, isObject } from './lib/shapes.js';

/**
 * The ErrorCode schema's `x-http-status` map covers its codes (`enum` or `x-extensible-enum`) exactly, and maps each code to one
 * 4xx/5xx status, so `layers-error-code-status` can trust it.
 * Given: a schema that carries `x-http-status`.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function errorCodeStatusMap(schema, _options, { path }) {
  if (!isObject(schema)) return;
  const map = schema['x-http-status'];
  if (!isObject(map)) return [{ message: '`x-http-status` must map each error code to its HTTP status.', path: [...path, 'x-http-status'] }];
  const codes = (enumValues(schema) ?? []).map(String);
  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  if (codes.length === 0) results.push({ message: 'A schema with `x-http-status` must list its codes in `enum` or `x-extensible-enum`.', path });
  for (const code of codes) {
    if (!(code in map)) results.push({ message: `Error code "${code}" has no entry in \`x-http-status\`.`, path: [...path, 'x-http-status'] });
  }
  for (const [code, status] of Object.entries(map)) {
    if (codes.length > 0 && !codes.includes(code)) {
      results.push({ message: `\`x-http-status\` maps "${code}", which is not in the enum.`, path: [...path, 'x-http-status', code] });
    }
    if (!Number.isInteger(status) || Number(status) < 400 || Number(status) > 599) {
      results.push({ message: `"${code}" must map to a 4xx/5xx integer status.`, path: [...path, 'x-http-status', code] });
    }
  }
  return results;
}
