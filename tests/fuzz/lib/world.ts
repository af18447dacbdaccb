/**
 * The fuzz target (FUZZ_TARGET = mock | sandbox) and, on the sandbox, the resources requests point
 * at: a project with a ready influencer and its job, a deleted influencer, another org's project,
 * influencer, job and cursor, and a snapshot of the database that invalid requests must not change.
 *
 * The sandbox is the harness's in-process one (tests/sandbox/harness.ts: PGlite in memory, or
 * PostgreSQL with DATABASE_URL). The fuzzer's own key belongs to an org of its own, so the snapshot
 * (row counts per org) is not disturbed by other runs sharing one PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { startMock } from '../../../src/mock/index.js';
import { ALL_SCOPES } from '../../../src/sandbox/index.js';
import { call, type CallInit, type CallResult } from '../../suite/lib/call.js';
import type { Target } from '../../suite/lib/target.js';
import { startTestSandbox, type TestSandbox } from '../../sandbox/harness.js';

export interface SandboxResources {
  projectId: string;
  /** Ready influencers of the project (the first provisioned from appDescription). */
  influencerIds: string[];
  jobIds: string[];
  cursors: string[];
  deletedInfluencerId: string;
  other: { key: string; orgId: string; projectId: string; influencerId: string; jobId: string; cursor: string };
  orgId: string;
}

export interface Snapshot {
  counts: Record<string, number>;
  /** The rows requests target, by id (`influencer inf_…`, `project prj_…`, `job job_…`), JSON-normalized. */
  rows: Record<string, Record<string, unknown>>;
}

export interface FuzzWorld {
  name: 'mock' | 'sandbox';
  target: Target;
  sandbox?: TestSandbox;
  resources?: SandboxResources;
  /** Sandbox: a new influencer of the project (for deleteInfluencer, one per request). */
  freshInfluencer(): Promise<string>;
  snapshot(): Promise<Snapshot>;
  /**
   * Mock: if Prism died (the front then answers every request 500 "could not reach Prism"), starts
   * a new mock so one crash does not fail every later test, and says so. Sandbox: nothing.
   */
  revive(): Promise<string | undefined>;
  stop(): Promise<void>;
}

/** Fails loudly when a setup request does not get the documented answer. */
function expectStatus(result: CallResult, status: number, what: string): CallResult {
  if (result.status !== status || result.violations.length) {
    throw new Error(`fuzz setup: ${what}: expected ${status}, got ${result.status} ${result.bodyText.slice(0, 300)}\n${result.violations.join('\n')}`);
  }
  return result;
}

async function settle(target: Target, jobId: string, auth?: CallInit['auth'], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = expectStatus(await call(target, 'getJob', { path: { jobId }, ...(auth ? { auth } : {}) }), 200, `getJob ${jobId}`);
    if (job.json.status !== 'running') return String(job.json.status);
    if (Date.now() > deadline) throw new Error(`fuzz setup: job ${jobId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startWorld(name: string): Promise<FuzzWorld> {
  if (name === 'mock') {
    let mock = await startMock();
    const target: Target = { name: 'mock', baseUrl: mock.url, directUrl: mock.url, apiKey: 'sk_test_fuzz_mock', stateful: false, prefersCodes: true, viaProxy: false, stop: () => mock.stop() };
    return {
      name: 'mock',
      target,
      async revive() {
        const probe = await fetch(`${mock.url}/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T`, { headers: { authorization: 'Bearer sk_test_fuzz_mock' } });
        const text = await probe.text();
        if (probe.status < 500 || !text.includes('could not reach Prism')) return undefined;
        const exit = `Prism exited (pid ${mock.prism.pid})`;
        await mock.stop();
        mock = await startMock();
        target.baseUrl = target.directUrl = mock.url;
        return `${exit}: a request of an earlier test crashed it; a new mock was started`;
      },
      freshInfluencer: async () => {
        throw new Error('the mock has no state');
      },
      snapshot: async () => {
        throw new Error('the mock has no state');
      },
      stop: () => mock.stop(),
    };
  }
  if (name !== 'sandbox') throw new Error(`unknown FUZZ_TARGET "${name}" (mock or sandbox)`);

  const suffix = randomBytes(6).toString('hex');
  const orgId = `org_fuzz_${suffix}`;
  const apiKey = `sk_test_fuzz_${suffix}`;
  const sandbox = await startTestSandbox({ extraKeys: [{ key: apiKey, orgId, scopes: [...ALL_SCOPES] }] });
  const target: Target = { name: 'sandbox', baseUrl: sandbox.url, directUrl: sandbox.url, apiKey, stateful: true, prefersCodes: false, viaProxy: false, stop: () => sandbox.close() };
  const other = { bearer: sandbox.otherOrgKey };

  const project = expectStatus(
    await call(target, 'createProject', { body: { name: 'Fuzz project', appDescription: 'A habit tracker, fuzzed from its contract.', targetGender: 'female', brandVoice: 'warm', language: 'en-US' } }),
    201,
    'createProject',
  ).json;
  const projectId = String(project.projectId);
  const second = expectStatus(await call(target, 'createInfluencer', { path: { projectId }, body: { gender: 'male' } }), 202, 'createInfluencer').json;
  const doomed = expectStatus(await call(target, 'createInfluencer', { path: { projectId }, body: {} }), 202, 'createInfluencer').json;
  const otherProject = expectStatus(await call(target, 'createProject', { body: { name: 'Another org' }, auth: other }), 201, 'createProject (other org)').json;
  const otherA = expectStatus(await call(target, 'createInfluencer', { path: { projectId: otherProject.projectId }, body: {}, auth: other }), 202, 'createInfluencer (other org)').json;
  const otherB = expectStatus(await call(target, 'createInfluencer', { path: { projectId: otherProject.projectId }, body: {}, auth: other }), 202, 'createInfluencer (other org)').json;

  for (const jobId of [project.initialInfluencer.jobId, second.jobId, doomed.jobId]) {
    const status = await settle(target, String(jobId));
    if (status !== 'succeeded') throw new Error(`fuzz setup: job ${String(jobId)} ended ${status}`);
  }
  for (const job of [otherA, otherB]) await settle(target, String(job.jobId), other);
  expectStatus(await call(target, 'deleteInfluencer', { path: { influencerId: doomed.influencerId }, body: { reason: 'Deleted by the fuzz setup.' } }), 200, 'deleteInfluencer');

  const page = expectStatus(await call(target, 'listInfluencers', { path: { projectId }, query: { limit: 1 } }), 200, 'listInfluencers').json;
  const otherPage = expectStatus(await call(target, 'listInfluencers', { path: { projectId: otherProject.projectId }, query: { limit: 1 }, auth: other }), 200, 'listInfluencers (other org)').json;
  if (!page.nextCursor || !otherPage.nextCursor) throw new Error('fuzz setup: expected a nextCursor on a page of 1 of 2 influencers');

  const resources: SandboxResources = {
    projectId,
    influencerIds: [String(project.initialInfluencer.influencerId), String(second.influencerId)],
    jobIds: [String(project.initialInfluencer.jobId), String(second.jobId)],
    cursors: [String(page.nextCursor)],
    deletedInfluencerId: String(doomed.influencerId),
    other: { key: sandbox.otherOrgKey, orgId: sandbox.otherOrgId, projectId: String(otherProject.projectId), influencerId: String(otherA.influencerId), jobId: String(otherA.jobId), cursor: String(otherPage.nextCursor) },
    orgId,
  };

  const orgs = [orgId, resources.other.orgId];
  const influencerRows = [...resources.influencerIds, resources.deletedInfluencerId, resources.other.influencerId];
  const projectRows = [projectId, resources.other.projectId];
  const jobRows = [...resources.jobIds, resources.other.jobId];

  const world: FuzzWorld = {
    name: 'sandbox',
    target,
    sandbox,
    resources,
    async freshInfluencer() {
      const created = expectStatus(await call(target, 'createInfluencer', { path: { projectId }, body: {} }), 202, 'createInfluencer (fresh, to delete)');
      return String(created.json.influencerId);
    },
    /** Row counts of both orgs' projects, influencers (all, and live; a job is its influencer's row) and idempotency keys, and the full rows of every resource requests target. */
    async snapshot() {
      const [counts] = await sandbox.db.query<Record<string, number | string>>(
        `SELECT
           (SELECT count(*) FROM projects WHERE org_id = ANY($1)) AS projects,
           (SELECT count(*) FROM influencers WHERE org_id = ANY($1)) AS influencers,
           (SELECT count(*) FROM influencers WHERE org_id = ANY($1) AND deleted_at IS NULL) AS live_influencers,
           (SELECT count(*) FROM idempotency_keys WHERE org_id = ANY($1)) AS idempotency_keys`,
        [orgs],
      );
      const rows: Snapshot['rows'] = {};
      const add = (label: string, key: string, list: Array<Record<string, unknown>>) => {
        for (const row of list) rows[`${label} ${String(row[key])}`] = JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
      };
      add('influencer', 'influencer_id', await sandbox.db.query(
        'SELECT influencer_id, org_id, project_id, name, gender, age_range, brand_voice, language, job_id, training_at, done_at, fail_with, updated_at, deleted_at, delete_reason FROM influencers WHERE influencer_id = ANY($1)',
        [influencerRows],
      ));
      add('project', 'project_id', await sandbox.db.query('SELECT * FROM projects WHERE project_id = ANY($1)', [projectRows]));
      // A job is its influencer's row (store/jobs.ts): its course, by job id.
      add('job', 'job_id', await sandbox.db.query('SELECT job_id, influencer_id, training_at, done_at, fail_with FROM influencers WHERE job_id = ANY($1)', [jobRows]));
      return { counts: Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)])), rows };
    },
    revive: async () => undefined,
    stop: () => sandbox.close(),
  };
  const first = await world.snapshot();
  const expected = influencerRows.length + projectRows.length + jobRows.length;
  if (Object.keys(first.rows).length !== expected) throw new Error(`fuzz setup: the snapshot sees ${Object.keys(first.rows).length} of the ${expected} rows it watches`);
  return world;
}

/** What differs between two snapshots, as sentences (empty: nothing changed). */
export function snapshotDiff(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [name, n] of Object.entries(before.counts)) if (after.counts[name] !== n) out.push(`count of ${name}: ${n} → ${String(after.counts[name])}`);
  for (const [id, row] of Object.entries(before.rows)) {
    const now = after.rows[id];
    if (!now) {
      out.push(`${id}: row gone`);
      continue;
    }
    const changed = Object.keys(row).filter((column) => JSON.stringify(row[column]) !== JSON.stringify(now[column]));
    if (changed.length) out.push(`${id}: ${changed.map((c) => `${c} ${JSON.stringify(row[c])} → ${JSON.stringify(now[c])}`).join(', ')}`);
  }
  return out;
}
