/** The MSW double (`@layers/partner-api/msw`): the client's partner flows with no network, validation, envelope, state. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  LayersAuthenticationError,
  LayersClient,
  LayersJobFailedError,
  LayersNotFoundError,
  LayersValidationError,
  type Influencer,
} from '../../src/client/index.js';
import { createHandlers } from '../../src/msw/index.js';
import { operation, validatorForRef } from '../support/contract.js';

const BASE = 'https://api.layers.com';
const server = setupServer();
const seen: Array<{ operationId: string; status: number; body: unknown }> = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A client whose every response is recorded, to be checked against the contract. */
function client(options: Partial<ConstructorParameters<typeof LayersClient>[0]> = {}): LayersClient {
  return new LayersClient({
    apiKey: 'sk_test_msw',
    retryBaseDelayMs: 1,
    ...options,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const body: unknown = await response.clone().json().catch(() => undefined);
      seen.push({ operationId: '', status: response.status, body });
      return response;
    },
  });
}

const fast = { initialIntervalMs: 5, maxIntervalMs: 10 };

describe('createHandlers()', () => {
  it('runs the partner flows: create and wait, clone and wait, paginate to the end, patch, delete', async () => {
    server.use(...createHandlers());
    const layers = client();
    const project = await layers.createProject({ name: 'Bloom Habits', brandVoice: 'warm' });
    expect(project.lastResponse.status).toBe(201);
    expect(project.lastResponse.headers.get('location')).toBe(`/v1/projects/${project.projectId}`);
    expect(project.lastResponse.requestId).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await layers.getProject({ projectId: project.projectId })).toEqual(project);

    const nova = await layers.createInfluencerAndWait({ projectId: project.projectId }, { gender: 'female', ageRange: 'adult' }, fast);
    expect(nova).toMatchObject({ projectId: project.projectId, gender: 'female', ageRange: 'adult', brandVoice: 'warm', status: 'ready' });
    expect(nova.referenceImages.length).toBeGreaterThan(0);
    const maria = await layers.cloneInfluencerAndWait({ influencerId: nova.influencerId }, { name: 'Maria (ES)', overrides: { language: 'es-MX' } }, fast);
    expect(maria).toMatchObject({ name: 'Maria (ES)', language: 'es-MX', gender: 'female', status: 'ready' });
    for (let i = 0; i < 3; i++) await layers.createInfluencer({ projectId: project.projectId });

    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await layers.listInfluencers({ projectId: project.projectId, limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(page.data.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([2, 2, 1]);
    const all: Influencer[] = [];
    for await (const influencer of layers.paginateInfluencers({ projectId: project.projectId, limit: 2 })) all.push(influencer);
    expect(all.map((i) => i.influencerId).slice(0, 2)).toEqual([nova.influencerId, maria.influencerId]);

    const patched = await layers.patchInfluencer({ influencerId: nova.influencerId }, { brandVoice: 'witty' });
    expect(patched.brandVoice).toBe('witty');
    expect((await layers.getInfluencer({ influencerId: nova.influencerId })).brandVoice).toBe('witty');
    const deleted = await layers.deleteInfluencer({ influencerId: nova.influencerId }, { reason: 'rebrand' });
    expect(deleted).toMatchObject({ influencerId: nova.influencerId, status: 'deleted' });
    await expect(layers.getInfluencer({ influencerId: nova.influencerId })).rejects.toBeInstanceOf(LayersNotFoundError);
    await expect(layers.cloneInfluencer({ influencerId: nova.influencerId }, { name: 'Gone' })).rejects.toBeInstanceOf(LayersNotFoundError);
    expect((await layers.listInfluencers({ projectId: project.projectId })).data.map((i) => i.influencerId)).not.toContain(nova.influencerId);
  });

  it('answers every request with a body valid against the contract schema of its status', () => {
    expect(seen.length).toBeGreaterThan(10);
    const schemas = (status: number) => (status >= 400 ? ['#/components/schemas/ErrorEnvelope'] : ['#/components/schemas/Project', '#/components/schemas/Influencer', '#/components/schemas/InfluencerList', '#/components/schemas/Job', '#/components/schemas/InfluencerDeleted']);
    for (const { status, body } of seen) {
      expect(schemas(status).some((ref) => validatorForRef(ref)(body)), `${status} ${JSON.stringify(body)}`).toBe(true);
    }
  });

  it('validates requests against the contract and answers in its envelope', async () => {
    server.use(...createHandlers());
    const layers = client();
    const project = await layers.createProject({ name: 'Bloom' });
    // @ts-expect-error name is server-generated: the contract rejects it
    const error = await layers.createInfluencer({ projectId: project.projectId }, { name: 'Nova' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersValidationError);
    expect((error as LayersValidationError).details?.fieldErrors).toHaveProperty('name');
    expect((error as LayersValidationError).requestId).toBe((error as LayersValidationError).headers?.get('x-request-id'));
    const badId = await layers.getInfluencer({ influencerId: 'abc' }).catch((e: unknown) => e);
    expect((badId as LayersValidationError).details?.fieldErrors).toHaveProperty('influencerId');
    const limit = await layers.listInfluencers({ projectId: project.projectId, limit: 0 }).catch((e: unknown) => e);
    expect((limit as LayersValidationError).details?.fieldErrors).toHaveProperty('limit');
    const cursor = await layers.listInfluencers({ projectId: project.projectId, cursor: 'forged' }).catch((e: unknown) => e);
    expect((cursor as LayersValidationError).details?.fieldErrors).toHaveProperty('cursor');
    const raw = await fetch(`${BASE}/v1/projects`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'text/plain' }, body: 'x' });
    expect(raw.status).toBe(operation('createProject').responses.some((r) => r.status === 415) ? 415 : 422);
    expect((await raw.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('requires a key (401 with WWW-Authenticate), and the configured one when apiKey is given', async () => {
    server.use(...createHandlers({ apiKey: 'sk_right' }));
    const none = await fetch(`${BASE}/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    await expect(client({ apiKey: 'sk_wrong' }).getJob({ jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' })).rejects.toBeInstanceOf(LayersAuthenticationError);
    await expect(client({ apiKey: 'sk_right' }).getJob({ jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' })).rejects.toBeInstanceOf(LayersNotFoundError);
  });

  it('replays a keyed POST with Idempotency-Replayed, and refuses the key for another request', async () => {
    server.use(...createHandlers());
    const layers = client();
    const first = await layers.createProject({ name: 'Bloom' }, { idempotencyKey: 'key-1' });
    const again = await layers.createProject({ name: 'Bloom' }, { idempotencyKey: 'key-1' });
    expect(again).toEqual(first);
    expect([first.lastResponse.idempotencyReplayed, again.lastResponse.idempotencyReplayed]).toEqual([false, true]);
    const reused = await layers.createProject({ name: 'Other' }, { idempotencyKey: 'key-1' }).catch((e: unknown) => e);
    expect(reused).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('runs jobs for jobDurationMs, fails them on sandbox:fail, and keeps each createHandlers() apart', async () => {
    server.use(...createHandlers({ baseUrl: 'http://layers.test', jobDurationMs: 40 }));
    const layers = client({ baseUrl: 'http://layers.test' });
    // The clock stands still (only Date is faked; timers run), so a busy machine cannot end the job early.
    const project = await (async () => {
      const start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'], now: start });
      try {
        const created = await layers.createProject({ name: 'Bloom', appDescription: 'A habit tracker.' });
        expect(created.initialInfluencer).not.toBeNull();
        const jobId = created.initialInfluencer!.jobId;
        vi.setSystemTime(start + 39);
        expect((await layers.getJob({ jobId })).status).toBe('running');
        vi.setSystemTime(start + 40);
        expect((await layers.waitForJob({ jobId }, fast)).status).toBe('succeeded');
        return created;
      } finally {
        vi.useRealTimers();
      }
    })();
    const failed = await layers.createInfluencerAndWait({ projectId: project.projectId }, { prompt: 'sandbox:fail please' }, fast).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(LayersJobFailedError);
    expect((failed as LayersJobFailedError).job.error?.code).toBe('RENDER_FAILED');

    server.resetHandlers(...createHandlers({ baseUrl: 'http://layers.test' }));
    await expect(layers.getProject({ projectId: project.projectId })).rejects.toBeInstanceOf(LayersNotFoundError);
  });
});
