/** The jobs table, including the job runner's leases and steps. */
import type { Job } from '../../../generated/schema.js';
import type { Db } from './db.js';

export interface JobRow {
  job_id: string;
  org_id: string;
  kind: Job['kind'];
  status: Job['status'];
  influencer_id: string;
  fail_with: string | null;
  error_code: NonNullable<Job['error']>['code'] | null;
  error_message: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export type JobFailure = { code: NonNullable<Job['error']>['code']; message: string };

export function jobOut(row: JobRow): Job {
  return {
    jobId: row.job_id,
    kind: row.kind,
    status: row.status,
    influencerId: row.influencer_id,
    locationUrl: `/v1/jobs/${row.job_id}`,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? 'The job failed.' } : null,
  };
}

export async function findJob(db: Db, orgId: string, jobId: string): Promise<JobRow | undefined> {
  return (await db.query<JobRow>('SELECT * FROM jobs WHERE job_id = $1 AND org_id = $2', [jobId, orgId]))[0];
}

/** A due step, locked: its job, its influencer's status, and whether a clone's source is still live. */
export interface DueStep {
  job_id: string;
  influencer_id: string;
  fail_with: string | null;
  influencer_status: string;
  source_gone: boolean;
  now: Date;
}

/**
 * Locks up to `limit` due steps (the job row and its influencer row) until the transaction ends.
 * SKIP LOCKED: several processes on one PostgreSQL each take different jobs, and a step whose
 * influencer a request is writing waits for the next round instead of blocking the runner.
 */
export async function lockDueSteps(db: Db, limit: number): Promise<DueStep[]> {
  return db.query<DueStep>(
    `SELECT j.job_id, j.influencer_id, j.fail_with, i.status AS influencer_status, now() AS now,
       (i.source_influencer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM influencers s WHERE s.influencer_id = i.source_influencer_id AND s.deleted_at IS NULL)) AS source_gone
     FROM jobs j JOIN influencers i ON i.influencer_id = j.influencer_id
     WHERE j.status = 'running' AND j.next_step_at <= now() AND (j.lease_until IS NULL OR j.lease_until < now())
     ORDER BY j.next_step_at LIMIT $1
     FOR UPDATE OF j, i SKIP LOCKED`,
    [limit],
  );
}

// steps_run counts executed steps: a finished job has run exactly two (tests check that across processes).
const STEPPED = 'lease_owner = NULL, lease_until = NULL, steps_run = steps_run + 1, updated_at = now()';

/** pending → training; the job's next step is due in `inMs`. */
export async function startTraining(db: Db, steps: ReadonlyArray<Pick<DueStep, 'job_id' | 'influencer_id'>>, inMs: number): Promise<void> {
  await db.query("UPDATE influencers SET status = 'training', updated_at = now() WHERE influencer_id = ANY($1::text[])", [steps.map((s) => s.influencer_id)]);
  await db.query(`UPDATE jobs SET next_step_at = now() + make_interval(secs => $2::float8 / 1000), ${STEPPED} WHERE job_id = ANY($1::text[])`, [steps.map((s) => s.job_id), inMs]);
}

export async function failSteps(db: Db, steps: ReadonlyArray<{ job_id: string; influencer_id: string; failure: JobFailure }>): Promise<void> {
  const json = JSON.stringify(steps.map((s) => ({ job_id: s.job_id, influencer_id: s.influencer_id, code: s.failure.code, message: s.failure.message })));
  const rows = 'jsonb_to_recordset($1::jsonb) AS u(job_id text, influencer_id text, code text, message text)';
  await db.query(`UPDATE influencers AS i SET status = 'failed', failure_job_id = u.job_id, failure_code = u.code, failure_message = u.message, updated_at = now() FROM ${rows} WHERE i.influencer_id = u.influencer_id`, [json]);
  await db.query(`UPDATE jobs AS j SET status = 'failed', error_code = u.code, error_message = u.message, completed_at = now(), ${STEPPED} FROM ${rows} WHERE j.job_id = u.job_id`, [json]);
}

/** training → ready with its portraits; the job succeeds. */
export async function succeedSteps(db: Db, steps: ReadonlyArray<{ job_id: string; influencer_id: string; reference_images: unknown[] }>): Promise<void> {
  const json = JSON.stringify(steps.map((s) => ({ influencer_id: s.influencer_id, images: s.reference_images })));
  await db.query(
    "UPDATE influencers AS i SET status = 'ready', reference_images = u.images, updated_at = now() FROM jsonb_to_recordset($1::jsonb) AS u(influencer_id text, images jsonb) WHERE i.influencer_id = u.influencer_id",
    [json],
  );
  await db.query(`UPDATE jobs SET status = 'succeeded', completed_at = now(), ${STEPPED} WHERE job_id = ANY($1::text[])`, [steps.map((s) => s.job_id)]);
}

/** Milliseconds until the next running job's step is due, or undefined when none is running. */
export async function msUntilNextStep(db: Db): Promise<number | undefined> {
  const [row] = await db.query<{ ms: number | string | null }>("SELECT extract(epoch FROM (min(next_step_at) - now())) * 1000 AS ms FROM jobs WHERE status = 'running'");
  return row?.ms === null || row?.ms === undefined ? undefined : Number(row.ms);
}
