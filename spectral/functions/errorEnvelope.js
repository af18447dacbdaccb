import { isObject, typesOf } from './lib/shapes.js';

const ENVELOPE_FIELDS = ['code', 'message', 'requestId', 'details'];
const REQUIRED_FIELDS = ['code', 'message', 'requestId'];

/** @param {unknown} s @param {string} type */
const isType = (s, type) => isObject(s) && typesOf(s).includes(type);
/** @param {unknown} required @param {string[]} names */
const requires = (required, names) => Array.isArray(required) && names.every(n => required.includes(n));

/**
 * Why `schema` is not the error envelope `{ error: { code, message, requestId, details? } }`,
 * judged on its resolved shape (so it holds for `$ref: Error.yaml` and for an inlined copy alike).
 * @param {unknown} schema @returns {string | null}
 */
function envelopeProblem(schema) {
  if (!isType(schema, 'object') || !isObject(schema.properties)) return 'the schema is not an object with properties';
  const extra = Object.keys(schema.properties).filter(k => k !== 'error');
  if (extra.length > 0) return `the envelope has properties besides \`error\`: ${extra.join(', ')}`;
  if (!requires(schema.required, ['error'])) return '`error` is not required';
  const inner = schema.properties.error;
  if (!isType(inner, 'object') || !isObject(inner.properties)) return '`error` is not an object with properties';
  const unknown = Object.keys(inner.properties).filter(k => !ENVELOPE_FIELDS.includes(k));
  if (unknown.length > 0) return `\`error\` has unexpected properties: ${unknown.join(', ')}`;
  if (!requires(inner.required, REQUIRED_FIELDS)) return '`error` must require code, message and requestId';
  for (const field of REQUIRED_FIELDS) {
    if (!isType(inner.properties[field], 'string')) return `\`error.${field}\` is not a string`;
  }
  return null;
}

/**
 * Every 4xx/5xx response answers `application/json` with the one error envelope.
 * Given: a Response Object under a 4xx/5xx status code.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function errorEnvelope(response, _options, { path }) {
  if (!isObject(response)) return;
  const media = isObject(response.content) ? response.content['application/json'] : undefined;
  if (!isObject(media)) {
    return [{ message: 'Error responses must have `application/json` content with the error envelope.' }];
  }
  const problem = envelopeProblem(media.schema);
  if (problem === null) return;
  return [{
    message: `Error responses must use the error envelope { error: { code, message, requestId, details? } }: ${problem}.`,
    path: [...path, 'content', 'application/json', 'schema'],
  }];
}
