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

/** Told which rows a step changed, after its transaction commits (the read cache drops them). */
export type OnChanged = (influencerId: string, jobId: string) => void;

async function advance(db: Db, jobId: string, owner: string, timing: Timing, onChanged: OnChanged): Promise<void> {
  let changed: string | undefined;
  await db.transaction(async (tx) => {
    const [job] = await tx.query<JobRow & { lease_owner: string | null }>(
      "SELECT * FROM jobs WHERE job_id = $1 AND status = 'running' AND lease_owner = $2 FOR UPDATE",
      [jobId, owner],
    );
    if (!job) return;
    const [influencer] = await tx.query<InfluencerRow>('SELECT * FROM influencers WHERE influencer_id = $1 FOR UPDATE', [job.influencer_id]);
    if (!influencer) return;
    changed = influencer.influencer_id;
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
  if (changed) onChanged(changed, jobId);
}

/** Leases due jobs and advances each; returns how many steps ran. */
export async function runDueJobs(db: Db, owner: string, timing: Timing, onChanged: OnChanged = () => {}, limit = 20): Promise<number> {
  const leased = await db.query<{ job_id: string }>(
    `UPDATE jobs SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8 / 1000)
     WHERE job_id IN (
       SELECT job_id FROM jobs
       WHERE status = 'running' AND next_step_at <= now() AND (lease_until IS NULL OR lease_until < now())
       ORDER BY next_step_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING job_id`,
    [owner, LEASE_MS, limit],
  );
  for (const { job_id } of leased) await advance(db, job_id, owner, timing, onChanged);
  return leased.length;
}

export interface JobRunner {
  /** Runs due steps now (tests use it to avoid waiting for the next tick). */
  tick(): Promise<number>;
  /** A job was just committed here: look at the schedule again instead of sleeping on. */
  wake(): void;
  stop(): Promise<void>;
}

/** Longest sleep while nothing is due; bounds how late a job of a crashed process sharing the database is picked up. */
const MAX_IDLE_MS = 500;

/**
 * Polls while work is due, and otherwise sleeps until the next step is due (at most MAX_IDLE_MS),
 * so an idle sandbox costs nothing and a busy one spends its time serving requests.
 */
export function startJobRunner(db: Db, timing: Timing, onError: (error: unknown) => void, onChanged: OnChanged = () => {}): JobRunner {
  const owner = `runner_${randomUUID()}`;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let wakeUp: (() => void) | undefined;
  const tick = () => (running = running.then(() => runDueJobs(db, owner, timing, onChanged)).catch((error: unknown) => (onError(error), 0)));
  const nextDelay = async (ran: number): Promise<number> => {
    if (ran > 0) return timing.pollMs;
    const [row] = await db.query<{ ms: number | string | null }>("SELECT extract(epoch FROM (min(next_step_at) - now())) * 1000 AS ms FROM jobs WHERE status = 'running'");
    const ms = row?.ms === null || row?.ms === undefined ? MAX_IDLE_MS : Number(row.ms);
    return Math.min(Math.max(ms, timing.pollMs), MAX_IDLE_MS);
  };
  const loop = async () => {
    while (!stopped) {
      const ran = await tick();
      const delay = await nextDelay(ran).catch(() => timing.pollMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  };
  void loop();
  return {
    tick,
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
    },
  };
}
