/**
 * Request rules the first mutation runs showed unpinned, as a client sees them: how the scheme of
 * an Authorization header and the X-Api-Key value are read, Content-Type parameters, query pairs
 * without `=` or without a name, and the failure markers of a clone. Headers are sent exactly as
 * given (raw-call.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './harness.js';
import { rawCall } from './raw-call.js';

let sb: TestSandbox;
let projectId: string;
beforeAll(async () => {
  sb = await startTestSandbox({ log: () => {}, timing: { toTrainingMs: 0, toDoneMs: 0 } });
  projectId = (await sb.call('POST', '/v1/projects', { body: { name: 'Wire rules' } })).json.projectId;
}, 60_000);
afterAll(async () => {
  await sb?.close();
});

describe('credentials', () => {
  it('takes "bearer" only as the scheme, at the start of Authorization', async () => {
    for (const authorization of [`Token bearer ${sb.key}`, `xBearer ${sb.key}`]) {
      const answer = await rawCall(sb.url, 'GET', `/v1/projects/${projectId}`, { authorization });
      expect(answer.status, authorization).toBe(401);
      expect(answer.json.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'The Authorization header must be "Bearer <API key>".' });
    }
  });

  it('trims white space the HTTP parser leaves (a no-break space) around an X-Api-Key', async () => {
    const answer = await rawCall(sb.url, 'GET', `/v1/projects/${projectId}`, { 'x-api-key': `\u00a0${sb.key}\u00a0` });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json.projectId).toBe(projectId);
  });
});

describe('Content-Type parameters', () => {
  const send = (contentType: string) => rawCall(sb.url, 'POST', '/v1/projects', { authorization: `Bearer ${sb.key}`, 'content-type': contentType }, '{"name":"Media type"}');

  it('accepts white space before a parameter, empty parameters, and parameters other than charset', async () => {
    for (const type of ['application/json ; charset=utf-8', 'application/json;', 'application/json; ;charset=utf-8', 'application/json; foo=bar', 'application/json; charset = utf-8', 'application/json; charset=utf-8 ; foo=bar']) {
      expect((await send(type)).status, type).toBe(201);
    }
  });

  it('refuses a parameter with more after its value', async () => {
    for (const type of ['application/json; charset=utf-8 x', 'application/json; charset="utf-8"x']) {
      const answer = await send(type);
      expect(answer.status, type).toBe(415);
      expect(answer.json.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request body must be application/json.' });
    }
  });

  it('takes the charset out of its quotes only at the ends, naming it as sent', async () => {
    const answer = await send('application/json; charset="ut\\"f-8"');
    expect(answer.status).toBe(415);
    expect(answer.json.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request body must be UTF-8 JSON; charset=ut\\"f-8 is not supported.' });
  });
});

describe('query pairs', () => {
  const list = (query: string) => sb.call('GET', `/v1/projects/${projectId}/influencers?${query}`);

  it('reads a pair without "=" as a name with an empty value', async () => {
    const answer = await list('limit');
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: 'VALIDATION', message: 'Invalid query.', details: { fieldErrors: { limit: ['Must not be empty.'] } } });
  });

  it('reads a pair starting with "=" as an empty name', async () => {
    const answer = await list('=5');
    expect(answer.status).toBe(422);
    expect(answer.json.error).toEqual({ code: 'VALIDATION', message: 'Invalid query.', requestId: answer.headers.get('x-request-id'), details: { formErrors: ['Unrecognized key.'] } });
  });

  it('decodes "+" in a name as a space', async () => {
    const answer = await list('a+b=1');
    expect(answer.status).toBe(422);
    expect(answer.json.error.details).toEqual({ formErrors: ['"a b": Unrecognized key.'] });
  });
});

describe('the message of each VALIDATION a request can get before its handler', () => {
  const json = { 'content-type': 'application/json' };
  const cases: Array<[string, () => ReturnType<TestSandbox['call']>, string, Record<string, unknown>]> = [
    ['a query name that is not UTF-8', () => sb.call('GET', `/v1/projects/${projectId}/influencers?%ff=1`), 'Invalid query.', { formErrors: ['The query string has a percent-escape that is not UTF-8.'] }],
    ['no body where one is required', () => sb.call('POST', '/v1/projects', { raw: '', headers: json }), 'Invalid body.', { formErrors: ['A JSON body is required.'] }],
    // fetch sends a Buffer as its bytes.
    ['a body that is not UTF-8', () => sb.call('POST', '/v1/projects', { raw: Buffer.from([0x7b, 0xff, 0x7d]) as unknown as string, headers: json }), 'Invalid body.', { formErrors: ['The body is not valid UTF-8.'] }],
    ['malformed JSON', () => sb.call('POST', '/v1/projects', { raw: '{"name":', headers: json }), 'Invalid body.', { formErrors: ['Malformed JSON: Unexpected end of JSON input'] }],
  ];
  for (const [what, send, message, details] of cases) {
    it(`${what}: "${message}"`, async () => {
      const answer = await send();
      expect(answer.status, answer.text).toBe(422);
      expect(answer.json.error).toEqual({ code: 'VALIDATION', message, requestId: answer.headers.get('x-request-id'), details });
    });
  }
});

describe('clone failure markers', () => {
  async function readySource(): Promise<string> {
    const job = (await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: {} })).json;
    expect((await sb.settle(job.jobId)).status).toBe('succeeded');
    return job.influencerId as string;
  }

  it('fails a clone whose prompt carries a marker', async () => {
    const accepted = await sb.call('POST', `/v1/influencers/${await readySource()}/clone`, { body: { name: 'Copy', prompt: 'warm light sandbox:fail' } });
    expect(accepted.status, accepted.text).toBe(202);
    expect(await sb.settle(accepted.json.jobId)).toMatchObject({ status: 'failed', error: { code: 'RENDER_FAILED' } });
  });

  it('fails a clone whose name carries a marker, when the prompt has none', async () => {
    for (const body of [{ name: 'Copy sandbox:reject' }, { name: 'Copy sandbox:reject', prompt: 'warm light' }]) {
      const accepted = await sb.call('POST', `/v1/influencers/${await readySource()}/clone`, { body });
      expect(accepted.status, accepted.text).toBe(202);
      expect(await sb.settle(accepted.json.jobId), JSON.stringify(body)).toMatchObject({ status: 'failed', error: { code: 'PROMPT_REJECTED' } });
    }
  });

  it('lets a clone without markers succeed', async () => {
    const accepted = await sb.call('POST', `/v1/influencers/${await readySource()}/clone`, { body: { name: 'Copy', prompt: 'warm light' } });
    expect(await sb.settle(accepted.json.jobId)).toMatchObject({ status: 'succeeded', error: null });
  });
});
