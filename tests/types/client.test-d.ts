/** Type-level guarantees of the client, checked by tsc (vitest typecheck and `npm run typecheck`). */
import { describe, expectTypeOf, it } from 'vitest';
import {
  LayersClient,
  type ErrorCode,
  type ErrorEnvelope,
  type TransportErrorCode,
  type TransportErrorEnvelope,
  type Influencer,
  type InfluencerDeleted,
  type InfluencerList,
  type Job,
  type LayersApiError,
  type LayersNotFoundError,
  type LayersResponse,
  type LayersValidationError,
  type Project,
  type WithResponse,
} from '../../src/client/index.js';

const layers = new LayersClient({ apiKey: 'sk_test' });
const projectId = 'prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39';
const influencerId = 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c';

describe('request bodies follow the contract', () => {
  it('createInfluencer takes only gender, ageRange and prompt', () => {
    // @ts-expect-error name is server-generated (D13)
    void layers.createInfluencer({ projectId }, { name: 'Nova' });
    // @ts-expect-error 'nonbinary' is the older pages' spelling; the contract says 'non_binary' (D06)
    void layers.createInfluencer({ projectId }, { gender: 'nonbinary' });
    // @ts-expect-error brandVoice is inherited from the project, not part of the create body
    void layers.createInfluencer({ projectId }, { brandVoice: 'witty' });
    expectTypeOf(layers.createInfluencer).toBeCallableWith({ projectId }, { gender: 'non_binary', ageRange: 'teen', prompt: 'barista' });
    expectTypeOf(layers.createInfluencer).toBeCallableWith({ projectId });
  });

  it('cloneInfluencer requires a name and takes identity overrides only', () => {
    // @ts-expect-error name is required (D19)
    void layers.cloneInfluencer({ influencerId }, { overrides: { language: 'es-MX' } });
    // @ts-expect-error newInfluencerId is rejected (D18)
    void layers.cloneInfluencer({ influencerId }, { name: 'Maria', newInfluencerId: 'inf_x' });
    // @ts-expect-error vibe is not an override (D19)
    void layers.cloneInfluencer({ influencerId }, { name: 'Maria', overrides: { vibe: 'chill' } });
    expectTypeOf(layers.cloneInfluencer).toBeCallableWith({ influencerId }, { name: 'Maria (ES)', overrides: { language: 'es-MX' } });
  });

  it('patchInfluencer rejects null and unknown fields', () => {
    // @ts-expect-error personality no longer exists (D09, D23)
    void layers.patchInfluencer({ influencerId }, { personality: {} });
    // @ts-expect-error null is not accepted (D23)
    void layers.patchInfluencer({ influencerId }, { name: null });
  });

  it('path parameters are required and named', () => {
    // @ts-expect-error projectId is missing
    void layers.listInfluencers({ limit: 20 });
    // @ts-expect-error the getInfluencer parameter is influencerId
    void layers.getInfluencer({ id: influencerId });
  });

  it('idempotencyKey is accepted on POSTs only', () => {
    expectTypeOf(layers.createProject).toBeCallableWith({ name: 'Bloom Habits' }, { idempotencyKey: 'k' });
    // @ts-expect-error GET takes no Idempotency-Key
    void layers.getInfluencer({ influencerId }, { idempotencyKey: 'k' });
    // @ts-expect-error PATCH is never retried and takes no Idempotency-Key
    void layers.patchInfluencer({ influencerId }, { name: 'Nova' }, { idempotencyKey: 'k' });
  });
});

describe('responses follow the contract', () => {
  it('each method resolves to its schema', () => {
    expectTypeOf(layers.getInfluencer({ influencerId })).resolves.toEqualTypeOf<WithResponse<Influencer>>();
    expectTypeOf(layers.patchInfluencer({ influencerId }, { brandVoice: 'witty' })).resolves.toEqualTypeOf<WithResponse<Influencer>>();
    expectTypeOf(layers.createProject({ name: 'Bloom Habits' })).resolves.toEqualTypeOf<WithResponse<Project>>();
    expectTypeOf(layers.getProject({ projectId })).resolves.toEqualTypeOf<WithResponse<Project>>();
    expectTypeOf(layers.createInfluencer({ projectId })).resolves.toEqualTypeOf<WithResponse<Job>>();
    expectTypeOf(layers.cloneInfluencer({ influencerId }, { name: 'X' })).resolves.toEqualTypeOf<WithResponse<Job>>();
    expectTypeOf(layers.getJob({ jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' })).resolves.toEqualTypeOf<WithResponse<Job>>();
    expectTypeOf(layers.waitForJob('job_01HXZ9G7KMV2QX8Y1S5RJW3B7T')).resolves.toEqualTypeOf<WithResponse<Job>>();
    expectTypeOf(layers.listInfluencers({ projectId, limit: 20 })).resolves.toEqualTypeOf<WithResponse<InfluencerList>>();
    expectTypeOf(layers.deleteInfluencer({ influencerId })).resolves.toEqualTypeOf<WithResponse<InfluencerDeleted>>();
    expectTypeOf(layers.createInfluencerAndWait({ projectId })).resolves.toEqualTypeOf<WithResponse<Influencer>>();
    expectTypeOf(layers.cloneInfluencerAndWait({ influencerId }, { name: 'X' })).resolves.toEqualTypeOf<WithResponse<Influencer>>();
    expectTypeOf(layers.waitForJob({ jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' })).resolves.toEqualTypeOf<WithResponse<Job>>();
    expectTypeOf(layers.waitForJob).toBeCallableWith({} as Job);
    // @ts-expect-error waitForJob takes { jobId }, a Job or an id string
    void layers.waitForJob({ id: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' });
    expectTypeOf(layers.paginateInfluencers({ projectId })).toEqualTypeOf<AsyncGenerator<Influencer, void, undefined>>();
  });

  it('a response with metadata is still assignable to its schema, and lastResponse is typed', async () => {
    const influencer: Influencer = await layers.getInfluencer({ influencerId });
    void influencer;
    expectTypeOf<WithResponse<Project>['lastResponse']>().toEqualTypeOf<LayersResponse>();
    expectTypeOf<LayersResponse['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LayersResponse['idempotencyReplayed']>().toEqualTypeOf<boolean>();
  });

  it('headers are accepted per client and per call', () => {
    expectTypeOf(LayersClient).toBeConstructibleWith({ apiKey: 'k', headers: { Prefer: 'example=failed' } });
    expectTypeOf(layers.getJob).toBeCallableWith({ jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T' }, { headers: { Prefer: 'example=failed' } });
  });

  it('error classes by category extend LayersApiError', () => {
    expectTypeOf<LayersNotFoundError>().toExtend<LayersApiError>();
    expectTypeOf<LayersValidationError['details']>().toEqualTypeOf<LayersApiError['details']>();
  });

  it('Influencer.gender is the later revision’s enum', () => {
    expectTypeOf<Influencer['gender']>().toEqualTypeOf<'male' | 'female' | 'non_binary'>();
  });

  it('Job.status is the contract’s enum', () => {
    expectTypeOf<Job['status']>().toEqualTypeOf<'running' | 'succeeded' | 'failed'>();
  });

  it('LayersApiError.code is the contract’s ErrorCode and TransportErrorCode plus UNEXPECTED_RESPONSE', () => {
    expectTypeOf<'VALIDATION'>().toExtend<LayersApiError['code']>();
    expectTypeOf<LayersApiError['code']>().toEqualTypeOf<ErrorCode | TransportErrorCode | 'UNEXPECTED_RESPONSE'>();
    // An open list (D45): a code a later version adds is still a code.
    const code: LayersApiError['code'] = 'BAD_REQUEST';
    void code;
  });
});

describe('raw openapi-fetch client', () => {
  it('narrows data to Influencer and error to the two envelopes', async () => {
    const result = await layers.raw.GET('/v1/influencers/{influencerId}', { params: { path: { influencerId } } });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<ErrorEnvelope | TransportErrorEnvelope>();
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<Influencer>();
    }
  });

  it('checks paths and bodies', () => {
    // @ts-expect-error no such path (D14)
    void layers.raw.POST('/v1/influencers/{influencerId}/reference-images', { params: { path: { influencerId } } });
    // @ts-expect-error not a Gender of the contract
    void layers.raw.POST('/v1/projects/{projectId}/influencers', { params: { path: { projectId } }, body: { gender: 'nonbinary' } });
    // @ts-expect-error clone needs a name
    void layers.raw.POST('/v1/influencers/{influencerId}/clone', { params: { path: { influencerId } }, body: {} });
  });
});
