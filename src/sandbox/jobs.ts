/**
 * The job runner. A job walks its influencer pending → training → ready (job succeeded) or
 * failed (job failed). All state is in the database, so a job interrupted by a crash or restart
 * is picked up again by the next runner. A round locks the due steps with FOR UPDATE SKIP LOCKED
 * and runs them all in that transaction, so several sandbox processes on one PostgreSQL never run
 * the same step twice, and a round either happens entirely or not at all.
 */
import { assetIdFor } from '../contract/ids.js';
import type { Timing } from './config.js';
import type { Db } from './store/db.js';
import { failSteps, lockDueSteps, msUntilNextStep, startTraining, succeedSteps, type JobFailure } from './store/jobs.js';

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

/** Most steps run in one transaction. */
const STEPS_PER_ROUND = 500;

/**
 * Runs every due step (up to `limit`) in one transaction, a few set-wise statements whatever their
 * number: a busy sandbox advances hundreds of jobs for the price of one. Returns how many ran.
 */
export async function runDueJobs(db: Db, timing: Timing, onChanged: OnChanged = () => {}, limit = STEPS_PER_ROUND): Promise<number> {
  const steps = await db.transaction(async (tx) => {
    const due = await lockDueSteps(tx, limit);
    const training = due.filter((s) => s.influencer_status === 'pending');
    const finishing = due.filter((s) => s.influencer_status !== 'pending');
    const failures = finishing.flatMap((s) => {
      const failure = (s.fail_with ? FAILURE_MARKERS[s.fail_with] : undefined) ?? (s.source_gone ? SOURCE_GONE : undefined);
      return failure ? [{ ...s, failure }] : [];
    });
    const succeeding = finishing
      .filter((s) => !failures.some((f) => f.job_id === s.job_id))
      .map((s) => ({ ...s, reference_images: [{ assetId: assetIdFor(s.influencer_id, 1), addedAt: s.now.toISOString() }] }));
    if (training.length) await startTraining(tx, training, timing.toDoneMs);
    if (failures.length) await failSteps(tx, failures);
    if (succeeding.length) await succeedSteps(tx, succeeding);
    return due;
  });
  for (const step of steps) onChanged(step.influencer_id, step.job_id);
  return steps.length;
}

const SOURCE_GONE: JobFailure = { code: 'SOURCE_UNAVAILABLE', message: 'The clone source was deleted before the render finished.' };

export interface JobRunner {
  /** Runs due steps now, in line with the loop (tests use it to avoid waiting). */
  tick(): Promise<number>;
  /** A job was just committed here: its first step is due in `timing.toTrainingMs`; sleep no longer than that. */
  wake(): void;
  stop(): Promise<void>;
}

/** Longest sleep while nothing is due; bounds how late a job of a crashed process sharing the database is picked up. */
const MAX_IDLE_MS = 500;

/**
 * Polls while work is due, and otherwise sleeps until the next step is due (at most MAX_IDLE_MS),
 * so an idle sandbox costs nothing and a busy one spends its time serving requests. A create does
 * not wake it to look (that would cost a query per create): it only shortens the sleep.
 */
export function startJobRunner(db: Db, timing: Timing, onError: (error: unknown) => void, onChanged: OnChanged = () => {}): JobRunner {
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let sleep: { until: number; timer: NodeJS.Timeout; resolve: () => void } | undefined;
  const tick = () => (running = running.then(() => runDueJobs(db, timing, onChanged)).catch((error: unknown) => (onError(error), 0)));
  const nextDelay = async (ran: number): Promise<number> => {
    if (ran >= STEPS_PER_ROUND) return 0;
    if (ran > 0) return timing.pollMs;
    const ms = (await msUntilNextStep(db)) ?? MAX_IDLE_MS;
    return Math.min(Math.max(ms, timing.pollMs), MAX_IDLE_MS);
  };
  const wakeWithin = (ms: number) => {
    if (!sleep || Date.now() + ms >= sleep.until) return;
    clearTimeout(sleep.timer);
    sleep.until = Date.now() + ms;
    sleep.timer = setTimeout(sleep.resolve, ms);
  };
  const loop = async () => {
    while (!stopped) {
      const ran = await tick();
      if (stopped) break;
      const delay = await nextDelay(ran).catch(() => timing.pollMs);
      if (stopped) break;
      await new Promise<void>((resolve) => {
        sleep = { until: Date.now() + delay, timer: setTimeout(resolve, delay), resolve };
      });
      sleep = undefined;
    }
  };
  void loop();
  return {
    tick,
    wake: () => wakeWithin(timing.toTrainingMs),
    async stop() {
      stopped = true;
      wakeWithin(0);
      await running;
    },
  };
}
