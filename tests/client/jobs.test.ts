/** waitForJob and the *AndWait helpers. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LayersApiError, LayersJobFailedError, LayersTimeoutError, type Job } from '../../src/client/index.js';
import { pollJob } from '../../src/client/jobs.js';
import { clientFor, envelope, INF, INF2, influencer, JOB, job, json, PRJ, startServer, timed } from './server.js';

const fast = { initialIntervalMs: 2, maxIntervalMs: 5 };

describe('waitForJob', () => {
  it('polls until succeeded and returns the terminal job', async () => {
    const server = await startServer(json(200, job('running')), json(200, job('running')), json(200, job('succeeded')));
    const done = await clientFor(server).waitForJob(JOB, fast);
    expect(done.status).toBe('succeeded');
    expect(done.completedAt).not.toBeNull();
    expect(server.requests.map((r) => r.url)).toEqual(Array(3).fill(`/v1/jobs/${JOB}`));
  });

  it('returns a failed job, with its error, instead of throwing', async () => {
    const server = await startServer(json(200, job('running')), json(200, job('failed')));
    const done = await clientFor(server).waitForJob(JOB, fast);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('RENDER_FAILED');
    expect(server.requests).toHaveLength(2);
  });

  it('rejects with LayersTimeoutError after timeoutMs', async () => {
    const server = await startServer(json(200, job('running')));
    const { ms, error } = await timed(() => clientFor(server).waitForJob(JOB, { ...fast, timeoutMs: 60 }));
    expect(error).toBeInstanceOf(LayersTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(55);
    expect(ms).toBeLessThan(1000);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('times out while a poll itself hangs', async () => {
    const server = await startServer(() => {});
    const { ms, error } = await timed(() => clientFor(server).waitForJob(JOB, { timeoutMs: 50 }));
    expect(error).toBeInstanceOf(LayersTimeoutError);
    expect(ms).toBeLessThan(1000);
  });

  it('stops polling when the signal aborts', async () => {
    const server = await startServer(json(200, job('running')));
    const controller = new AbortController();
    const call = timed(() => clientFor(server).waitForJob(JOB, { signal: controller.signal, initialIntervalMs: 10_000 }));
    await server.received(1);
    controller.abort();
    const { ms, error } = await call;
    expect((error as Error).name).toBe('AbortError');
    expect(ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('surfaces an API error from a poll', async () => {
    const server = await startServer(envelope(404, 'NOT_FOUND'));
    await expect(clientFor(server).waitForJob(JOB, fast)).rejects.toMatchObject({ code: 'NOT_FOUND', operationId: 'getJob' });
  });
});

describe('pollJob backoff (fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits initialIntervalMs, then ×1.5 per poll, capped at maxIntervalMs', async () => {
    vi.useFakeTimers();
    let polls = 0;
    const getJob = async () => {
      polls += 1;
      return job(polls === 6 ? 'succeeded' : 'running') as Job;
    };
    const done = pollJob(getJob, { initialIntervalMs: 100, maxIntervalMs: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toBe(1);
    // Expected pauses: 100, 150, 200 (225 capped), 200, 200.
    for (const [pause, after] of [[100, 2], [150, 3], [200, 4], [200, 5], [200, 6]] as const) {
      await vi.advanceTimersByTimeAsync(pause - 1);
      expect(polls).toBe(after - 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(polls).toBe(after);
    }
    expect((await done).status).toBe('succeeded');
  });

  it('defaults to 1 s growing to 10 s, and gives up after 5 minutes', async () => {
    vi.useFakeTimers();
    let polls = 0;
    const done = pollJob(async () => {
      polls += 1;
      return job('running') as Job;
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(999);
    expect(polls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(polls).toBe(2);
    await vi.advanceTimersByTimeAsync(1500);
    expect(polls).toBe(3);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(await done).toBeInstanceOf(LayersTimeoutError);
    // Polls at 0, 1, 2.5, 4.75, 8.125, 13.19, 20.78 s, then every 10 s up to 290.78 s: 34 in 5 minutes.
    expect(polls).toBe(34);
  });
});

describe('createInfluencerAndWait / cloneInfluencerAndWait', () => {
  it('creates, polls the job and resolves the ready influencer', async () => {
    const server = await startServer(
      json(202, job('running')),
      json(200, job('running')),
      json(200, job('succeeded')),
      json(200, influencer({ status: 'ready' })),
    );
    const ready = await clientFor(server).createInfluencerAndWait({ projectId: PRJ }, { gender: 'female' }, { ...fast, idempotencyKey: 'k-1' });
    expect(ready).toEqual(influencer({ status: 'ready' }));
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST /v1/projects/${PRJ}/influencers`,
      `GET /v1/jobs/${JOB}`,
      `GET /v1/jobs/${JOB}`,
      `GET /v1/influencers/${INF}`,
    ]);
    expect(server.requests[0]!.headers['idempotency-key']).toBe('k-1');
    expect(server.requests[0]!.body).toBe('{"gender":"female"}');
  });

  it('throws LayersJobFailedError carrying the failed job, and reads no influencer', async () => {
    const server = await startServer(json(202, job('running')), json(200, job('failed')));
    const error = await clientFor(server).createInfluencerAndWait({ projectId: PRJ }, undefined, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersJobFailedError);
    const { job: failed } = error as LayersJobFailedError;
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({ code: 'RENDER_FAILED', message: 'The portrait render did not converge.' });
    expect((error as Error).message).toContain('RENDER_FAILED');
    expect(server.requests).toHaveLength(2);
  });

  it('skips polling when the accept answer is already terminal (an idempotent replay)', async () => {
    const server = await startServer(json(202, job('succeeded', { influencerId: INF2 })), json(200, influencer({ influencerId: INF2 })));
    const ready = await clientFor(server).cloneInfluencerAndWait({ influencerId: INF }, { name: 'Maria (ES)' }, fast);
    expect(ready.influencerId).toBe(INF2);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /v1/influencers/${INF}/clone`, `GET /v1/influencers/${INF2}`]);
  });

  it('clones, polls and resolves the clone by the job’s influencerId', async () => {
    const server = await startServer(
      json(202, job('running', { influencerId: INF2 })),
      json(200, job('succeeded', { influencerId: INF2 })),
      json(200, influencer({ influencerId: INF2, name: 'Maria (ES)', language: 'es-MX' })),
    );
    const clone = await clientFor(server).cloneInfluencerAndWait(
      { influencerId: INF },
      { name: 'Maria (ES)', overrides: { language: 'es-MX' } },
      fast,
    );
    expect(clone).toMatchObject({ influencerId: INF2, name: 'Maria (ES)', language: 'es-MX' });
    expect(server.requests[2]!.url).toBe(`/v1/influencers/${INF2}`);
  });

  it('rejects with LayersApiError when the create itself is refused', async () => {
    const server = await startServer(envelope(409, 'CONFLICT'));
    const error = await clientFor(server).cloneInfluencerAndWait({ influencerId: INF }, { name: 'X' }, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersApiError);
    expect(error).toMatchObject({ code: 'CONFLICT', operationId: 'cloneInfluencer' });
  });
});
