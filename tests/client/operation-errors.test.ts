/** Errors name the operation that failed, and a timed-out attempt says how long and how many attempts (fake timers, scripted fetch). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, fakeFetch, jsonResponse } from './fake-fetch.js';
import { INF } from './server.js';

const notFound = () => jsonResponse(404, { error: { code: 'NOT_FOUND', message: 'Influencer not found.', requestId: 'req_1' } });
const client = fakeClient;
/** A fetch that never answers until its signal aborts. */
const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }))) as typeof fetch;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('operationId on errors', () => {
  it('patchInfluencer and deleteInfluencer name themselves', async () => {
    await expect(client(fakeFetch(notFound())).patchInfluencer({ influencerId: INF }, { name: 'X' })).rejects.toMatchObject({ operationId: 'patchInfluencer', code: 'NOT_FOUND' });
    await expect(client(fakeFetch(notFound())).deleteInfluencer({ influencerId: INF })).rejects.toMatchObject({ operationId: 'deleteInfluencer', code: 'NOT_FOUND' });
  });
});

describe('attempt timeouts', () => {
  it('say the method, URL, timeout and one attempt', async () => {
    const call = client(hanging, { timeoutMs: 50, maxRetries: 0 }).getInfluencer({ influencerId: INF }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60);
    expect(await call).toMatchObject({ name: 'LayersTimeoutError', message: `GET http://api.test/v1/influencers/${INF} timed out after 50 ms (1 attempt)` });
  });
  it('count the attempts after retries', async () => {
    const call = client(hanging, { timeoutMs: 50, maxRetries: 1, retryBaseDelayMs: 1 }).getInfluencer({ influencerId: INF }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(200);
    expect(await call).toMatchObject({ name: 'LayersTimeoutError', message: `GET http://api.test/v1/influencers/${INF} timed out after 50 ms (2 attempts)` });
    expect(vi.getTimerCount()).toBe(0);
  });
});
