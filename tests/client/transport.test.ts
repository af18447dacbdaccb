/** Auth, Idempotency-Key, retries, timeouts and cancellation, over real sockets. */
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/mock/prism.js';
import { LayersApiError, LayersClient, LayersConnectionError, LayersTimeoutError } from '../../src/client/index.js';
import { clientFor, drop, envelope, hang, INF, influencer, job, json, PRJ, startServer, timed } from './server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('auth', () => {
  it('sends Authorization: Bearer <apiKey> on every request, and no X-Api-Key', async () => {
    const server = await startServer(json(200, influencer()), json(202, job('running')));
    const layers = clientFor(server, { apiKey: 'sk_live_abc' });
    await layers.getInfluencer({ influencerId: INF });
    await layers.createInfluencer({ projectId: PRJ });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk_live_abc', 'Bearer sk_live_abc']);
    expect(server.requests.every((r) => r.headers['x-api-key'] === undefined)).toBe(true);
  });

  it('applies auth to retried attempts and to the raw client', async () => {
    const server = await startServer(envelope(503, 'INTERNAL'), json(200, influencer()));
    const { data } = await clientFor(server, { apiKey: 'sk_raw' }).raw.GET('/v1/influencers/{influencerId}', {
      params: { path: { influencerId: INF } },
    });
    expect(data?.influencerId).toBe(INF);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk_raw', 'Bearer sk_raw']);
  });

  it('defaults baseUrl to https://api.layers.com and uses the fetch it is given', async () => {
    const urls: string[] = [];
    const layers = new LayersClient({
      apiKey: 'k',
      fetch: async (input) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return new Response(JSON.stringify(job('running')), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    await layers.getJob({ jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' });
    expect(urls).toEqual(['https://api.layers.com/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T']);
  });

  it('refuses to start without an apiKey', () => {
    expect(() => new LayersClient({ apiKey: '' })).toThrow(TypeError);
  });
});

describe('Idempotency-Key', () => {
  it('is generated for every POST, a fresh UUID per call', async () => {
    const server = await startServer(json(202, job('running')));
    const layers = clientFor(server);
    await layers.createInfluencer({ projectId: PRJ }, { gender: 'female' });
    await layers.createInfluencer({ projectId: PRJ }, { gender: 'female' });
    const [a, b] = server.requests.map((r) => r.headers['idempotency-key']);
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it('is identical on every retry of one call', async () => {
    const server = await startServer(envelope(503, 'INTERNAL'), envelope(429, 'RATE_LIMITED', { 'retry-after': '0' }), drop, json(202, job('running')));
    const result = await clientFor(server).cloneInfluencer({ influencerId: INF }, { name: 'Maria (ES)' });
    expect(result.jobId).toBe(job('running').jobId);
    expect(server.requests).toHaveLength(4);
    const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(UUID);
  });

  it('uses the caller-supplied key, on every attempt', async () => {
    const server = await startServer(envelope(500, 'INTERNAL'), json(201, { projectId: PRJ }));
    await clientFor(server).createProject({ name: 'Bloom Habits' }, { idempotencyKey: 'order-42' });
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['order-42', 'order-42']);
  });

  it('is not sent on GET, PATCH or DELETE', async () => {
    const server = await startServer(json(200, influencer()));
    const layers = clientFor(server);
    await layers.getInfluencer({ influencerId: INF });
    await layers.patchInfluencer({ influencerId: INF }, { brandVoice: 'witty' });
    await layers.deleteInfluencer({ influencerId: INF });
    expect(server.requests.map((r) => [r.method, r.headers['idempotency-key']])).toEqual([
      ['GET', undefined],
      ['PATCH', undefined],
      ['DELETE', undefined],
    ]);
  });
});

describe('retries', () => {
  it('retries a 503 and resolves with the eventual answer', async () => {
    const server = await startServer(envelope(503, 'INTERNAL'), envelope(503, 'INTERNAL'), json(200, influencer({ name: 'Third' })));
    const result = await clientFor(server).getInfluencer({ influencerId: INF });
    expect(result.name).toBe('Third');
    expect(server.requests).toHaveLength(3);
  });

  it('retries a 429, honouring Retry-After capped at retryMaxDelayMs', async () => {
    const server = await startServer(envelope(429, 'RATE_LIMITED', { 'retry-after': '1' }), json(200, influencer()));
    const { ms, value } = await timed(() => clientFor(server, { retryMaxDelayMs: 80 }).getInfluencer({ influencerId: INF }));
    expect(value?.influencerId).toBe(INF);
    expect(server.requests).toHaveLength(2);
    const gap = server.requests[1]!.at - server.requests[0]!.at;
    // Without Retry-After the 1 ms base backoff would retry at once; with it uncapped we would wait 1 s.
    expect(gap).toBeGreaterThanOrEqual(75);
    expect(ms).toBeLessThan(800);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const inAMoment = new Date(Date.now() + 3000).toUTCString();
    const server = await startServer(envelope(429, 'RATE_LIMITED', { 'retry-after': inAMoment }), json(200, influencer()));
    await clientFor(server, { retryMaxDelayMs: 60 }).getInfluencer({ influencerId: INF });
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(55);
  });

  it('retries a dropped connection', async () => {
    const server = await startServer(drop, json(200, influencer()));
    const result = await clientFor(server).getInfluencer({ influencerId: INF });
    expect(result.influencerId).toBe(INF);
    expect(server.requests).toHaveLength(2);
  });

  it('throws LayersConnectionError with the fetch error as cause when every attempt is dropped', async () => {
    const server = await startServer(drop);
    const error = await clientFor(server, { maxRetries: 2 }).getInfluencer({ influencerId: INF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersConnectionError);
    expect((error as LayersConnectionError).cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ method: 'GET', url: `${server.url}/v1/influencers/${INF}`, attempts: 3 });
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/influencers\/inf_\S+: could not connect \(\w+\) after 3 attempts$/);
  });

  it('names the cause code, the URL and the attempts when nothing listens (ECONNREFUSED)', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await new LayersClient({ apiKey: 'k', baseUrl: closed, maxRetries: 1, retryBaseDelayMs: 1 }).getInfluencer({ influencerId: INF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 2, url: `${closed}/v1/influencers/${INF}` });
    expect((error as Error).message).toBe(`GET ${closed}/v1/influencers/${INF}: could not connect (ECONNREFUSED) after 2 attempts`);
  });

  it('is bounded by maxRetries, then surfaces the last answer as LayersApiError', async () => {
    const server = await startServer(envelope(503, 'INTERNAL'));
    const error = await clientFor(server, { maxRetries: 2 }).getInfluencer({ influencerId: INF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersApiError);
    expect((error as LayersApiError).status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it('defaults to 3 retries (4 attempts)', async () => {
    const server = await startServer(envelope(500, 'INTERNAL'));
    await expect(clientFor(server).getJob({ jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' })).rejects.toBeInstanceOf(LayersApiError);
    expect(server.requests).toHaveLength(4);
  });

  it('makes one attempt with maxRetries: 0', async () => {
    const server = await startServer(envelope(429, 'RATE_LIMITED', { 'retry-after': '0' }));
    await expect(clientFor(server, { maxRetries: 0 }).getInfluencer({ influencerId: INF })).rejects.toMatchObject({ status: 429 });
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a PATCH, not on 503 nor on a dropped connection', async () => {
    const server = await startServer(envelope(503, 'INTERNAL'), drop, json(200, influencer()));
    const layers = clientFor(server);
    await expect(layers.patchInfluencer({ influencerId: INF }, { name: 'Nova' })).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
    await expect(layers.patchInfluencer({ influencerId: INF }, { name: 'Nova' })).rejects.toBeInstanceOf(LayersConnectionError);
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry a %i', async (status) => {
    const server = await startServer(envelope(status, 'VALIDATION'), json(200, influencer()));
    await expect(clientFor(server).getInfluencer({ influencerId: INF })).rejects.toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a keyed POST answered 409 IDEMPOTENCY_KEY_IN_USE (the first attempt still running), with the same key', async () => {
    const server = await startServer(envelope(409, 'IDEMPOTENCY_KEY_IN_USE'), json(202, job('running')));
    const accepted = await clientFor(server).createInfluencer({ projectId: PRJ });
    expect(accepted.status).toBe('running');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers['idempotency-key']).toBe(server.requests[0]?.headers['idempotency-key']);
  });

  it('does not retry any other 409', async () => {
    const server = await startServer(envelope(409, 'CONFLICT'), json(202, job('running')));
    await expect(clientFor(server).cloneInfluencer({ influencerId: INF }, { name: 'Nova (B)' })).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a keyed POST and a DELETE on 5xx', async () => {
    const server = await startServer(
      envelope(502, 'INTERNAL'),
      json(202, job('running')),
      envelope(500, 'INTERNAL'),
      json(200, { influencerId: INF, status: 'deleted', deletedAt: '2026-05-02T09:30:00.000Z' }),
    );
    const layers = clientFor(server);
    await layers.createInfluencer({ projectId: PRJ });
    const deleted = await layers.deleteInfluencer({ influencerId: INF }, { reason: 'retired' });
    expect(deleted.status).toBe('deleted');
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'DELETE', 'DELETE']);
    expect(server.requests[3]!.body).toBe('{"reason":"retired"}');
  });
});

describe('timeouts', () => {
  it('throws LayersTimeoutError when the server never answers', async () => {
    const server = await startServer(hang);
    const { ms, error } = await timed(() => clientFor(server, { timeoutMs: 50, maxRetries: 0 }).getInfluencer({ influencerId: INF }));
    expect(error).toBeInstanceOf(LayersTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(45);
    expect(ms).toBeLessThan(1000);
  });

  it('applies the timeout per attempt and retries timed-out attempts', async () => {
    const server = await startServer(hang, hang, json(200, influencer()));
    const result = await clientFor(server, { timeoutMs: 150 }).getInfluencer({ influencerId: INF });
    expect(result.influencerId).toBe(INF);
    expect(server.requests).toHaveLength(3);
  });

  it('covers a body that stalls after the headers', async () => {
    const server = await startServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"influencerId":');
    });
    const { ms, error } = await timed(() => clientFor(server, { timeoutMs: 100, maxRetries: 0 }).getInfluencer({ influencerId: INF }));
    expect(error).toBeInstanceOf(LayersTimeoutError);
    expect(ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('takes a per-call timeoutMs over the client default', async () => {
    const server = await startServer(hang);
    const { ms, error } = await timed(() => clientFor(server, { timeoutMs: 10_000, maxRetries: 0 }).getInfluencer({ influencerId: INF }, { timeoutMs: 30 }),
    );
    expect(error).toBeInstanceOf(LayersTimeoutError);
    expect(ms).toBeLessThan(1000);
  });

  it('does not retry a timed-out PATCH', async () => {
    const server = await startServer(hang);
    const call = clientFor(server, { timeoutMs: 150 }).patchInfluencer({ influencerId: INF }, { language: 'es-MX' });
    await expect(call).rejects.toBeInstanceOf(LayersTimeoutError);
    // A retry would go out about a millisecond after the timeout.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('aborts an in-flight request at once, rejecting with the AbortError', async () => {
    const server = await startServer(hang);
    const controller = new AbortController();
    const call = timed(() => clientFor(server, { timeoutMs: 10_000 }).getInfluencer({ influencerId: INF }, { signal: controller.signal }));
    await server.received(1);
    controller.abort();
    const { ms, error } = await call;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('aborts a backoff sleep at once, with no further attempt', async () => {
    const server = await startServer(envelope(429, 'RATE_LIMITED', { 'retry-after': '30' }));
    const controller = new AbortController();
    const started = performance.now();
    const call = timed(() => clientFor(server, { retryMaxDelayMs: 30_000 }).createInfluencer({ projectId: PRJ }, {}, { signal: controller.signal }),
    );
    await server.received(1);
    setTimeout(() => controller.abort(), 20);
    const { error } = await call;
    expect((error as Error).name).toBe('AbortError');
    // The backoff asked for 30 s; the call must end right after the abort.
    expect(performance.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with the signal’s own reason', async () => {
    const server = await startServer(envelope(503, 'INTERNAL', { 'retry-after': '10' }));
    const reason = new Error('user navigated away');
    const controller = new AbortController();
    const call = clientFor(server, { retryMaxDelayMs: 10_000 }).getInfluencer({ influencerId: INF }, { signal: controller.signal });
    await server.received(1);
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });

  it('does not send anything when the signal is already aborted', async () => {
    const server = await startServer(json(200, influencer()));
    await expect(
      clientFor(server).getInfluencer({ influencerId: INF }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);
  });
});
