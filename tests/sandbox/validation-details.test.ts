/**
 * The VALIDATION answers a client sees, exactly: which field keys, which messages, how many, and
 * what goes to formErrors. Expectations about patterns, enums and caps are read from the contract.
 * Requests are made inside the tests (not in beforeAll) so mutation testing can tell them apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/model.js';
import { startTestSandbox, type TestSandbox } from './harness.js';
import { rawCall } from './raw-call.js';

const contract = loadContract();
const details = contract.schema('ErrorDetails');
const maxFields = details.properties!.fieldErrors!.maxProperties!;
const maxFormErrors = details.properties!.formErrors!.maxItems!;
const maxKeyLength = details.properties!.fieldErrors!.propertyNames!.maxLength!;
const limit = contract.doc.components!.parameters!.Limit!.schema as { minimum: number; maximum: number };
const UNKNOWN_PROJECT = 'prj_00000000-0000-4000-8000-000000000000';
const UNKNOWN_INFLUENCER = 'inf_00000000-0000-4000-8000-000000000000';

let sb: TestSandbox;
let projectId: string | undefined;
beforeAll(async () => {
  sb = await startTestSandbox({ log: () => {} });
}, 60_000);
afterAll(async () => {
  await sb?.close();
});

async function project(): Promise<string> {
  projectId ??= (await sb.call('POST', '/v1/projects', { body: { name: 'Validation details' } })).json.projectId as string;
  return projectId;
}

/** The error of a 422 VALIDATION answer, after checking the envelope names the request as the header does. */
async function validation(method: string, path: string, init: Parameters<TestSandbox['call']>[2] = {}) {
  const answer = await sb.call(method, path, init);
  expect(answer.status, answer.text).toBe(422);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.json.error.code).toBe('VALIDATION');
  expect(answer.json.error.requestId).toBe(answer.headers.get('x-request-id'));
  return answer.json.error as { message: string; details: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } };
}

describe('path parameters', () => {
  for (const [name, path] of [
    ['projectId', '/v1/projects/nope'],
    ['influencerId', '/v1/influencers/inf_x'],
    ['jobId', '/v1/jobs/job_1'],
  ] as const) {
    it(`a malformed ${name} is a field error naming the parameter, with the contract's length and pattern`, async () => {
      const schema = contract.operations.flatMap((op) => op.parameters.path).find((p) => p.name === name)!.schema;
      const resolved = schema.$ref ? contract.schema(schema.$ref.split('/').at(-1)!) : schema;
      const error = await validation('GET', path);
      expect(error.message).toBe('Invalid path parameter.');
      expect(error.details).toEqual({
        fieldErrors: { [name]: [`Must NOT have fewer than ${resolved.minLength} characters.`, `Must match pattern "${resolved.pattern}".`] },
      });
    });
  }

  it('a well-formed id that does not exist is 404, not a validation error', async () => {
    const answer = await sb.call('GET', `/v1/projects/${UNKNOWN_PROJECT}`);
    expect(answer.status).toBe(404);
    expect(answer.json.error).toMatchObject({ code: 'NOT_FOUND', message: 'Project not found.' });
  });
});

describe('body field errors', () => {
  it('names each unknown key', async () => {
    const error = await validation('POST', '/v1/projects', { body: { name: 'x', zz: 1, yy: 2 } });
    expect(error).toMatchObject({ message: 'Invalid body.', details: { fieldErrors: { zz: ['Unrecognized key.'], yy: ['Unrecognized key.'] } } });
    expect(error.details.formErrors).toBeUndefined();
  });

  it('names a missing required field', async () => {
    expect((await validation('POST', '/v1/projects', { body: {} })).details).toEqual({ fieldErrors: { name: ['Required.'] } });
  });

  it('lists the allowed values of an enum, from the contract', async () => {
    const voices = contract.schema('BrandVoice').enum!;
    expect((await validation('POST', '/v1/projects', { body: { name: 'x', brandVoice: 'nope' } })).details).toEqual({
      fieldErrors: { brandVoice: [`Must be one of ${voices.join(', ')}.`] },
    });
  });

  it('says which type was expected', async () => {
    expect((await validation('POST', '/v1/projects', { body: { name: 5 } })).details).toEqual({ fieldErrors: { name: ['Must be string.'] } });
  });

  it('puts a problem with the whole body in formErrors', async () => {
    expect((await validation('POST', '/v1/projects', { body: [1] })).details).toEqual({ formErrors: ['Must be object.'] });
    expect((await validation('PATCH', `/v1/influencers/${UNKNOWN_INFLUENCER}`, { body: {} })).details).toEqual({ formErrors: ['Send at least one field.'] });
  });

  it('gives nested fields dotted paths', async () => {
    const error = await validation('POST', `/v1/influencers/${UNKNOWN_INFLUENCER}/clone`, { body: { name: 'x', overrides: { language: 5, zz: 1 } } });
    expect(error.details).toEqual({ fieldErrors: { 'overrides.zz': ['Unrecognized key.'], 'overrides.language': ['Must be string.'] } });
  });

  it('treats prototype names as ordinary keys', async () => {
    const error = await validation('POST', '/v1/projects', { raw: '{"name":"x","__proto__":{"a":1},"constructor":1,"toString":2}', headers: { 'content-type': 'application/json' } });
    // Parsed, not a literal: `{ __proto__: ... }` in source would set the prototype instead.
    expect(error.details).toEqual(JSON.parse('{"fieldErrors":{"__proto__":["Unrecognized key."],"constructor":["Unrecognized key."],"toString":["Unrecognized key."]}}'));
    expect(Object.keys(error.details.fieldErrors!)).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it(`caps fieldErrors at the contract's ${maxFields} fields, keeping the first`, async () => {
    const body = Object.fromEntries([['name', 'x'], ...Array.from({ length: maxFields + 10 }, (_, i) => [`f${i}`, 1])]);
    const error = await validation('POST', '/v1/projects', { body });
    expect(Object.keys(error.details.fieldErrors!)).toEqual(Array.from({ length: maxFields }, (_, i) => `f${i}`));
  });

  it('sends keys that cannot be field keys to formErrors, quoted, de-duplicated and capped', async () => {
    const error = await validation('POST', '/v1/projects', { body: { name: 'x', 'a b': 1, é: 2 } });
    expect(error.details).toEqual({ formErrors: ['"a b": Unrecognized key.', '"é": Unrecognized key.'] });
    const many = Object.fromEntries([['name', 'x'], ...Array.from({ length: maxFormErrors + 5 }, (_, i) => [`bad key ${i}`, 1])]);
    const capped = await validation('POST', '/v1/projects', { body: many });
    expect(capped.details).toEqual({ formErrors: Array.from({ length: maxFormErrors }, (_, i) => `"bad key ${i}": Unrecognized key.`) });
  });

  it(`keeps a key of ${maxKeyLength} characters as a field, and quotes a longer one in formErrors (cut to 80)`, async () => {
    const longest = 'k'.repeat(maxKeyLength);
    expect((await validation('POST', '/v1/projects', { body: { name: 'x', [longest]: 1 } })).details).toEqual({ fieldErrors: { [longest]: ['Unrecognized key.'] } });
    const tooLong = 'k'.repeat(maxKeyLength + 1);
    expect((await validation('POST', '/v1/projects', { body: { name: 'x', [tooLong]: 1 } })).details).toEqual({ formErrors: [`"${'k'.repeat(80)}": Unrecognized key.`] });
  });
});

describe('bodies that are not JSON objects', () => {
  const json = { 'content-type': 'application/json' };
  it('requires a body where the contract does', async () => {
    expect((await validation('POST', '/v1/projects', { raw: '', headers: json })).details).toEqual({ formErrors: ['A JSON body is required.'] });
  });

  it('fills the contract defaults into an empty optional body', async () => {
    const accepted = await sb.call('POST', `/v1/projects/${await project()}/influencers`, { raw: '', headers: json });
    expect(accepted.status, accepted.text).toBe(202);
    const created = await sb.call('GET', `/v1/influencers/${accepted.json.influencerId}`);
    expect(created.json.ageRange).toBe(contract.schema('InfluencerCreateRequest').properties!.ageRange!.default);
  });

  it('reports malformed JSON with the parser message', async () => {
    expect((await validation('POST', '/v1/projects', { raw: '{"name":', headers: json })).details).toEqual({ formErrors: ['Malformed JSON: Unexpected end of JSON input'] });
  });

  it('rejects bytes that are not UTF-8', async () => {
    const answer = await rawCall(sb.url, 'POST', '/v1/projects', { authorization: `Bearer ${sb.key}`, 'content-type': 'application/json' }, Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
    expect(answer.status).toBe(422);
    expect(answer.json.error.details).toEqual({ formErrors: ['The body is not valid UTF-8.'] });
  });
});

describe('media types', () => {
  const send = (contentType: string | string[]) => rawCall(sb.url, 'POST', '/v1/projects', { authorization: `Bearer ${sb.key}`, 'content-type': contentType }, '{"name":"Media type"}');

  it('accepts application/json with or without a UTF-8 charset, in any case and quoted', async () => {
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; charset=utf8', 'application/json; foo=bar; charset=utf-8']) {
      expect((await send(type)).status, type).toBe(201);
    }
  });

  it('refuses another charset, naming it', async () => {
    const answer = await send('application/json; charset=latin1');
    expect(answer.status).toBe(415);
    expect(answer.json.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request body must be UTF-8 JSON; charset=latin1 is not supported.' });
  });

  it('refuses other media types and malformed Content-Type headers', async () => {
    for (const type of ['text/plain', 'application/json-patch+json', 'application', 'application/json; charset', 'application/json; a b=c']) {
      const answer = await send(type);
      expect(answer.status, type).toBe(415);
      expect(answer.json.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request body must be application/json.' });
    }
  });

  it('refuses two Content-Type headers', async () => {
    const answer = await send(['application/json', 'application/json']);
    expect(answer.status).toBe(415);
    expect(answer.json.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send one Content-Type header.' });
  });
});

describe('query strings', () => {
  const list = async (query: string) => validation('GET', `/v1/projects/${await project()}/influencers?${query}`);
  it('names the parameter and the rule', async () => {
    const cases: Array<[string, Record<string, string[]>]> = [
      ['limit=1&limit=2', { limit: ['Give this parameter once.'] }],
      ['limit=', { limit: ['Must not be empty.'] }],
      ['limit=0x10', { limit: ['Must be integer.'] }],
      ['limit=05', { limit: ['Must be integer.'] }],
      ['limit=1e1', { limit: ['Must be integer.'] }],
      ['limit=%2B3', { limit: ['Must be integer.'] }],
      ['limit=99999999999999999999', { limit: ['Must be integer.'] }],
      [`limit=${limit.maximum + 1}`, { limit: [`Must be <= ${limit.maximum}.`] }],
      [`limit=${limit.minimum - 1}`, { limit: [`Must be >= ${limit.minimum}.`] }],
      ['zz=1', { zz: ['Unrecognized key.'] }],
      ['limit=%ff', { limit: ['Not valid percent-encoded UTF-8.'] }],
    ];
    for (const [query, fieldErrors] of cases) {
      const error = await list(query);
      expect(error.message, query).toBe('Invalid query.');
      expect(error.details, query).toEqual({ fieldErrors });
    }
  });

  it('reports a parameter name that is not UTF-8 in formErrors', async () => {
    expect((await list('%ff=1')).details).toEqual({ formErrors: ['The query string has a percent-escape that is not UTF-8.'] });
  });

  it('decodes + and percent-escapes in values, and ignores empty pairs', async () => {
    const id = await project();
    const answer = await sb.call('GET', `/v1/projects/${id}/influencers?&limit=%32&&`);
    expect(answer.status, answer.text).toBe(200);
    const spaced = await validation('GET', `/v1/projects/${id}/influencers?cursor=a+b`);
    expect(Object.keys(spaced.details.fieldErrors ?? {})).toEqual(['cursor']);
  });
});

describe('Idempotency-Key', () => {
  const post = (key: string | string[]) => rawCall(sb.url, 'POST', '/v1/projects', { authorization: `Bearer ${sb.key}`, 'content-type': 'application/json', 'idempotency-key': key }, '{"name":"Keyed"}');

  it('must be sent once', async () => {
    const answer = await post([`twice-${Date.now()}`, `twice-${Date.now()}`]);
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: 'VALIDATION', message: 'Invalid Idempotency-Key header.', details: { fieldErrors: { 'Idempotency-Key': ['Send this header once.'] } } });
  });

  it("is checked against the contract's schema, the error keyed by the header name", async () => {
    const schema = contract.doc.components!.parameters!.IdempotencyKey!.schema as { maxLength: number };
    const answer = await post('x'.repeat(schema.maxLength + 1));
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ message: 'Invalid Idempotency-Key header.', details: { fieldErrors: { 'Idempotency-Key': [`Must NOT have more than ${schema.maxLength} characters.`] } } });
  });

  it('is ignored by operations that do not take one', async () => {
    const answer = await rawCall(sb.url, 'GET', `/v1/projects/${await project()}`, { authorization: `Bearer ${sb.key}`, 'idempotency-key': ['a', 'b'] });
    expect(answer.status).toBe(200);
  });
});
