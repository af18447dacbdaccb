import type { Job } from '../../generated/schema.js';
import { LayersTimeoutError } from './errors.js';
import { MAX_TIMER_MS, sleep } from './transport.js';

export interface WaitForJobOptions {
  signal?: AbortSignal;
  /** Give up with LayersTimeoutError after this long. Default 5 minutes. */
  timeoutMs?: number;
  /** First pause between polls; it grows ×1.5 per poll. Default 1000. */
  initialIntervalMs?: number;
  /** Longest pause between polls. Default 10000. */
  maxIntervalMs?: number;
  /** Headers for every request of the wait, over the client's. */
  headers?: Record<string, string>;
}

export const isTerminal = (job: Job): boolean => job.status === 'succeeded' || job.status === 'failed';

/** Polls `getJob` until the job is `succeeded` or `failed`, and returns it (a failed job is returned, not thrown). */
export async function pollJob<J extends Job>(
  getJob: (signal: AbortSignal) => Promise<J>,
  { signal, timeoutMs = 300_000, initialIntervalMs = 1000, maxIntervalMs = 10_000 }: WaitForJobOptions = {},
): Promise<J> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new LayersTimeoutError(`Job did not finish within ${timeoutMs} ms`)),
    Math.min(timeoutMs, MAX_TIMER_MS),
  );
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  try {
    for (let interval = initialIntervalMs; ; interval = Math.min(interval * 1.5, maxIntervalMs)) {
      const job = await getJob(combined);
      if (isTerminal(job)) return job;
      await sleep(interval, combined);
    }
  } finally {
    clearTimeout(timer);
  }
}
