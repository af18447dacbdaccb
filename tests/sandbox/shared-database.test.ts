/**
 * Several sandbox processes on one PostgreSQL: both serve the same data, and every job step runs
 * exactly once although both job runners poll the same table (FOR UPDATE SKIP LOCKED + leases).
 */
import { describe, expect, it } from 'vitest';
import { startTestSandbox } from './harness.js';

describe.skipIf(!process.env.DATABASE_URL)('two sandboxes sharing one PostgreSQL', () => {
  it('serve the same data and run each job step exactly once', async () => {
    const timing = { toTrainingMs: 30, toDoneMs: 60, pollMs: 5 };
    const a = await startTestSandbox({ timing });
    const b = await startTestSandbox({ timing, apiKey: a.key });
    try {
      const project = await a.call('POST', '/v1/projects', { body: { name: 'Shared' } });
      const jobs = await Promise.all(
        Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).call('POST', `/v1/projects/${project.json.projectId}/influencers`, { body: {} })),
      );
      const settled = await Promise.all(jobs.map((j) => b.settle(j.json.jobId)));
      expect(settled.every((job) => job.status === 'succeeded')).toBe(true);
      const rows = await a.db.query<{ steps_run: number }>('SELECT steps_run FROM jobs WHERE job_id = ANY($1)', [jobs.map((j) => j.json.jobId)]);
      expect(rows).toHaveLength(24);
      expect(rows.map((r) => r.steps_run)).toEqual(rows.map(() => 2));
      expect((await b.call('GET', `/v1/projects/${project.json.projectId}/influencers?limit=100`)).json.data).toHaveLength(24);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
if (!process.env.DATABASE_URL) console.warn('shared-database test skipped: set DATABASE_URL (see .ci/postgres.sh)');
