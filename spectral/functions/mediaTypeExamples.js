import { isObject } from './lib/shapes.js';

/**
 * A Media Type Object (request body or response content) carries a non-empty `examples` map,
 * or an `example`: docs and mock servers show real payloads, and Redocly validates them.
 * Given: a Media Type Object.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function mediaTypeExamples(media, _options, { path }) {
  if (!isObject(media)) return;
  if (media.example !== undefined) return;
  if (isObject(media.examples) && Object.keys(media.examples).length > 0) return;
  return [{ message: 'Request and response media types must have non-empty `examples` (or `example`).', path }];
}
