/**
 * Waiting as the server asks, measured on fake timers: Retry-After in both forms (seconds and
 * HTTP-date), the backoff's bounds, and that a finished call leaves no timer or abort listener
 * behind (a pending 60 s attempt timer or 5-minute poll deadline would keep a CLI from exiting).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, parseRetryAfter, sleep } from '../../src/client/transport.js';
import { job } from './server.js';
import { fakeClient, fakeFetch, jsonResponse } from './fake-fetch.js';

const NOW = new Date('2026-12-02T01:00:00.000Z');
const options = { fetch, maxRetries: 3, retryBaseDelayMs: 100, retryMaxDelayMs: 30_000, timeoutMs: 60_000 };
const client = fakeClient;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('parseRetryAfter', () => {
  it('reads an HTTP-date as the seconds from now', () => {
    expect(parseRetryAfter(new Date(NOW.getTime() + 10_000).toUTCString())).toBe(10);
    expect(parseRetryAfter(new Date(NOW.getTime() - 10_000).toUTCString())).toBe(0);
  });
  it('reads delta-seconds, with spaces around', () => {
    expect(parseRetryAfter(' 7 ')).toBe(7);
  });
});

describe('backoffMs', () => {
  it('is full jitter over base × 2^attempt', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(backoffMs(0, undefined, options)).toBe(50);
    expect(backoffMs(3, undefined, options)).toBe(400);
    expect(backoffMs(20, undefined, options)).toBe(30_000);
  });
  it('uses Retry-After seconds as milliseconds, capped', () => {
    expect(backoffMs(0, 2.5, options)).toBe(2500);
    expect(backoffMs(0, 60, options)).toBe(30_000);
    expect(backoffMs(0, 0, options)).toBe(0);
  });
});

describe('a 429 with Retry-After', () => {
  it('waits the HTTP-date Retry-After before the retry, not 1000× longer or shorter', async () => {
    const f = fakeFetch(jsonResponse(429, { error: { code: 'RATE_LIMITED', message: 'slow down', requestId: 'req_1' } }, { 'retry-after': new Date(NOW.getTime() + 2000).toUTCString() }), jsonResponse(200, job('succeeded')));
    const call = client(f).getJob({ jobId: job('succeeded').jobId });
    await vi.advanceTimersByTimeAsync(1990);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(f.calls).toHaveLength(2);
    expect((await call).status).toBe('succeeded');
  });

  it('waits delta-seconds Retry-After', async () => {
    const f = fakeFetch(jsonResponse(503, { error: { code: 'INTERNAL', message: 'x', requestId: 'req_1' } }, { 'retry-after': '3' }), jsonResponse(200, job('running')));
    const call = client(f).getJob({ jobId: job('running').jobId });
    await vi.advanceTimersByTimeAsync(2990);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(f.calls).toHaveLength(2);
    await call;
  });
});

describe('nothing left behind', () => {
  it('a successful call clears its attempt timer', async () => {
    const f = fakeFetch(jsonResponse(200, job('running')));
    await client(f).getJob({ jobId: job('running').jobId });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a call that failed after retries clears its timers', async () => {
    const f = fakeFetch(() => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })));
    const call = client(f, { maxRetries: 1, retryBaseDelayMs: 1 }).getJob({ jobId: job('running').jobId }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(await call).toMatchObject({ name: 'LayersConnectionError', code: 'ECONNREFUSED', attempts: 2 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waitForJob clears its deadline and poll timers once the job is done', async () => {
    const f = fakeFetch(jsonResponse(200, job('running')), jsonResponse(200, job('succeeded')));
    const wait = client(f).waitForJob(job('running').jobId, { initialIntervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect((await wait).status).toBe('succeeded');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sleep removes its abort listener when it resolves, and its timer when aborted', async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const done = sleep(50, controller.signal);
    await vi.advanceTimersByTimeAsync(50);
    await done;
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]![1]);

    const aborted = new AbortController();
    const pending = sleep(10_000, aborted.signal).catch((e: unknown) => e);
    aborted.abort(new Error('stop'));
    expect(await pending).toMatchObject({ message: 'stop' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sleep with an already aborted signal rejects at once and leaves no timer', async () => {
    const reason = new Error('already');
    await expect(sleep(10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sleep caps a delay beyond the timer range instead of firing at once', async () => {
    let done = false;
    void sleep(2 ** 31 + 5).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    vi.clearAllTimers();
  });
});
