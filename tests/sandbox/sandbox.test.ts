/**
 * The sandbox's own behaviour beyond what the contract suite can see: idempotency, jobs and their
 * failure path, inheritance, soft delete, hashed keys, portraits, and never a 5xx from input.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set (`.ci/run` sets it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPortraitPng } from '../../src/sandbox/portrait.js';
import { OBSERVABLE_PHASES, STORAGE, startTestSandbox, type TestSandbox } from './harness.js';

let sb: TestSandbox;
let projectId: string;
// A sandbox with slower jobs, for the tests that watch a job's steps. Started here rather than inside
// the tests: a sandbox started inside a test credits all start-up code (compiling every operation's
// validation) to that one test in Stryker's per-test coverage (tests/README.md, "Sandbox area").
let slow: TestSandbox;

beforeAll(async () => {
  sb = await startTestSandbox();
  slow = await startTestSandbox({ timing: OBSERVABLE_PHASES });
  const project = await sb.call('POST', '/v1/projects', { body: { name: 'Bloom Habits', targetGender: 'male', brandVoice: 'warm', language: 'pt-BR' } });
  expect(project.status).toBe(201);
  projectId = project.json.projectId;
}, 60_000);

afterAll(async () => {
  await sb?.close();
  await slow?.close();
});

async function createReady(body: unknown = {}): Promise<any> {
  const accepted = await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body });
  expect(accepted.status, accepted.text).toBe(202);
  expect((await sb.settle(accepted.json.jobId)).status).toBe('succeeded');
  return (await sb.call('GET', `/v1/influencers/${accepted.json.influencerId}`)).json;
}

describe(`idempotency (${STORAGE})`, () => {
  it('replays the first response exactly, and says so', async () => {
    const headers = { 'idempotency-key': `replay-${Date.now()}` };
    const first = await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: { ageRange: 'teen' }, headers });
    const second = await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: { ageRange: 'teen' }, headers });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(second.headers.get('idempotency-replayed')).toBe('true');
  });

  it('rejects the same key with a different body, and creates nothing', async () => {
    const headers = { 'idempotency-key': `mismatch-${Date.now()}` };
    await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: { ageRange: 'teen' }, headers });
    const count = `SELECT count(*)::int AS n FROM influencers WHERE project_id = '${projectId}'`;
    const before = await sb.db.query<{ n: number }>(count);
    const other = await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: { ageRange: 'senior' }, headers });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await sb.db.query(count)).toEqual(before);
  });

  it('creates exactly one resource from concurrent requests with one key', async () => {
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: { prompt: 'racing' }, headers })),
    );
    const accepted = answers.filter((a) => a.status === 202);
    // Each answer is the one job, first or replayed; 409 IN_USE is the contract's answer for one still in flight.
    expect(answers.every((a) => a.status === 202 || (a.status === 409 && a.json.error.code === 'IDEMPOTENCY_KEY_IN_USE'))).toBe(true);
    expect(new Set(accepted.map((a) => a.json.jobId)).size).toBe(1);
    const rows = await sb.db.query<{ n: number }>("SELECT count(*)::int AS n FROM influencers WHERE prompt = 'racing' AND project_id = $1", [projectId]);
    expect(rows[0]!.n).toBe(1);
  });

  it('scopes keys to the operation and to the org', async () => {
    const key = `scoped-${Date.now()}`;
    const project = await sb.call('POST', '/v1/projects', { body: { name: 'Scoped' }, headers: { 'idempotency-key': key } });
    const influencer = await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: {}, headers: { 'idempotency-key': key } });
    const otherOrg = await sb.call('POST', '/v1/projects', { body: { name: 'Scoped' }, headers: { 'idempotency-key': key }, key: sb.otherOrgKey });
    expect([project.status, influencer.status, otherOrg.status]).toEqual([201, 202, 201]);
    expect(otherOrg.json.projectId).not.toBe(project.json.projectId);
    expect(otherOrg.headers.get('idempotency-replayed')).toBeNull();
  });

  it('forgets keys after 24 hours', async () => {
    const headers = { 'idempotency-key': `expiry-${Date.now()}` };
    const first = await sb.call('POST', '/v1/projects', { body: { name: 'Expiring' }, headers });
    await sb.db.query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = $1", [headers['idempotency-key']]);
    const again = await sb.call('POST', '/v1/projects', { body: { name: 'Expiring' }, headers });
    expect(again.status).toBe(201);
    expect(again.json.projectId).not.toBe(first.json.projectId);
    expect(again.headers.get('idempotency-replayed')).toBeNull();
  });

  it('rejects a malformed key as VALIDATION', async () => {
    const answer = await sb.call('POST', '/v1/projects', { body: { name: 'x' }, headers: { 'idempotency-key': 'x'.repeat(256) } });
    expect(answer.status).toBe(422);
    expect(answer.json.error.details.fieldErrors['Idempotency-Key']).toBeDefined();
  });
});

describe(`jobs and inheritance (${STORAGE})`, () => {
  it('inherits gender, voice and language from the project, and renders a portrait the sandbox serves', async () => {
    const influencer = await createReady();
    expect(influencer).toMatchObject({ gender: 'male', ageRange: 'young_adult', brandVoice: 'warm', language: 'pt-BR', status: 'ready' });
    expect(influencer.referenceImages).toHaveLength(1);
    const image = await fetch(influencer.referenceImages[0].url);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.equals(renderPortraitPng(influencer.referenceImages[0].assetId, 512))).toBe(true);
  });

  it('falls back to female when the project targets any gender', async () => {
    const project = await sb.call('POST', '/v1/projects', { body: { name: 'Any', appDescription: 'A budgeting app for students.' } });
    const job = await sb.settle(project.json.initialInfluencer.jobId);
    expect(job.status).toBe('succeeded');
    const influencer = (await sb.call('GET', `/v1/influencers/${job.influencerId}`)).json;
    expect(influencer).toMatchObject({ gender: 'female', brandVoice: 'authentic', language: 'en' });
  });

  it('walks pending → training → ready', async () => {
    const project = await slow.call('POST', '/v1/projects', { body: { name: 'Slow' } });
    const accepted = await slow.call('POST', `/v1/projects/${project.json.projectId}/influencers`, { body: {} });
    const seen = new Set<string>();
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      const status = (await slow.call('GET', `/v1/influencers/${accepted.json.influencerId}`)).json.status as string;
      seen.add(status);
      if (status === 'ready') break;
      await new Promise((r) => setTimeout(r, 15));
    }
    expect([...seen]).toEqual(['pending', 'training', 'ready']);
  });

  it.each([
    ['sandbox:fail', 'RENDER_FAILED'],
    ['sandbox:reject', 'PROMPT_REJECTED'],
  ])('fails a job deterministically when the prompt contains %s', async (marker, code) => {
    const accepted = await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: { prompt: `soft light ${marker}` } });
    const job = await sb.settle(accepted.json.jobId);
    expect(job).toMatchObject({ status: 'failed', error: { code } });
    expect(job.completedAt).not.toBeNull();
    expect((await sb.call('GET', `/v1/influencers/${accepted.json.influencerId}`)).json.status).toBe('failed');
  });

  it('clones a ready influencer with overrides into the same project', async () => {
    const source = await createReady({ gender: 'female', ageRange: 'adult' });
    const accepted = await sb.call('POST', `/v1/influencers/${source.influencerId}/clone`, { body: { name: 'Maria (ES)', overrides: { language: 'es-MX' } } });
    expect(accepted.status).toBe(202);
    expect((await sb.settle(accepted.json.jobId)).status).toBe('succeeded');
    const clone = (await sb.call('GET', `/v1/influencers/${accepted.json.influencerId}`)).json;
    expect(clone).toMatchObject({ name: 'Maria (ES)', projectId, gender: 'female', ageRange: 'adult', brandVoice: 'warm', language: 'es-MX', status: 'ready' });
    expect(clone.referenceImages[0].assetId).not.toBe(source.referenceImages[0].assetId);
  });

  it('refuses to clone a source that is not ready (409 CONFLICT)', async () => {
    const failing = await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: { prompt: 'sandbox:fail' } });
    await sb.settle(failing.json.jobId);
    const answer = await sb.call('POST', `/v1/influencers/${failing.json.influencerId}/clone`, { body: { name: 'Copy' } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('CONFLICT');
  });

  it('fails a clone whose source is deleted before the render finishes (SOURCE_UNAVAILABLE)', async () => {
    const project = await slow.call('POST', '/v1/projects', { body: { name: 'Clone race' } });
    const source = await slow.call('POST', `/v1/projects/${project.json.projectId}/influencers`, { body: {} });
    await slow.settle(source.json.jobId);
    const clone = await slow.call('POST', `/v1/influencers/${source.json.influencerId}/clone`, { body: { name: 'Orphan' } });
    expect((await slow.call('DELETE', `/v1/influencers/${source.json.influencerId}`)).status).toBe(200);
    expect(await slow.settle(clone.json.jobId)).toMatchObject({ status: 'failed', error: { code: 'SOURCE_UNAVAILABLE' } });
  });

  it('names personas deterministically from the brand context and hints', async () => {
    const make = async () => {
      const project = await sb.call('POST', '/v1/projects', { body: { name: 'Twin', appDescription: 'Sunscreen for surfers.' } });
      return (await sb.call('GET', `/v1/influencers/${project.json.initialInfluencer.influencerId}`)).json.name as string;
    };
    expect(await make()).toBe(await make());
  });
});

describe(`delete, keys and input (${STORAGE})`, () => {
  it('keeps the delete reason for audit without exposing it', async () => {
    const influencer = await createReady();
    const deleted = await sb.call('DELETE', `/v1/influencers/${influencer.influencerId}`, { body: { reason: 'Retired after the campaign.' } });
    expect(deleted.json).toMatchObject({ influencerId: influencer.influencerId, status: 'deleted' });
    const [row] = await sb.db.query<{ delete_reason: string; deleted_at: Date }>('SELECT delete_reason, deleted_at FROM influencers WHERE influencer_id = $1', [influencer.influencerId]);
    expect(row?.delete_reason).toBe('Retired after the campaign.');
    expect(row?.deleted_at).toBeInstanceOf(Date);
    expect((await sb.call('GET', `/v1/influencers/${influencer.influencerId}`)).status).toBe(404);
  });

  it('answers an oversized body with 422 and keeps the connection usable (found by the fuzzer)', async () => {
    const big = await sb.call('POST', '/v1/projects', { body: { name: '💭'.repeat(100_000) } });
    expect(big.status).toBe(422);
    const next = await sb.call('POST', '/v1/projects', { body: { name: 'After the big one' } });
    expect(next.status).toBe(201);
  });

  it('accepts the Bearer scheme in any case', async () => {
    const answer = await sb.call('GET', `/v1/projects/${projectId}`, { headers: { authorization: `bEaReR ${sb.key}` } });
    expect(answer.status).toBe(200);
  });

  it('stores API keys only as hashes', async () => {
    const rows = await sb.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.key_hash === sb.key)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash))).toBe(true);
  });

  it('answers hostile input with the envelope, never a 5xx, and changes nothing', async () => {
    const count = `SELECT count(*)::int AS n FROM influencers WHERE project_id = '${projectId}'`;
    const before = await sb.db.query(count);
    const attempts = [
      sb.call('POST', `/v1/projects/${projectId}/influencers`, { raw: '{"gender":"female"', headers: { 'content-type': 'application/json' } }),
      sb.call('POST', `/v1/projects/${projectId}/influencers`, { raw: 'x'.repeat(70_000), headers: { 'content-type': 'application/json' } }),
      sb.call('POST', `/v1/projects/${projectId}/influencers`, { raw: '[]', headers: { 'content-type': 'application/json' } }),
      sb.call('POST', `/v1/projects/${projectId}/influencers`, { raw: 'null', headers: { 'content-type': 'application/json' } }),
      sb.call('POST', `/v1/projects/${projectId}/influencers`, { raw: '{"prompt":"ok"}', headers: { 'content-type': 'application/xml' } }),
      sb.call('PATCH', `/v1/influencers/inf_%ZZ`, { body: { name: 'x' } }),
      sb.call('GET', `/v1/projects/${projectId}/influencers?cursor=${'A'.repeat(40)}`),
      sb.call('GET', `/v1/projects/${projectId}/influencers?limit=abc`),
      sb.call('GET', `/v1/projects/${projectId}/influencers?unknown=1`),
      sb.call('POST', '/v1/projects', { body: { name: ' padded ' } }),
      sb.call('POST', '/v1/projects', { body: { name: 'x', appDescription: '\u0000' } }),
      // Found by the fuzzer: keys that exist on every JS object, and lone surrogates.
      sb.call('POST', `/v1/projects/${projectId}/influencers`, { raw: '{"constructor":{},"__proto__":1,"valueOf":2}', headers: { 'content-type': 'application/json' } }),
      sb.call('PATCH', `/v1/influencers/inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c`, { raw: '{"name":"\\ud800x"}', headers: { 'content-type': 'application/json' } }),
      sb.call('DELETE', '/v1/projects'),
      sb.call('GET', '/v1/influencers/inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c', { headers: { authorization: 'Basic abc' } }),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.text).toBeLessThan(500);
      expect(Object.keys(answer.json.error).sort()).toEqual(expect.arrayContaining(['code', 'message', 'requestId']));
    }
    expect(await sb.db.query(count)).toEqual(before);
  });
});
