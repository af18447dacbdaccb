/**
 * How the sandbox reads credentials and scopes, as a client sees it: the 401 message for each way
 * of getting the headers wrong, the WWW-Authenticate challenge, and the 403 naming the scopes that
 * would grant the operation (from the contract). Headers are sent exactly as given (raw-call.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/model.js';
import { newApiKey } from '../../src/sandbox/auth.js';
import { startTestSandbox, type TestSandbox } from './harness.js';
import { rawCall } from './raw-call.js';

const contract = loadContract();
const challenge = contract.doc.components!.headers!.WWWAuthenticate!.example as string;
const PROJECT = '/v1/projects/prj_00000000-0000-4000-8000-000000000000';
const readOnlyKey = `sk_test_read_${Date.now()}`;
const jobsKey = `sk_test_jobs_${Date.now()}`;

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({
    log: () => {},
    extraKeys: [
      { key: readOnlyKey, orgId: `org_read_${Date.now()}`, scopes: ['projects:read', 'influencers:read'] },
      { key: jobsKey, orgId: `org_jobs_${Date.now()}`, scopes: ['jobs:read'] },
    ],
  });
}, 60_000);
afterAll(async () => {
  await sb?.close();
});

const get = (headers: Record<string, string | string[]>, path = PROJECT) => rawCall(sb.url, 'GET', path, headers);

async function unauthenticated(headers: Record<string, string | string[]>, message: string) {
  const answer = await get(headers);
  expect(answer.status, JSON.stringify(headers)).toBe(401);
  expect(answer.json.error).toMatchObject({ code: 'UNAUTHENTICATED', message });
  expect(answer.headers['www-authenticate']).toBe(challenge);
  expect(answer.json.error.requestId).toBe(answer.headers['x-request-id']);
}

describe('401: how the key was sent', () => {
  it('no key at all', async () => {
    await unauthenticated({}, 'Missing API key: send Authorization: Bearer <key> or X-Api-Key.');
    await unauthenticated({ 'x-api-key': '   ' }, 'Missing API key: send Authorization: Bearer <key> or X-Api-Key.');
  });

  it('an Authorization header that is not Bearer', async () => {
    for (const authorization of ['Basic abc', `Token ${'k'}`, 'Bearer', `Bearer${'x'}`]) {
      await unauthenticated({ authorization }, 'The Authorization header must be "Bearer <API key>".');
    }
  });

  it('either header twice', async () => {
    const message = 'Send one Authorization or X-Api-Key header, once.';
    await unauthenticated({ authorization: [`Bearer ${sb.key}`, `Bearer ${sb.key}`] }, message);
    await unauthenticated({ 'x-api-key': [sb.key, sb.key] }, message);
  });

  it('Authorization and X-Api-Key that disagree', async () => {
    await unauthenticated({ authorization: `Bearer ${sb.key}`, 'x-api-key': sb.otherOrgKey }, 'Authorization and X-Api-Key carry different keys.');
  });

  it('a key the sandbox does not know', async () => {
    await unauthenticated({ authorization: 'Bearer sk_test_unknown' }, 'Unknown API key.');
    await unauthenticated({ 'x-api-key': 'sk_test_unknown' }, 'Unknown API key.');
  });
});

describe('accepted ways to send the key', () => {
  it('Bearer in any case, padded, or X-Api-Key, or both when they agree', async () => {
    const ways: Array<Record<string, string>> = [
      { authorization: `Bearer ${sb.key}` },
      { authorization: `bearer ${sb.key}` },
      { authorization: `BEARER   ${sb.key}  ` },
      { 'x-api-key': sb.key },
      { 'x-api-key': ` ${sb.key} ` },
      { authorization: `Bearer ${sb.key}`, 'x-api-key': sb.key },
    ];
    for (const headers of ways) {
      // Past authentication: the project does not exist, so 404.
      expect((await get(headers)).status, JSON.stringify(headers)).toBe(404);
    }
  });

  it('the same key again (answered from the key cache) is still its own org', async () => {
    const created = await rawCall(sb.url, 'POST', '/v1/projects', { 'x-api-key': sb.key, 'content-type': 'application/json' }, '{"name":"Auth cache"}');
    expect(created.status).toBe(201);
    const path = `/v1/projects/${created.json.projectId}`;
    expect((await get({ 'x-api-key': sb.key }, path)).status).toBe(200);
    expect((await get({ 'x-api-key': sb.key }, path)).status).toBe(200);
    expect((await get({ 'x-api-key': sb.otherOrgKey }, path)).status).toBe(404);
  });
});

describe('403: scopes', () => {
  const lacks = (operationId: string) => {
    const [own, ...others] = contract.operations.find((op) => op.operationId === operationId)!.scopes;
    return `This key lacks the ${own} scope${others.length ? ` (${others.join(' or ')} also grants it)` : ''}.`;
  };

  it('names the scope, and the others that would grant it', async () => {
    const answer = await get({ authorization: `Bearer ${jobsKey}` });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({ code: 'FORBIDDEN_SCOPE', message: lacks('getProject') });
    expect(lacks('getProject')).toContain(' also grants it');
  });

  it('joins several other granting scopes with "or"', async () => {
    const answer = await get({ authorization: `Bearer ${readOnlyKey}` }, '/v1/jobs/job_00000000000000000000000000');
    expect(answer.status).toBe(403);
    expect(answer.json.error.message).toBe(lacks('getJob'));
    expect(lacks('getJob')).toMatch(/ \(\S+ or \S+ also grants it\)\.$/);
  });

  it('names a single scope plainly', async () => {
    const answer = await rawCall(sb.url, 'POST', '/v1/projects', { authorization: `Bearer ${readOnlyKey}`, 'content-type': 'application/json' }, '{"name":"No scope"}');
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({ code: 'FORBIDDEN_SCOPE', message: lacks('createProject') });
    expect(lacks('createProject')).not.toContain('also');
  });

  it('lets any one of the granting scopes through', async () => {
    expect((await get({ authorization: `Bearer ${readOnlyKey}` })).status).toBe(404);
    expect((await get({ authorization: `Bearer ${jobsKey}` }, '/v1/jobs/job_00000000000000000000000000')).status).toBe(404);
  });

  it('checks the key before validating the request', async () => {
    expect((await get({}, '/v1/projects/nope')).status).toBe(401);
    expect((await get({ authorization: `Bearer ${jobsKey}` }, '/v1/projects/nope')).status).toBe(403);
  });
});

describe('generated sandbox keys', () => {
  it('are sk_sandbox_ and 32 base64url characters, different each time', () => {
    const a = newApiKey();
    expect(a).toMatch(/^sk_sandbox_[A-Za-z0-9_-]{32}$/);
    expect(newApiKey()).not.toBe(a);
  });
});
