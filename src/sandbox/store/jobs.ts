/**
 * Jobs. Every job creates one influencer (D20: `influencer_create` is the only kind), so a job is
 * stored on that influencer's row (its id and course, store/influencers.ts) and read from it,
 * deleted influencers included: a job stays readable after its influencer is gone.
 */
import type { Job } from '../../../generated/schema.js';
import { lastChange, outcomeOf, stageAt, type Course } from '../course.js';
import { statement, type Db } from './db.js';
import { SELECT_INFLUENCER, type InfluencerRow } from './influencers.js';

/** A job is read as its influencer's row: the job's id, its org, its influencer and the course. */
export type JobRow = Pick<InfluencerRow, 'job_id' | 'org_id' | 'influencer_id' | keyof Course>;

/** The job at `now`, from its course: running until `done_at`, then failed or succeeded for good. */
export function jobOut(row: JobRow, now: number): Job {
  const done = stageAt(row, now) === 'done';
  const error = done ? outcomeOf(row) : null;
  return {
    jobId: row.job_id,
    kind: 'influencer_create',
    status: done ? (error ? 'failed' : 'succeeded') : 'running',
    influencerId: row.influencer_id,
    locationUrl: `/v1/jobs/${row.job_id}`,
    createdAt: row.created_at.toISOString(),
    updatedAt: lastChange(row, now).toISOString(),
    completedAt: done ? row.done_at.toISOString() : null,
    error,
  };
}

const FIND = statement('find_job', `${SELECT_INFLUENCER} WHERE i.job_id = $1 AND i.org_id = $2`);

export async function findJob(db: Db, orgId: string, jobId: string): Promise<JobRow | undefined> {
  return (await db.run<JobRow>(FIND, [jobId, orgId]))[0];
}
