/** Response metadata on success (`lastResponse`), headers per client and per call, and `waitForJob({ jobId })`. */
import { describe, expect, it } from 'vitest';
import { clientFor, INF, influencer, JOB, job, json, PRJ, project, startServer } from './server.js';

const REQ = 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T';

describe('lastResponse', () => {
  it('carries status, headers, X-Request-Id, the Idempotency-Key sent and Idempotency-Replayed', async () => {
    const server = await startServer(json(201, project, { 'x-request-id': REQ, 'idempotency-replayed': 'true', location: `/v1/projects/${PRJ}` }));
    const created = await clientFor(server).createProject({ name: 'Bloom Habits' }, { idempotencyKey: 'key-123' });
    expect(created.lastResponse).toMatchObject({
      operationId: 'createProject',
      method: 'POST',
      url: `${server.url}/v1/projects`,
      status: 201,
      requestId: REQ,
      idempotencyReplayed: true,
      idempotencyKey: 'key-123',
      attempts: 1,
    });
    expect(created.lastResponse.headers.get('location')).toBe(`/v1/projects/${PRJ}`);
    expect(server.requests[0]!.headers['idempotency-key']).toBe('key-123');
  });

  it('stays out of the body: JSON, spreads and equality see only the contract’s fields', async () => {
    const server = await startServer(json(200, influencer(), { 'x-request-id': REQ }));
    const got = await clientFor(server).getInfluencer({ influencerId: INF });
    expect(got.lastResponse.requestId).toBe(REQ);
    expect(got.lastResponse.idempotencyReplayed).toBe(false);
    expect(got.lastResponse.idempotencyKey).toBeUndefined();
    expect(JSON.parse(JSON.stringify(got))).toEqual(influencer());
    expect(Object.keys(got)).toEqual(Object.keys(influencer()));
    expect({ ...got }).not.toHaveProperty('lastResponse');
  });

  it('counts the attempts of a retried call', async () => {
    const server = await startServer(json(503, { error: { code: 'INTERNAL', message: 'x', requestId: REQ } }), json(200, project, { 'x-request-id': REQ }));
    const got = await clientFor(server).getProject({ projectId: PRJ });
    expect(got.lastResponse.attempts).toBe(2);
    expect(got.lastResponse.idempotencyKey).toBeUndefined();
  });

  it('names the generated Idempotency-Key of a POST', async () => {
    const server = await startServer(json(202, job('running')));
    const started = await clientFor(server).createInfluencer({ projectId: PRJ });
    expect(started.lastResponse.idempotencyKey).toBe(server.requests[0]!.headers['idempotency-key']);
    expect(started.lastResponse.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('headers', () => {
  it('sends the client’s headers on every request and a call’s headers over them; Authorization stays the key’s', async () => {
    const server = await startServer(json(200, job('succeeded')));
    const layers = clientFor(server, { headers: { Prefer: 'example=running', 'X-Trace': 'client', Authorization: 'Bearer other' } });
    await layers.getJob({ jobId: JOB });
    await layers.getJob({ jobId: JOB }, { headers: { Prefer: 'example=succeeded' } });
    expect(server.requests.map((r) => [r.headers.prefer, r.headers['x-trace'], r.headers.authorization])).toEqual([
      ['example=running', 'client', 'Bearer sk_test_123'],
      ['example=succeeded', 'client', 'Bearer sk_test_123'],
    ]);
  });

  it('passes the headers of waitForJob and the *AndWait helpers to every request of the flow', async () => {
    const server = await startServer(json(202, job('running')), json(200, job('succeeded')), json(200, influencer()));
    await clientFor(server).createInfluencerAndWait({ projectId: PRJ }, {}, { headers: { Prefer: 'example=succeeded' }, initialIntervalMs: 1 });
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.headers.prefer}`)).toEqual([
      `POST /v1/projects/${PRJ}/influencers example=succeeded`,
      `GET /v1/jobs/${JOB} example=succeeded`,
      `GET /v1/influencers/${INF} example=succeeded`,
    ]);
  });
});

describe('waitForJob', () => {
  it('takes { jobId }, a Job, or (as before) the id string', async () => {
    const server = await startServer(json(200, job('succeeded'), { 'x-request-id': REQ }));
    const layers = clientFor(server);
    const byParams = await layers.waitForJob({ jobId: JOB });
    const byJob = await layers.waitForJob(job('running'));
    const byString = await layers.waitForJob(JOB);
    expect([byParams.status, byJob.status, byString.status]).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(byParams.lastResponse.requestId).toBe(REQ);
    expect(server.requests.map((r) => r.url)).toEqual(Array(3).fill(`/v1/jobs/${JOB}`));
  });
});
