import { isObject } from './lib/shapes.js';

const JOB_FIELDS = ['jobId', 'status', 'locationUrl'];

/**
 * A `202 Accepted` answer points at the job to poll: a `Location` header, and an
 * `application/json` body that is a Job (requires `jobId`, `status` and `locationUrl`).
 * Given: a Response Object under status 202.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function acceptedJob(response, _options, { path }) {
  if (!isObject(response)) return;
  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  const headers = isObject(response.headers) ? response.headers : {};
  if (!Object.keys(headers).some(h => h.toLowerCase() === 'location')) {
    results.push({ message: '202 responses must have a `Location` header pointing at the job.', path });
  }
  const media = isObject(response.content) ? response.content['application/json'] : undefined;
  const schema = isObject(media) ? media.schema : undefined;
  const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const required = isObject(schema) && Array.isArray(schema.required) ? schema.required : [];
  const missing = JOB_FIELDS.filter(f => !(f in props) || !required.includes(f));
  if (missing.length > 0) {
    results.push({
      message: `202 responses must return a Job (${JOB_FIELDS.join(', ')} required); missing ${missing.join(', ')}.`,
      path: isObject(media) ? [...path, 'content', 'application/json', 'schema'] : path,
    });
  }
  return results;
}
