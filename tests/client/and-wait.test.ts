/**
 * The *AndWait helpers carry the caller's Idempotency-Key, signal and headers through the whole
 * flow (the start, every poll, the final read), and an error body that only looks like the envelope
 * is reported as UNEXPECTED_RESPONSE. Fake timers, scripted fetch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, fakeFetch, jsonResponse, type FakeCall } from './fake-fetch.js';
import { INF, INF2, influencer, job } from './server.js';

const client = (f: typeof fetch) => fakeClient(f, { retryBaseDelayMs: 1 });
const accepted = (status: 'running' | 'succeeded' = 'running') => jsonResponse(202, job(status, { influencerId: INF2 }));
const path = (call: FakeCall) => `${call.method} ${new URL(call.url).pathname}`;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('cloneInfluencerAndWait', () => {
  it("sends the caller's Idempotency-Key and headers on the clone, and the headers on every poll and the final read", async () => {
    const f = fakeFetch(accepted(), jsonResponse(200, job('succeeded', { influencerId: INF2 })), jsonResponse(200, influencer({ influencerId: INF2 })));
    const wait = client(f).cloneInfluencerAndWait({ influencerId: INF }, { name: 'Copy' }, { idempotencyKey: 'clone-key-1', headers: { 'X-Trace': 't1' }, initialIntervalMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    const clone = await wait;
    expect(clone.influencerId).toBe(INF2);
    expect(f.calls.map(path)).toEqual([`POST /v1/influencers/${INF}/clone`, `GET /v1/jobs/${job('running').jobId}`, `GET /v1/influencers/${INF2}`]);
    expect(f.calls[0]!.headers.get('idempotency-key')).toBe('clone-key-1');
    expect(f.calls.map((c) => c.headers.get('x-trace'))).toEqual(['t1', 't1', 't1']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reuses the key when the clone is retried, so a retry cannot make a second clone', async () => {
    const f = fakeFetch(jsonResponse(503, { error: { code: 'INTERNAL', message: 'x', requestId: 'req_1' } }), accepted('succeeded'), jsonResponse(200, influencer({ influencerId: INF2 })));
    const wait = client(f).cloneInfluencerAndWait({ influencerId: INF }, { name: 'Copy' }, { idempotencyKey: 'clone-key-2' });
    await vi.advanceTimersByTimeAsync(100);
    await wait;
    expect(f.calls.slice(0, 2).map((c) => c.headers.get('idempotency-key'))).toEqual(['clone-key-2', 'clone-key-2']);
  });

  it('stops when the signal aborts during the clone request', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const f = fakeFetch((call) => {
      controller.abort(reason);
      if (call.signal?.aborted) throw call.signal.reason;
      return accepted();
    });
    await expect(client(f).cloneInfluencerAndWait({ influencerId: INF }, { name: 'Copy' }, { signal: controller.signal })).rejects.toBe(reason);
    expect(f.calls).toHaveLength(1);
  });

  it('stops when the signal aborts while waiting', async () => {
    const controller = new AbortController();
    const f = fakeFetch(accepted(), jsonResponse(200, job('running')));
    const wait = client(f).cloneInfluencerAndWait({ influencerId: INF }, { name: 'Copy' }, { signal: controller.signal, initialIntervalMs: 1000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('stop waiting'));
    expect(await wait).toMatchObject({ message: 'stop waiting' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('createInfluencerAndWait', () => {
  it('passes the signal to the final read: aborting then rejects instead of returning the influencer', async () => {
    const controller = new AbortController();
    const reason = new Error('aborted before the read');
    const f = fakeFetch(accepted(), (call) => {
      // The job is done; the caller gives up before the final read.
      controller.abort(reason);
      return jsonResponse(200, job('succeeded', { influencerId: INF2 }));
    }, jsonResponse(200, influencer({ influencerId: INF2 })));
    const wait = client(f).createInfluencerAndWait({ projectId: 'prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39' }, {}, { signal: controller.signal, initialIntervalMs: 5 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(await wait).toBe(reason);
    // The read, if sent at all, went out already cancelled.
    expect(f.calls.slice(2).every((c) => c.signal?.aborted === true)).toBe(true);
  });

  it("sends the caller's Idempotency-Key, and reads the influencer right away when the job is already done", async () => {
    const f = fakeFetch(accepted('succeeded'), jsonResponse(200, influencer({ influencerId: INF2 })));
    const ready = await client(f).createInfluencerAndWait({ projectId: 'prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39' }, { gender: 'male' }, { idempotencyKey: 'create-key-1' });
    expect(ready.influencerId).toBe(INF2);
    expect(f.calls.map(path)).toEqual(['POST /v1/projects/prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39/influencers', `GET /v1/influencers/${INF2}`]);
    expect(f.calls[0]!.headers.get('idempotency-key')).toBe('create-key-1');
    expect(JSON.parse(f.calls[0]!.body)).toEqual({ gender: 'male' });
  });
});

describe('error bodies that only look like the envelope', () => {
  for (const [label, error] of [
    ['a code that is not a string', { code: 5, message: 'x' }],
    ['a message that is not a string', { code: 'VALIDATION', message: null }],
    ['no code', { message: 'x' }],
  ] as const) {
    it(`${label}: UNEXPECTED_RESPONSE, with the status and X-Request-Id`, async () => {
      const f = fakeFetch(jsonResponse(422, { error }, { 'x-request-id': 'req_from_header' }));
      const thrown = await client(f).getJob({ jobId: job('running').jobId }).catch((e: unknown) => e);
      expect(thrown).toMatchObject({ name: 'LayersValidationError', status: 422, code: 'UNEXPECTED_RESPONSE', requestId: 'req_from_header', message: 'getJob: unexpected HTTP 422 response' });
    });
  }

  it('a real envelope keeps its code, message, details and requestId', async () => {
    const f = fakeFetch(jsonResponse(422, { error: { code: 'VALIDATION', message: 'Invalid body.', requestId: 'req_env', details: { formErrors: ['x'] } } }, { 'x-request-id': 'req_header' }));
    const thrown = await client(f).getJob({ jobId: job('running').jobId }).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ code: 'VALIDATION', message: 'Invalid body.', requestId: 'req_env', details: { formErrors: ['x'] }, attempts: 1 });
  });
});
