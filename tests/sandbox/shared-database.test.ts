/**
 * Several sandbox processes on one PostgreSQL: both serve the same data, and a job started on one
 * follows the same course on both (course.ts: nothing steps a job, each reader derives its state
 * from the stored course), finishing once, at the time its course gives.
 */
import { describe, expect, it } from 'vitest';
import { startTestSandbox } from './harness.js';

describe.skipIf(!process.env.DATABASE_URL)('two sandboxes sharing one PostgreSQL', () => {
  it('serve the same data, and every job ends alike on both', async () => {
    const timing = { toTrainingMs: 30, toDoneMs: 60 };
    const a = await startTestSandbox({ timing });
    const b = await startTestSandbox({ timing, apiKey: a.key });
    try {
      const project = await a.call('POST', '/v1/projects', { body: { name: 'Shared' } });
      const started = await Promise.all(
        Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).call('POST', `/v1/projects/${project.json.projectId}/influencers`, { body: i === 5 ? { prompt: 'sandbox:fail' } : {} })),
      );
      const onB = await Promise.all(started.map((j) => b.settle(j.json.jobId)));
      const onA = await Promise.all(started.map((j) => a.settle(j.json.jobId)));
      expect(onA).toEqual(onB);
      expect(onB.map((job) => job.status)).toEqual(started.map((_, i) => (i === 5 ? 'failed' : 'succeeded')));
      for (const job of onB) {
        // The course: done toTrainingMs + toDoneMs after it was created, and last changed then.
        expect(Date.parse(job.completedAt) - Date.parse(job.createdAt)).toBe(90);
        expect(job.updatedAt).toBe(job.completedAt);
      }
      const listed = (await b.call('GET', `/v1/projects/${project.json.projectId}/influencers?limit=100`)).json.data;
      expect(listed).toHaveLength(24);
      expect(listed.filter((i: { status: string }) => i.status === 'ready')).toHaveLength(23);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
if (!process.env.DATABASE_URL) console.warn('shared-database test skipped: set DATABASE_URL (see .ci/postgres.sh)');
