import { isObject } from './lib/shapes.js';

/** @param {unknown} params @returns {boolean} */
const hasIdempotencyKey = params =>
  Array.isArray(params) &&
  params.some(p => isObject(p) && p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key');

/**
 * Every POST accepts an `Idempotency-Key` header parameter (on the operation or its path item).
 * Given: a Path Item Object.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function idempotencyKeyOnPost(pathItem, _options, { path }) {
  if (!isObject(pathItem) || !isObject(pathItem.post)) return;
  if (hasIdempotencyKey(pathItem.post.parameters) || hasIdempotencyKey(pathItem.parameters)) return;
  return [{ message: 'POST operations must accept an `Idempotency-Key` header parameter.', path: [...path, 'post'] }];
}
