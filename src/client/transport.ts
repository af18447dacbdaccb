import { causeCode, LayersConnectionError, LayersTimeoutError } from './errors.js';

export interface TransportOptions {
  fetch: typeof fetch;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  timeoutMs: number;
}

// setTimeout fires at once for delays above 2^31-1 ms, so clamp them.
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `Retry-After` (delta-seconds or HTTP-date) in seconds, or undefined when absent or unparseable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, seconds);
}

/** Resolves after `ms`; rejects with `signal.reason` as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.min(ms, MAX_TIMER_MS));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Exponential backoff with full jitter; a `Retry-After` wins over it. Both are capped at retryMaxDelayMs. */
export function backoffMs(attempt: number, retryAfterSeconds: number | undefined, o: TransportOptions): number {
  const ms = retryAfterSeconds === undefined ? Math.random() * o.retryBaseDelayMs * 2 ** attempt : retryAfterSeconds * 1000;
  return Math.min(ms, o.retryMaxDelayMs);
}

/** 429 and 5xx; and 409 IDEMPOTENCY_KEY_IN_USE, which says the first attempt (say, one that timed out here) is still running. */
async function isRetryableAnswer(response: Response): Promise<boolean> {
  if (response.status === 429 || response.status >= 500) return true;
  if (response.status !== 409) return false;
  const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code === 'IDEMPOTENCY_KEY_IN_USE';
}

/**
 * A fetch for openapi-fetch that adds an Idempotency-Key to POSTs, a per-attempt timeout, and
 * retries of 429, 5xx, 409 IDEMPOTENCY_KEY_IN_USE, timeouts and network errors where a retry is safe. The caller's signal is
 * the Request's own (openapi-fetch puts `signal` there); it cancels attempts and backoff sleeps.
 */
export function createTransport(o: TransportOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const { signal, method, headers } = request;
    if (method === 'POST' && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', crypto.randomUUID());
    const retryable = /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(method) || headers.has('Idempotency-Key');

    for (let attempt = 0; ; attempt++) {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), Math.min(o.timeoutMs, MAX_TIMER_MS));
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await o.fetch(request.clone(), { signal: AbortSignal.any([signal, timeout.signal]) });
        // Read the body inside the timeout (a server may stall after the headers); the clone keeps it readable.
        await response.clone().arrayBuffer();
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        response = undefined;
        failure = error;
      } finally {
        clearTimeout(timer);
      }

      if (response && !(await isRetryableAnswer(response))) return response;
      if (!retryable || attempt >= o.maxRetries) {
        if (response) return response;
        const attempts = attempt + 1;
        if (timeout.signal.aborted) {
          throw new LayersTimeoutError(`${method} ${request.url} timed out after ${o.timeoutMs} ms (${attempts} attempt${attempts === 1 ? '' : 's'})`);
        }
        const code = causeCode(failure);
        throw new LayersConnectionError({ method, url: request.url, attempts, cause: failure, ...(code ? { code } : {}) });
      }
      await sleep(backoffMs(attempt, parseRetryAfter(response?.headers.get('Retry-After') ?? null), o), signal);
    }
  };
}
