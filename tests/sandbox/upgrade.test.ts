/**
 * Upgrading a sandbox's data (migration 6): jobs stepped by the old job runner become courses.
 * A PGlite data directory is built at migration 5 with rows as the old runner left them (finished,
 * failed by a marker, failed by a deleted clone source, still pending, still training); the sandbox
 * started on it answers each as before, and the jobs in flight finish at their next scheduled step.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInfluencerId, newJobId, newProjectId } from '../../src/contract/ids.js';
import { DEFAULT_ORG, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { assetIdFor } from '../../src/contract/ids.js';
import { migrate } from '../../src/sandbox/store/migrations.js';
import { openPglite } from '../../src/sandbox/store/pglite.js';

const dir = mkdtempSync(join(tmpdir(), 'layers-sandbox-upgrade-'));
const KEY = 'sk_test_upgrade_key';
const project = newProjectId();
const now = Date.now();
const ago = (s: number) => new Date(now - s * 1000);
// Far enough ahead that the sandbox has started (PGlite from disk, migration) before the steps fall due.
const IN_FLIGHT_MS = 10_000;
type Old = { name: string; status: string; job: string; jobStatus: string; failWith?: string; error?: string; completed?: Date; next: Date; source?: string; deleted?: Date };
const rows: Record<string, Old & { id: string; jobId: string }> = {};
const add = (key: string, old: Old) => (rows[key] = { ...old, id: newInfluencerId(), jobId: newJobId() });
add('ready', { name: 'Ava Reyes', status: 'ready', job: 'ok', jobStatus: 'succeeded', completed: ago(50), next: ago(50) });
add('marked', { name: 'Leo Sato', status: 'failed', job: 'marked', jobStatus: 'failed', failWith: 'sandbox:fail', error: 'RENDER_FAILED', completed: ago(40), next: ago(40) });
add('source', { name: 'Nova Park', status: 'ready', job: 'ok', jobStatus: 'succeeded', completed: ago(45), next: ago(45), deleted: ago(30) });
add('orphan', { name: 'Nova Chen', status: 'failed', job: 'gone', jobStatus: 'failed', error: 'SOURCE_UNAVAILABLE', completed: ago(20), next: ago(20), source: 'source' });
// Their next step is set once the old database is open (beforeAll).
add('pending', { name: 'Mila Das', status: 'pending', job: 'run', jobStatus: 'running', next: new Date(now) });
add('training', { name: 'Kai Vega', status: 'training', job: 'run', jobStatus: 'running', next: new Date(now) });
let due = now;

let sandbox: RunningSandbox;
const api = async (path: string) => (await fetch(sandbox.url + path, { headers: { authorization: `Bearer ${KEY}` } })).json();

beforeAll(async () => {
  const old = await openPglite(dir);
  expect(await migrate(old, 5)).toEqual([1, 2, 3, 4, 5]);
  due = Date.now() + IN_FLIGHT_MS;
  rows.pending!.next = rows.training!.next = new Date(due);
  await old.query(
    `INSERT INTO projects (project_id, org_id, name, target_gender, brand_voice, language, created_at, updated_at, influencers_created)
     VALUES ($1, $2, 'Old', 'any', 'friendly', 'en', $3, $3, $4)`,
    [project, DEFAULT_ORG, ago(60), Object.keys(rows).length],
  );
  for (const r of Object.values(rows)) {
    const images = r.status === 'ready' ? JSON.stringify([{ assetId: assetIdFor(r.id, 1), addedAt: r.completed!.toISOString() }]) : '[]';
    await old.query(
      `INSERT INTO influencers (influencer_id, org_id, project_id, name, gender, age_range, brand_voice, language, status, source_influencer_id, reference_images,
         failure_job_id, failure_code, created_at, updated_at, deleted_at)
       VALUES ($1, $2, $3, $4, 'female', 'adult', 'friendly', 'en', $5, $6, $7::jsonb, $8, $9, $10, $11, $12)`,
      [r.id, DEFAULT_ORG, project, r.name, r.status, r.source ? rows[r.source]!.id : null, images, r.error ? r.jobId : null, r.error ?? null, ago(55), r.completed ?? ago(5), r.deleted ?? null],
    );
    await old.query(
      `INSERT INTO jobs (job_id, org_id, kind, status, influencer_id, fail_with, next_step_at, error_code, created_at, updated_at, completed_at, steps_run)
       VALUES ($1, $2, 'influencer_create', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [r.jobId, DEFAULT_ORG, r.jobStatus, r.id, r.failWith ?? null, r.next, r.error ?? null, ago(55), r.completed ?? ago(5), r.completed ?? null, r.jobStatus === 'running' ? 1 : 2],
    );
  }
  await old.close();
  sandbox = await startSandbox({ dataDir: dir, apiKey: KEY, log: () => {} });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a sandbox started on data from before jobs had courses', () => {
  it('answers finished jobs and their influencers as the runner left them', async () => {
    const ready = await api(`/v1/influencers/${rows.ready!.id}`);
    expect(ready.status).toBe('ready');
    expect(ready.referenceImages.map((i: { assetId: string; addedAt: string }) => [i.assetId, i.addedAt])).toEqual([[assetIdFor(rows.ready!.id, 1), rows.ready!.completed!.toISOString()]]);
    const job = await api(`/v1/jobs/${rows.ready!.jobId}`);
    expect([job.status, job.completedAt, job.error]).toEqual(['succeeded', rows.ready!.completed!.toISOString(), null]);

    for (const key of ['marked', 'orphan'] as const) {
      const influencer = await api(`/v1/influencers/${rows[key]!.id}`);
      expect([influencer.status, influencer.failure?.jobId, influencer.failure?.error.code], key).toEqual(['failed', rows[key]!.jobId, rows[key]!.error]);
      const failed = await api(`/v1/jobs/${rows[key]!.jobId}`);
      expect([failed.status, failed.error?.code, failed.completedAt], key).toEqual(['failed', rows[key]!.error, rows[key]!.completed!.toISOString()]);
    }
    // The deleted source stays gone; its job stays readable.
    expect((await api(`/v1/influencers/${rows.source!.id}`)).error.code).toBe('NOT_FOUND');
    expect((await api(`/v1/jobs/${rows.source!.jobId}`)).status).toBe('succeeded');
  });

  it('finishes the jobs in flight at their next scheduled step', { timeout: 30_000 }, async () => {
    expect(Date.now(), 'the sandbox took longer to start than IN_FLIGHT_MS').toBeLessThan(due - 500);
    expect((await api(`/v1/influencers/${rows.pending!.id}`)).status).toBe('pending');
    expect((await api(`/v1/influencers/${rows.training!.id}`)).status).toBe('training');
    expect((await api(`/v1/jobs/${rows.pending!.jobId}`)).status).toBe('running');
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now()) + 50));
    for (const key of ['pending', 'training'] as const) {
      const job = await api(`/v1/jobs/${rows[key]!.jobId}`);
      expect([job.status, job.completedAt], key).toEqual(['succeeded', rows[key]!.next.toISOString()]);
      expect((await api(`/v1/influencers/${rows[key]!.id}`)).status, key).toBe('ready');
    }
  });

  it('lists the live influencers in their old order and keeps creating after them', async () => {
    const created = await fetch(`${sandbox.url}/v1/projects/${project}/influencers`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: '{}' });
    expect(created.status).toBe(202);
    const fresh = (await created.json()).influencerId;
    const listed = (await api(`/v1/projects/${project}/influencers?limit=100`)).data.map((i: { influencerId: string }) => i.influencerId);
    expect(listed).toEqual([...['ready', 'marked', 'orphan', 'pending', 'training'].map((k) => rows[k]!.id), fresh]);
  });
});
