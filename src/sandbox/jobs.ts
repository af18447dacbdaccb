/**
 * The job runner. A job walks its influencer pending → training → ready (job succeeded) or
 * failed (job failed). All state is in the database, so a job interrupted by a crash or restart
 * is picked up again by the next runner: a runner leases due jobs with FOR UPDATE SKIP LOCKED, so
 * several sandbox processes on one PostgreSQL never run the same step twice, and each step is a
 * conditional update inside one transaction.
 */
import { randomUUID } from 'node:crypto';
import { assetIdFor } from '../contract/ids.js';
import type { Timing } from './config.js';
import type { Db } from './store/db.js';
import { failInfluencer, isDeleted, lockInfluencer, setInfluencerStatus } from './store/influencers.js';
import { databaseNow, failJob, leaseDueJobs, lockLeasedJob, msUntilNextStep, scheduleNextStep, succeedJob, type JobFailure } from './store/jobs.js';

const LEASE_MS = 2_000;

/**
 * The documented, deterministic way to make a job fail in the sandbox: a create `prompt`, a clone
 * `name` or a project `appDescription` containing one of these markers.
 */
export const FAILURE_MARKERS: Record<string, JobFailure> = {
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
    const job = await lockLeasedJob(tx, jobId, owner);
    if (!job) return;
    const influencer = await lockInfluencer(tx, job.influencer_id);
    if (!influencer) return;
    changed = influencer.influencer_id;

    if (influencer.status === 'pending') {
      await setInfluencerStatus(tx, influencer.influencer_id, 'training');
      await scheduleNextStep(tx, jobId, timing.toDoneMs);
      return;
    }
    let failure = job.fail_with ? FAILURE_MARKERS[job.fail_with] : undefined;
    if (!failure && influencer.source_influencer_id && (await isDeleted(tx, influencer.source_influencer_id))) {
      failure = { code: 'SOURCE_UNAVAILABLE', message: 'The clone source was deleted before the render finished.' };
    }
    if (failure) {
      await failInfluencer(tx, influencer.influencer_id, jobId, failure);
      await failJob(tx, jobId, failure);
      return;
    }
    const now = await databaseNow(tx);
    await setInfluencerStatus(tx, influencer.influencer_id, 'ready', [{ assetId: assetIdFor(influencer.influencer_id, 1), addedAt: now.toISOString() }]);
    await succeedJob(tx, jobId);
  });
  if (changed) onChanged(changed, jobId);
}

/** Leases due jobs and advances each; returns how many steps ran. */
export async function runDueJobs(db: Db, owner: string, timing: Timing, onChanged: OnChanged = () => {}, limit = 20): Promise<number> {
  const leased = await leaseDueJobs(db, owner, LEASE_MS, limit);
  for (const jobId of leased) await advance(db, jobId, owner, timing, onChanged);
  return leased.length;
}

export interface JobRunner {
  /** Runs due steps now, in line with the loop (tests use it to avoid waiting). */
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
    const ms = (await msUntilNextStep(db)) ?? MAX_IDLE_MS;
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
