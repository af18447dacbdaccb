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

export async function insertJob(db: Db, row: { job_id: string; org_id: string; influencer_id: string; fail_with: string | null; created_at: Date; first_step_at: Date }): Promise<JobRow> {
  const [job] = await db.query<JobRow>(
    `INSERT INTO jobs (job_id, org_id, kind, status, influencer_id, fail_with, next_step_at, created_at, updated_at)
     VALUES ($1, $2, 'influencer_create', 'running', $3, $4, $5, $6, $6) RETURNING *`,
    [row.job_id, row.org_id, row.influencer_id, row.fail_with, row.first_step_at, row.created_at],
  );
  if (!job) throw new Error('INSERT … RETURNING gave no row');
  return job;
}

/** Leases up to `limit` due jobs for `owner`; several processes on one PostgreSQL never lease the same job. */
export async function leaseDueJobs(db: Db, owner: string, leaseMs: number, limit: number): Promise<string[]> {
  const rows = await db.query<{ job_id: string }>(
    `UPDATE jobs SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8 / 1000)
     WHERE job_id IN (
       SELECT job_id FROM jobs
       WHERE status = 'running' AND next_step_at <= now() AND (lease_until IS NULL OR lease_until < now())
       ORDER BY next_step_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING job_id`,
    [owner, leaseMs, limit],
  );
  return rows.map((r) => r.job_id);
}

/** The job, locked, if it is still running and still leased by `owner`. */
export async function lockLeasedJob(db: Db, jobId: string, owner: string): Promise<JobRow | undefined> {
  return (await db.query<JobRow>("SELECT * FROM jobs WHERE job_id = $1 AND status = 'running' AND lease_owner = $2 FOR UPDATE", [jobId, owner]))[0];
}

// steps_run counts executed steps: a finished job has run exactly two (tests check that across processes).
const RELEASE = 'lease_owner = NULL, lease_until = NULL, steps_run = steps_run + 1';

export async function scheduleNextStep(db: Db, jobId: string, inMs: number): Promise<void> {
  await db.query(`UPDATE jobs SET next_step_at = now() + make_interval(secs => $2::float8 / 1000), updated_at = now(), ${RELEASE} WHERE job_id = $1`, [jobId, inMs]);
}

export async function failJob(db: Db, jobId: string, failure: JobFailure): Promise<void> {
  await db.query(`UPDATE jobs SET status = 'failed', error_code = $2, error_message = $3, completed_at = now(), updated_at = now(), ${RELEASE} WHERE job_id = $1`, [jobId, failure.code, failure.message]);
}

export async function succeedJob(db: Db, jobId: string): Promise<void> {
  await db.query(`UPDATE jobs SET status = 'succeeded', completed_at = now(), updated_at = now(), ${RELEASE} WHERE job_id = $1`, [jobId]);
}

export async function databaseNow(db: Db): Promise<Date> {
  const [row] = await db.query<{ now: Date }>('SELECT now() AS now');
  if (!row) throw new Error('SELECT now() gave no row');
  return row.now;
}

/** Milliseconds until the next running job's step is due, or undefined when none is running. */
export async function msUntilNextStep(db: Db): Promise<number | undefined> {
  const [row] = await db.query<{ ms: number | string | null }>("SELECT extract(epoch FROM (min(next_step_at) - now())) * 1000 AS ms FROM jobs WHERE status = 'running'");
  return row?.ms === null || row?.ms === undefined ? undefined : Number(row.ms);
}
