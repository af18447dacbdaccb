/**
 * The job runner. A job walks its influencer pending → training → ready (job succeeded) or
 * failed (job failed). All state is in the database, so a job interrupted by a crash or restart
 * is picked up again by the next runner: a runner leases due jobs with FOR UPDATE SKIP LOCKED, so
 * several sandbox processes on one PostgreSQL never run the same step twice, and each step is a
 * conditional update inside one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Job } from '../../generated/schema.js';
import { assetIdFor } from './ids.js';
import type { Db } from './storage/db.js';
import type { InfluencerRow, JobRow } from './store.js';

export interface Timing {
  /** Row is `pending` at once; it moves to `training` after this. */
  toTrainingMs: number;
  /** …and finishes this long after that. */
  toDoneMs: number;
  pollMs: number;
}

/** `fast`, `realistic`, or `<toTrainingMs>,<toDoneMs>` (tests that need a job in flight). */
export function parseTiming(value: string | undefined): Timing {
  if (!value || value === 'fast') return TIMINGS.fast;
  if (value === 'realistic') return TIMINGS.realistic;
  const match = /^(\d+),(\d+)$/.exec(value);
  if (!match) throw new Error(`SANDBOX_TIMING must be fast, realistic or <toTrainingMs>,<toDoneMs>; got ${value}`);
  return { toTrainingMs: Number(match[1]), toDoneMs: Number(match[2]), pollMs: 20 };
}

export const TIMINGS: Record<'fast' | 'realistic', Timing> = {
  fast: { toTrainingMs: 20, toDoneMs: 120, pollMs: 20 },
  // What the pages describe: the row is pending at once, training within about a second, ready in about a minute.
  realistic: { toTrainingMs: 800, toDoneMs: 59_000, pollMs: 250 },
};

const LEASE_MS = 2_000;

/**
 * The documented, deterministic way to make a job fail in the sandbox: a create `prompt`, a clone
 * `name` or a project `appDescription` containing one of these markers.
 */
export const FAILURE_MARKERS: Record<string, { code: NonNullable<Job['error']>['code']; message: string }> = {
  'sandbox:fail': { code: 'RENDER_FAILED', message: 'The portrait render did not converge.' },
  'sandbox:reject': { code: 'PROMPT_REJECTED', message: 'The prompt hint was refused by content policy.' },
};

export function failureFor(text: string | null | undefined): string | null {
  if (!text) return null;
  return Object.keys(FAILURE_MARKERS).find((marker) => text.includes(marker)) ?? null;
}

async function advance(db: Db, jobId: string, owner: string, timing: Timing): Promise<void> {
  await db.transaction(async (tx) => {
    const [job] = await tx.query<JobRow & { lease_owner: string | null }>(
      "SELECT * FROM jobs WHERE job_id = $1 AND status = 'running' AND lease_owner = $2 FOR UPDATE",
      [jobId, owner],
    );
    if (!job) return;
    const [influencer] = await tx.query<InfluencerRow>('SELECT * FROM influencers WHERE influencer_id = $1 FOR UPDATE', [job.influencer_id]);
    if (!influencer) return;
    // steps_run counts executed steps: a finished job has run exactly two (tests check that across processes).
    const release = 'lease_owner = NULL, lease_until = NULL, steps_run = steps_run + 1';

    if (influencer.status === 'pending') {
      await tx.query("UPDATE influencers SET status = 'training', updated_at = now() WHERE influencer_id = $1", [influencer.influencer_id]);
      await tx.query(`UPDATE jobs SET next_step_at = now() + make_interval(secs => $2::float8 / 1000), updated_at = now(), ${release} WHERE job_id = $1`, [
        jobId,
        timing.toDoneMs,
      ]);
      return;
    }

    let failure = job.fail_with ? FAILURE_MARKERS[job.fail_with] : undefined;
    if (!failure && influencer.source_influencer_id) {
      const [source] = await tx.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM influencers WHERE influencer_id = $1', [influencer.source_influencer_id]);
      if (!source || source.deleted_at) failure = { code: 'SOURCE_UNAVAILABLE', message: 'The clone source was deleted before the render finished.' };
    }
    if (failure) {
      await tx.query("UPDATE influencers SET status = 'failed', updated_at = now() WHERE influencer_id = $1", [influencer.influencer_id]);
      await tx.query(
        `UPDATE jobs SET status = 'failed', error_code = $2, error_message = $3, completed_at = now(), updated_at = now(), ${release} WHERE job_id = $1`,
        [jobId, failure.code, failure.message],
      );
      return;
    }
    const [{ now }] = (await tx.query<{ now: Date }>('SELECT now() AS now')) as [{ now: Date }];
    const images = [{ assetId: assetIdFor(influencer.influencer_id, 1), addedAt: now.toISOString() }];
    await tx.query("UPDATE influencers SET status = 'ready', reference_images = $2::jsonb, updated_at = now() WHERE influencer_id = $1", [
      influencer.influencer_id,
      JSON.stringify(images),
    ]);
    await tx.query(`UPDATE jobs SET status = 'succeeded', completed_at = now(), updated_at = now(), ${release} WHERE job_id = $1`, [jobId]);
  });
}

/** Leases due jobs and advances each; returns how many steps ran. */
export async function runDueJobs(db: Db, owner: string, timing: Timing, limit = 20): Promise<number> {
  const leased = await db.query<{ job_id: string }>(
    `UPDATE jobs SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8 / 1000)
     WHERE job_id IN (
       SELECT job_id FROM jobs
       WHERE status = 'running' AND next_step_at <= now() AND (lease_until IS NULL OR lease_until < now())
       ORDER BY next_step_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING job_id`,
    [owner, LEASE_MS, limit],
  );
  for (const { job_id } of leased) await advance(db, job_id, owner, timing);
  return leased.length;
}

export interface JobRunner {
  /** Runs due steps now (tests use it to avoid waiting for the next tick). */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export function startJobRunner(db: Db, timing: Timing, onError: (error: unknown) => void): JobRunner {
  const owner = `runner_${randomUUID()}`;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  const tick = () => (running = running.then(() => runDueJobs(db, owner, timing)).catch((error: unknown) => (onError(error), 0)));
  const loop = async () => {
    while (!stopped) {
      await tick();
      await new Promise((r) => setTimeout(r, timing.pollMs));
    }
  };
  void loop();
  return {
    tick,
    async stop() {
      stopped = true;
      await running;
    },
  };
}
