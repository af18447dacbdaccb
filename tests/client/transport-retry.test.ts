/** The retry module's pure parts: Retry-After parsing, backoff bounds, cancellable sleep. */
import { describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter, sleep } from '../../src/client/transport.js';

const options = { fetch, maxRetries: 3, retryBaseDelayMs: 100, retryMaxDelayMs: 1000, timeoutMs: 1000 };

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('30')).toBe(30);
  });

  it('reads an HTTP-date as seconds from now, never negative', () => {
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0);
  });

  it('ignores absent or garbage values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('draws full jitter from 0..base×2^attempt', () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const draws = Array.from({ length: 200 }, () => backoffMs(attempt, undefined, options));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThanOrEqual(100 * 2 ** attempt);
      // Jitter: not a constant delay.
      expect(new Set(draws).size).toBeGreaterThan(100);
    }
  });

  it('caps exponential growth at retryMaxDelayMs', () => {
    const draws = Array.from({ length: 200 }, () => backoffMs(10, undefined, options));
    expect(Math.max(...draws)).toBeLessThanOrEqual(1000);
    expect(Math.max(...draws)).toBeGreaterThan(500);
  });

  it('uses Retry-After instead, capped at retryMaxDelayMs', () => {
    expect(backoffMs(0, 0.5, options)).toBe(500);
    expect(backoffMs(0, 3600, options)).toBe(1000);
  });
});

describe('sleep', () => {
  it('rejects at once with the reason of an aborted signal', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const start = performance.now();
    const slept = sleep(10_000, controller.signal);
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('resolves after the delay', async () => {
    const start = performance.now();
    await sleep(20, new AbortController().signal);
    expect(performance.now() - start).toBeGreaterThanOrEqual(18);
  });
});
