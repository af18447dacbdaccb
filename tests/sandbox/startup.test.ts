/**
 * What a sandbox derives from the contract when it starts, seen on the wire: the path and query
 * schemas it compiles for every operation, where it reads an Idempotency-Key, the defaults an empty
 * optional body takes, its /media/ route, its limits and its log.
 *
 * Each test starts its own sandbox in `beforeEach`, on purpose: Stryker's per-test coverage credits
 * code run in `beforeEach` to the test, so the start-up code (src/contract/requests.ts `compile`,
 * src/sandbox/server.ts `createSandboxServer`) is tested against these tests, which check what it
 * builds. Started in a `beforeAll` it would be a static mutant, ignored in the sandbox area.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/model.js';
import { startTestSandbox, type TestSandbox } from './harness.js';
import { rawCall } from './raw-call.js';

const contract = loadContract();
const limit = contract.doc.components!.parameters!.Limit!.schema as { default: number };

let sb: TestSandbox;
let logged: string[];
beforeEach(async () => {
  logged = [];
  sb = await startTestSandbox({ log: (line) => logged.push(line), timing: { toTrainingMs: 0, toDoneMs: 0 } });
}, 60_000);
afterEach(async () => {
  await sb?.close();
});

async function newProject(body: Record<string, unknown> = { name: 'Start-up' }) {
  const answer = await sb.call('POST', '/v1/projects', { body });
  expect(answer.status, answer.text).toBe(201);
  return answer.json;
}

describe('a freshly started sandbox', () => {
  // First in the file, on purpose: the Ajv set-up behind every sandbox's validation is built once
  // per test file (a module-level cache), inside whichever test starts the first sandbox, and
  // per-test coverage credits it to that test alone. So the first test checks what that set-up
  // decides: the contract's defaults filled into an empty body.
  it("gives a project's first influencer the contract's defaults for an empty create body", async () => {
    const ageRange = contract.schema('InfluencerCreateRequest').properties!.ageRange!.default;
    expect(ageRange).toBeDefined();
    const project = await newProject({ name: 'Defaults', appDescription: 'A recipe app for busy parents.' });
    expect((await sb.settle(project.initialInfluencer.jobId)).status).toBe('succeeded');
    const first = await sb.call('GET', `/v1/influencers/${project.initialInfluencer.influencerId}`);
    expect(first.json.ageRange).toBe(ageRange);
    const empty = await sb.call('POST', `/v1/projects/${project.projectId}/influencers`, { raw: '' });
    expect(empty.status, empty.text).toBe(202);
    expect((await sb.call('GET', `/v1/influencers/${empty.json.influencerId}`)).json.ageRange).toBe(ageRange);
  });

  it('validates path parameters against the contract', async () => {
    const answer = await sb.call('GET', '/v1/influencers/inf_x');
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('VALIDATION');
    expect(answer.json.error.message).toBe('Invalid path parameter.');
    expect(Object.keys(answer.json.error.details.fieldErrors)).toEqual(['influencerId']);
  });

  it('closes the query string to the parameters the contract lists, none of them required', async () => {
    const { projectId } = await newProject();
    const unknown = await sb.call('GET', `/v1/projects/${projectId}/influencers?zz=1`);
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toMatchObject({ code: 'VALIDATION', message: 'Invalid query.', details: { fieldErrors: { zz: ['Unrecognized key.'] } } });
    const bare = await sb.call('GET', `/v1/projects/${projectId}/influencers`);
    expect(bare.status, bare.text).toBe(200);
    expect(bare.json).toEqual({ data: [], nextCursor: null });
  });

  it(`fills the contract's default page size (${limit.default}) into a list without limit`, async () => {
    const { projectId } = await newProject();
    for (let i = 0; i <= limit.default; i++) expect((await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: {} })).status).toBe(202);
    const page = await sb.call('GET', `/v1/projects/${projectId}/influencers`);
    expect(page.status, page.text).toBe(200);
    expect(page.json.data).toHaveLength(limit.default);
    expect(typeof page.json.nextCursor).toBe('string');
  });

  it('reads the Idempotency-Key header where the contract declares it', async () => {
    const headers = { 'idempotency-key': `startup-${Date.now()}` };
    const first = await sb.call('POST', '/v1/projects', { body: { name: 'Keyed' }, headers });
    const again = await sb.call('POST', '/v1/projects', { body: { name: 'Keyed' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.json.projectId).toBe(first.json.projectId);
    const bad = await sb.call('POST', '/v1/projects', { body: { name: 'Keyed' }, headers: { 'idempotency-key': '' } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toBe('Invalid Idempotency-Key header.');
    expect(Object.keys(bad.json.error.details.fieldErrors)).toEqual(['Idempotency-Key']);
  });

  it('serves portraits under /media/, cacheable for a year, and 404s other names there', async () => {
    const { projectId } = await newProject();
    const job = (await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: {} })).json;
    await sb.settle(job.jobId);
    const influencer = (await sb.call('GET', `/v1/influencers/${job.influencerId}`)).json;
    for (const url of [influencer.referenceImages[0].url, influencer.referenceImages[0].thumbnailUrl]) {
      const png = await fetch(url);
      expect(png.status, url).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const missing = await fetch(`${sb.url}/media/portrait.png`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: 'NOT_FOUND', message: 'No such media file.' });
  });

  it('logs an internal error and answers 500 INTERNAL without its detail', async () => {
    const { projectId } = await newProject(); // the key is looked up once and cached
    const { query, run } = sb.db;
    // The storage fails, whichever way a statement is sent.
    const fail = () => Promise.reject(new Error('disk on fire'));
    sb.db.query = fail;
    sb.db.run = fail;
    try {
      const answer = await sb.call('GET', `/v1/projects/${projectId}`);
      expect(answer.status).toBe(500);
      expect(answer.json.error).toMatchObject({ code: 'INTERNAL', message: 'Internal error. Retry later.' });
      expect(answer.text).not.toContain('disk on fire');
    } finally {
      Object.assign(sb.db, { query, run });
    }
    expect(logged.some((line) => line.startsWith(`internal error on GET /v1/projects/${projectId}: Error: disk on fire`))).toBe(true);
  });
});

describe('a sandbox started with limits', () => {
  it('refuses a body over its bodyBytes', async () => {
    const small = await startTestSandbox({ log: () => {}, limits: { bodyBytes: 64 } });
    try {
      const answer = await rawCall(small.url, 'POST', '/v1/projects', { authorization: `Bearer ${small.key}`, 'content-type': 'application/json' }, JSON.stringify({ name: 'x'.repeat(100) }));
      expect(answer.status).toBe(422);
      expect(answer.json.error).toMatchObject({ code: 'VALIDATION', details: { formErrors: ['Body larger than 64 bytes.'] } });
    } finally {
      await small.close();
    }
  });
});
