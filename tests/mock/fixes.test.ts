/**
 * Each fix the mock makes to Prism's answers (FIXES in src/mock/front.ts), shown on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/model.js';
import { FIXES, mockDocument, startMock, type RunningMock } from '../../src/mock/index.js';

const JOB = 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T';
let mock: RunningMock;
const logs: string[] = [];

beforeAll(async () => {
  mock = await startMock({ log: (line) => logs.push(line) });
}, 60_000);
afterAll(async () => mock?.stop());

const call = (path: string, init: RequestInit = {}) => fetch(`${mock.url}${path}`, { ...init, headers: { authorization: 'Bearer test', ...(init.headers as Record<string, string>) } });

describe('the mock front', () => {
  it('lists every fix it makes', () => {
    expect(Object.keys(FIXES).sort()).toEqual(['bearerCaseInsensitive', 'frontValidates', 'problemToEnvelope', 'requestIds', 'responseExamplesWin', 'restartPrism']);
  });

  it(`responseExamplesWin: ${FIXES.responseExamplesWin}`, async () => {
    const served = mockDocument(loadContract().doc);
    expect(Object.values(served.components?.schemas ?? {}).filter((s) => s.examples !== undefined)).toEqual([]);
    // …so a 404 answers the operation's own example (Job not found), not ErrorEnvelope's schema example.
    const response = await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'code=404' } });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error.code).toBe('NOT_FOUND');
    const documented = loadContract().operation('getJob').responses.find((r) => r.status === 404)!.examples.map((e) => JSON.stringify(e.value));
    expect(documented).toContain(JSON.stringify({ ...body, error: { ...body.error, requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' } }));
  });

  it(`requestIds: ${FIXES.requestIds}`, async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'code=404' } });
      const body = await response.json();
      expect(response.headers.get('x-request-id')).toBe(body.error.requestId);
      ids.add(body.error.requestId);
    }
    expect(ids.size).toBe(3);
    const ok = await call(`/v1/jobs/${JOB}`);
    expect(ok.headers.get('x-request-id')).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('answers 401 with the documented WWW-Authenticate challenge', async () => {
    const response = await fetch(`${mock.url}/v1/jobs/${JOB}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(loadContract().doc.components?.headers?.WWWAuthenticate?.example);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="/);
  });

  it(`frontValidates: ${FIXES.frontValidates} — the 422 names the real field`, async () => {
    const response = await call('/v1/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bloom', colour: 'red' }) });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(Object.keys(body.error.details.fieldErrors)).toEqual(['colour']);
    const path = await (await call('/v1/projects/abc')).json();
    expect(Object.keys(path.error.details.fieldErrors)).toEqual(['projectId']);
  });

  it('caps a 422 with 1,500 field errors as ErrorDetails says', async () => {
    const body = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, i]));
    const response = await call('/v1/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', ...body }) });
    expect(response.status).toBe(422);
    const maxFields = loadContract().schema('ErrorDetails').properties!.fieldErrors!.maxProperties!;
    expect(Object.keys((await response.json()).error.details.fieldErrors).length).toBe(maxFields);
  });

  it('refuses an empty Idempotency-Key, as the sandbox does', async () => {
    const response = await call('/v1/projects', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': '' }, body: JSON.stringify({ name: 'Bloom' }) });
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).error.details.fieldErrors)).toEqual(['Idempotency-Key']);
  });

  it(`bearerCaseInsensitive: ${FIXES.bearerCaseInsensitive}`, async () => {
    const response = await fetch(`${mock.url}/v1/jobs/${JOB}`, { headers: { authorization: 'bEaReR test' } });
    expect(response.status).toBe(200);
  });

  it(`problemToEnvelope: ${FIXES.problemToEnvelope}`, async () => {
    // A Prefer example name the operation does not have: Prism answers problem+json; the mock answers the envelope.
    const response = await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'example=no_such_example' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(typeof body.error.code).toBe('string');
    expect(response.status).toBeLessThan(500);
  });

  it(`restartPrism: ${FIXES.restartPrism}`, async () => {
    const before = mock.prism.pid;
    process.kill(before, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await call(`/v1/jobs/${JOB}`)).status;
      if (status === 200 && mock.prism.pid !== before) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect(mock.prism.pid).not.toBe(before);
    expect(logs.some((line) => line.includes('exited; starting it again'))).toBe(true);
    // The killed Prism is gone, not orphaned.
    expect(() => process.kill(before, 0)).toThrow();
  }, 40_000);
});
