/**
 * Each fix the mock makes to Prism's answers (FIXES in src/mock/front.ts), shown on the wire.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/model.js';
import { LayersClient, LayersValidationError } from '../../src/client/index.js';
import { problemToError } from '../../src/mock/front.js';
import { checkDefaultExamples } from '../../src/mock/prefer.js';
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
  it('runs Prism on its own Node (process.execPath), not on the first `node` on PATH', () => {
    const argv = readFileSync(`/proc/${mock.prism.pid}/cmdline`, 'utf8').split('\0');
    expect(realpathSync(`/proc/${mock.prism.pid}/exe`)).toBe(realpathSync(process.execPath));
    expect(argv.slice(0, 3)).toEqual([process.execPath, createRequire(import.meta.url).resolve('@stoplight/prism-cli'), 'mock']);
  });

  it('lists every fix it makes', () => {
    expect(Object.keys(FIXES).sort()).toEqual([
      'acceptIgnored', 'bearerCaseInsensitive', 'createdLocation', 'dynamicRefused', 'frontValidates', 'jobsFinish', 'noReplayHeader',
      'pagesEnd', 'preferChecked', 'problemToEnvelope', 'requestIds', 'responseExamplesWin', 'restartPrism',
    ]);
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

  it(`problemToEnvelope: ${FIXES.problemToEnvelope}`, () => {
    const error = problemToError(404, JSON.stringify({ type: 'https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR', title: 'Route not resolved, no path matched', status: 404 }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'The mock could not answer: Route not resolved, no path matched' });
    expect(problemToError(406, 'not json')).toMatchObject({ code: 'INTERNAL', message: 'Prism failed.' });
  });

  it(`acceptIgnored: ${FIXES.acceptIgnored}`, async () => {
    const response = await call(`/v1/jobs/${JOB}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).jobId).toBe(JOB);
  });

  it(`jobsFinish: ${FIXES.jobsFinish}`, async () => {
    expect((await (await call(`/v1/jobs/${JOB}`)).json()).status).toBe('succeeded');
    expect((await (await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'example=running' } })).json()).status).toBe('running');
    expect((await (await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'code=200' } })).json()).status).toBe('succeeded');
  });

  it('refuses to start when a default example is not in the contract', () => {
    const doc = structuredClone(loadContract().doc);
    // The bundle's getJob path item is inline and its 200 has JSON examples (the test above reads them).
    const item = doc.paths['/v1/jobs/{jobId}'] as { get: { responses: Record<string, { content: Record<string, { examples: Record<string, unknown> }> }> } };
    const ok = item.get.responses['200']!;
    delete ok.content['application/json']!.examples.succeeded;
    expect(() => checkDefaultExamples(loadContract(doc))).toThrow('mock: the default example succeeded of getJob is not in the contract (has running, failed)');
    expect(() => checkDefaultExamples(loadContract())).not.toThrow();
  });

  it(`pagesEnd: ${FIXES.pagesEnd}`, async () => {
    const list = `/v1/projects/prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39/influencers`;
    const first = await (await call(list)).json();
    expect(typeof first.nextCursor).toBe('string');
    const last = await (await call(`${list}?cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(last.nextCursor).toBeNull();
  });

  it(`preferChecked: ${FIXES.preferChecked}`, async () => {
    const statuses = loadContract().operation('getJob').responses.map((r) => r.status).join(', ');
    const code = await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'code=418' } });
    expect(code.status).toBe(422);
    const codeBody = await code.json();
    expect(codeBody.error).toMatchObject({ code: 'VALIDATION', message: `Prefer: code=418 is not a status getJob documents. Ask for one of: ${statuses}.` });
    expect(codeBody.error.details.fieldErrors.Prefer).toEqual([`Documented statuses: ${statuses}.`]);

    const example = await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'example=no_such_example' } });
    expect(example.status).toBe(422);
    expect((await example.json()).error.message).toBe("Prefer: example=no_such_example is not an example of getJob's 200 response. Ask for one of: running, succeeded, failed.");
    const wrongStatus = await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'code=404, example=running' } });
    expect((await wrongStatus.json()).error.message).toMatch(/^Prefer: example=running is not an example of getJob's 404 response\. Ask for one of: not_found\.$/);
    // Documented ones still work, together and apart.
    expect((await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'code=404, example=not_found' } })).status).toBe(404);
  });

  it(`dynamicRefused: ${FIXES.dynamicRefused}`, async () => {
    const response = await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'dynamic=true' } });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.message).toMatch(/^Prefer: dynamic=true is not supported by this mock/);
    expect(body.error.message).toContain('example=<name>');
    expect((await call(`/v1/jobs/${JOB}`, { headers: { prefer: 'dynamic=false' } })).status).toBe(200);
  });

  it(`noReplayHeader and createdLocation: ${FIXES.noReplayHeader}; ${FIXES.createdLocation}`, async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bloom' }) };
    const created = await call('/v1/projects', init);
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotency-replayed')).toBeNull();
    expect(created.headers.get('location')).toBe(`/v1/projects/${(await created.json()).projectId}`);
    const started = await call('/v1/projects/prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39/influencers', { ...init, body: '{}' });
    expect(started.status).toBe(202);
    expect(started.headers.get('idempotency-replayed')).toBeNull();
    expect(started.headers.get('location')).toBe((await started.json()).locationUrl);
    expect(started.headers.get('sl-violations')).toBeNull();
  });

  it('the client’s partner flows end against the mock, and a bad Prefer is a LayersValidationError', async () => {
    const layers = new LayersClient({ apiKey: 'sk_test_mock', baseUrl: mock.url });
    const project = await layers.createProject({ name: 'Bloom Habits' });
    expect(project.lastResponse.headers.get('location')).toBe(`/v1/projects/${project.projectId}`);
    expect(project.lastResponse.idempotencyReplayed).toBe(false);
    const created = await layers.createInfluencerAndWait({ projectId: project.projectId }, {}, { initialIntervalMs: 10 });
    expect(created.status).toBe('ready');
    const clone = await layers.cloneInfluencerAndWait({ influencerId: created.influencerId }, { name: 'Maria (ES)' }, { initialIntervalMs: 10 });
    expect(clone.status).toBe('ready');
    const all = [];
    for await (const influencer of layers.paginateInfluencers({ projectId: project.projectId })) all.push(influencer.influencerId);
    const examples = loadContract().operation('listInfluencers').responses.find((r) => r.status === 200)!.examples;
    const pageLength = (name: string) => (examples.find((e) => e.name === name)!.value as { data: unknown[] }).data.length;
    expect(all).toHaveLength(pageLength('page') + pageLength('last_page'));
    expect((await layers.patchInfluencer({ influencerId: created.influencerId }, { brandVoice: 'witty' })).brandVoice).toBe('witty');
    expect((await layers.deleteInfluencer({ influencerId: created.influencerId })).status).toBe('deleted');
    const refused = await layers.getJob({ jobId: JOB }, { headers: { Prefer: 'code=418' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LayersValidationError);
    expect((refused as LayersValidationError).requestId).toBe((refused as LayersValidationError).headers?.get('x-request-id'));
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
