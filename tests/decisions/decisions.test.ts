/**
 * One describe per entry of openapi/DECISIONS.md whose "Pinned by" says "contract test".
 * Each test fails if the bundled contract drifts from the decision. Payloads quoted from the seed
 * pages carry the page's file prefix, so a reader can see which side of a conflict lost.
 */
import { describe, expect, it } from 'vitest';
import { deref } from '../../src/contract/bundle.js';
import type { ContractOperation, OperationId } from '../../src/contract/model.js';
import { enumValues } from '../../src/contract/oas.js';
import {
  contract,
  doc,
  errorCodeOf,
  isValid,
  operation,
  operations,
  requestMediaTypes,
  responseExample,
  responseExamples,
  schema,
  scopesOf,
} from '../support/contract.js';

const INF = 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c';
const PRJ = 'prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39';
const TS = '2026-04-18T12:04:11.000Z';

/** The contract's own record (getInfluencer's `ready` example, checked at load): the tests vary one field of it at a time. */
const record = responseExample('getInfluencer', 'ready', 'Influencer');

/** The operations' error codes and their statuses (ErrorCode's own map; the model's errorStatus adds the transport's). */
const operationErrorStatus = schema('ErrorCode')['x-http-status'] ?? {};
const transportErrorStatus = schema('TransportErrorCode')['x-http-status'] ?? {};
const TRANSPORT_STATUSES = [400, 408, 431];

function propertyNames(name: string): string[] {
  const properties = schema(name).properties;
  if (!properties) throw new Error(`schema ${name} has no properties`);
  return Object.keys(properties);
}

const statusesOf = (op: ContractOperation): string[] => op.responses.map((r) => String(r.status));
const responseOf = (op: ContractOperation, status: number) => op.responses.find((r) => r.status === status);
const headerNames = (op: ContractOperation, status: number): string[] => responseOf(op, status)?.headers.map((h) => h.name) ?? [];

function responseSchemaRef(operationId: OperationId, status: number): string | undefined {
  return responseOf(operation(operationId), status)?.schema?.$ref;
}

describe('D01 influencer id is inf_ + uuid', () => {
  it('accepts the later revision form and rejects the older ULID-like ones', () => {
    expect(isValid('InfluencerId', INF)).toBe(true);
    expect(isValid('InfluencerId', 'inf_01HX9Y6K7EJ4T2ABCDEF')).toBe(false); // 001
    expect(isValid('InfluencerId', 'inf_01HXZ9')).toBe(false); // 003
    expect(isValid('InfluencerId', INF.toUpperCase())).toBe(false);
  });
});

describe('D02 project id is prj_ + uuid', () => {
  it('rejects the bare uuid of 001 and the proj_ form of 003', () => {
    expect(isValid('ProjectId', PRJ)).toBe(true);
    expect(isValid('ProjectId', '254a4ce1-f4ca-42b1-9e36-17ca45ef3d39')).toBe(false);
    expect(isValid('ProjectId', 'proj_01HX0000000000000000000000')).toBe(false);
  });
});

describe('D03 job id is job_ + 26-character ULID', () => {
  it('accepts 002 and rejects the 25-character example of 000/001', () => {
    expect(isValid('JobId', 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T')).toBe(true);
    expect(isValid('JobId', 'job_01HX9Y6K7EJ4T2ABCDEF01234')).toBe(false);
    expect(isValid('JobId', 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7I')).toBe(false); // I is not Crockford base32
  });
});

describe('D04 asset ids are med_', () => {
  it('accepts med_ and rejects the asset_ prefix of 003', () => {
    expect(isValid('AssetId', 'med_01HX9Y6K7EJ4T2ABCDEF0123AB')).toBe(true);
    expect(isValid('AssetId', 'asset_01HX9Y6K7EJ4T2ABCDEF0123')).toBe(false);
  });
});

describe('D05 path parameters are prefixed ids, and malformed ones are 422', () => {
  const withPathIds = operations.filter((op) => op.parameters.path.length > 0);
  it('covers every operation with a path id', () => {
    expect(withPathIds.map((op) => op.operationId).sort()).toEqual(
      ['cloneInfluencer', 'createInfluencer', 'deleteInfluencer', 'getInfluencer', 'getJob', 'getProject', 'listInfluencers', 'patchInfluencer'],
    );
  });
  it.each(withPathIds.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
    for (const param of op.parameters.path) {
      const s = deref(doc, param.schema);
      expect(s.format, `${param.name} must not be format uuid`).toBeUndefined();
      expect(String(s.pattern)).toMatch(/^\^(inf|prj|job)_/);
    }
    expect(statusesOf(op)).toContain('422');
  });
});

describe('D06 gender is male | female | non_binary and never null', () => {
  it('has exactly the later enum', () => {
    expect(schema('Gender').enum).toEqual(['male', 'female', 'non_binary']);
  });
  it('rejects the older values and null on the record', () => {
    expect(isValid('Influencer', record)).toBe(true);
    for (const gender of ['nonbinary', 'unspecified', null]) {
      expect(isValid('Influencer', { ...record, gender })).toBe(false);
    }
    const { gender: _omitted, ...withoutGender } = record;
    expect(isValid('Influencer', withoutGender)).toBe(false);
  });
});

describe('D07 age range is the renderer band enum', () => {
  it('has the 002 enum and rejects 25-34', () => {
    expect(schema('AgeRange').enum).toEqual(['teen', 'young_adult', 'adult', 'mid_adult', 'mature', 'senior']);
    expect(isValid('Influencer', { ...record, ageRange: '25-34' })).toBe(false);
  });
});

describe('D08 influencer status has no draft and no deleted', () => {
  it('has the later enum', () => {
    expect(schema('InfluencerStatus').enum).toEqual(['pending', 'training', 'ready', 'failed']);
    expect(isValid('Influencer', { ...record, status: 'draft' })).toBe(false);
    expect(isValid('Influencer', { ...record, status: 'deleted' })).toBe(false);
  });
  it('says deleted only in the delete answer', () => {
    expect(schema('InfluencerDeleted').properties?.status).toMatchObject({ const: 'deleted' });
  });
});

describe('D09 the record is tight', () => {
  it('has exactly the decided fields', () => {
    expect(propertyNames('Influencer').sort()).toEqual(
      ['ageRange', 'brandVoice', 'createdAt', 'gender', 'influencerId', 'language', 'name', 'projectId', 'referenceImages', 'status', 'updatedAt', 'failure'].sort(),
    );
    expect(schema('Influencer').additionalProperties).toBe(false);
  });
  it('rejects the persona descriptors of 001 and 003', () => {
    const older = {
      personality: { traits: ['curious'], tone: 'conversational', humor: 'dry' },
      thumbnailUrl: 'https://media.example/thumb.jpg',
      ethnicity: null,
      style: 'minimalist streetwear',
      vibe: 'warm and curious',
      voiceDescription: null,
    };
    for (const [key, value] of Object.entries(older)) {
      expect(isValid('Influencer', { ...record, [key]: value }), key).toBe(false);
    }
  });
});

describe('D10 referenceImages is on the record, read-only', () => {
  it('is required and shaped {assetId, url, thumbnailUrl, addedAt}', () => {
    expect(schema('Influencer').required).toContain('referenceImages');
    expect(propertyNames('ReferenceImage').sort()).toEqual(['addedAt', 'assetId', 'thumbnailUrl', 'url']);
  });
  it('cannot be written on create, patch or clone', () => {
    for (const name of ['InfluencerCreateRequest', 'InfluencerPatchRequest', 'InfluencerCloneOverrides', 'InfluencerCloneRequest']) {
      expect(propertyNames(name), name).not.toContain('referenceImages');
    }
  });
});

describe('D11 voice and language live on the influencer', () => {
  it('brandVoice has the six presets; language is BCP 47', () => {
    expect(schema('BrandVoice').enum).toEqual(['authentic', 'witty', 'professional', 'warm', 'casual', 'educational']);
    for (const tag of ['en', 'en-US', 'pt-BR', 'zh-Hans-CN', 'es-MX']) expect(isValid('Language', tag), tag).toBe(true);
    for (const tag of ['english', 'en_US', '', 'e']) expect(isValid('Language', tag), tag).toBe(false);
  });
  it('the project carries the defaults authentic and en', () => {
    const props = schema('ProjectCreateRequest').properties;
    expect(props?.brandVoice).toMatchObject({ default: 'authentic' });
    expect(props?.language).toMatchObject({ default: 'en' });
  });
});

describe('D12 timestamps are RFC 3339 UTC with milliseconds', () => {
  it('accepts 000 and rejects the seconds-only form of 003', () => {
    expect(isValid('Timestamp', '2026-04-18T12:04:11.000Z')).toBe(true);
    expect(isValid('Timestamp', '2026-04-01T14:22:10Z')).toBe(false);
    expect(isValid('Timestamp', '2026-04-18T12:04:11.000+02:00')).toBe(false);
  });
});

describe('D13 the create body is tiny and strict', () => {
  it('accepts the 002 example and an empty body', () => {
    expect(isValid('InfluencerCreateRequest', { gender: 'female', ageRange: 'young_adult', prompt: 'barista energy, soft morning light' })).toBe(true);
    expect(isValid('InfluencerCreateRequest', {})).toBe(true);
    expect(operation('createInfluencer').requestBody?.required).toBe(false);
  });
  it('rejects name, brandVoice, language (002) and the persona and referenceImages of 001/004', () => {
    for (const extra of [{ name: 'Nova' }, { brandVoice: 'casual' }, { language: 'en' }, { personality: {} }, { referenceImages: { assetIds: ['med_01HX9Y6K7EJ4T2ABCDEF0123AB'] } }]) {
      expect(isValid('InfluencerCreateRequest', extra), JSON.stringify(extra)).toBe(false);
    }
  });
});

describe('D14 there is no reference-images endpoint', () => {
  it('has no such path', () => {
    expect(Object.keys(doc.paths).filter((p) => p.includes('reference-images'))).toEqual([]);
  });
});

describe('D15 prompt is a write-only hint of 1-60 characters', () => {
  it('bounds the length', () => {
    expect(isValid('InfluencerCreateRequest', { prompt: 'x'.repeat(60) })).toBe(true);
    expect(isValid('InfluencerCreateRequest', { prompt: 'x'.repeat(61) })).toBe(false);
    expect(isValid('InfluencerCreateRequest', { prompt: '' })).toBe(false);
  });
  it('is not on the record', () => {
    expect(propertyNames('Influencer')).not.toContain('prompt');
    expect(schema('InfluencerCreateRequest').properties?.prompt).toMatchObject({ writeOnly: true });
  });
  it('omitted means no hint: there is no project prompt to default to (002 contradicts itself)', () => {
    expect(propertyNames('Project')).not.toContain('prompt');
    expect(propertyNames('ProjectCreateRequest')).not.toContain('prompt');
    expect(schema('InfluencerCreateRequest').properties?.prompt?.description).toMatch(/Omit for a generic persona based on `gender` and `ageRange` alone/);
  });
});

describe('D16 create defaults come from the project', () => {
  it('the project carries targetGender, brandVoice and language', () => {
    expect(schema('Project').required).toEqual(expect.arrayContaining(['targetGender', 'brandVoice', 'language']));
    expect(schema('TargetGender').enum).toEqual(['female', 'male', 'any']);
  });
});

describe('D17 create answers 202 with a job', () => {
  it('has only 202 as success, with the Job schema and a Location header', () => {
    const op = operation('createInfluencer');
    expect(statusesOf(op).filter((s) => s.startsWith('2'))).toEqual(['202']);
    expect(responseSchemaRef('createInfluencer', 202)).toBe('#/components/schemas/Job');
    expect(headerNames(op, 202)).toContain('Location');
  });
  it('the pending record already has its name (002 reads it back after the job lands; it is there before)', () => {
    expect(schema('Influencer').required).toContain('name');
    const pending = responseExample('getInfluencer', 'pending', 'Influencer');
    expect(pending.status).toBe('pending');
    expect(isValid('DisplayName', pending.name)).toBe(true);
  });
});

describe('D18 clone ids are server-generated', () => {
  it('rejects newInfluencerId (001/004)', () => {
    expect(isValid('InfluencerCloneRequest', { name: 'Nova (B variant)', newInfluencerId: 'inf_01HX9Y6K7EJ4T2NOVAB' })).toBe(false);
    expect(statusesOf(operation('cloneInfluencer'))).toContain('202');
  });
});

describe('D19 clone body: name required, a look hint, overrides of voice and language', () => {
  it('accepts the 000 example', () => {
    expect(isValid('InfluencerCloneRequest', { name: 'Maria (ES)', overrides: { language: 'es-MX' } })).toBe(true);
  });
  it('requires name of 1-128 characters', () => {
    expect(isValid('InfluencerCloneRequest', { overrides: { language: 'es-MX' } })).toBe(false);
    expect(isValid('InfluencerCloneRequest', { name: 'x'.repeat(128) })).toBe(true);
    expect(isValid('InfluencerCloneRequest', { name: 'x'.repeat(129) })).toBe(false);
  });
  it('rejects the overrides of 001 and 004', () => {
    expect(isValid('InfluencerCloneRequest', { name: 'Ava Chen (EU)', overrides: { vibe: 'sharper, more deadpan' } })).toBe(false);
    expect(isValid('InfluencerCloneRequest', { name: 'Ava Chen (EU)', overrides: { style: 'European minimalist' } })).toBe(false);
    expect(isValid('InfluencerCloneRequest', { name: 'Nova (B)', overrides: { personality: { humorStyle: 'dry-witty' } } })).toBe(false);
    expect(propertyNames('InfluencerCloneOverrides').sort()).toEqual(['brandVoice', 'language']);
  });
  it('keeps the appearance anchor (000): gender and age range are not overridable', () => {
    expect(isValid('InfluencerCloneRequest', { name: 'Maria (ES)', overrides: { gender: 'male' } })).toBe(false);
    expect(isValid('InfluencerCloneRequest', { name: 'Maria (ES)', overrides: { ageRange: 'senior' } })).toBe(false);
  });
  it('takes prompt, the later counterpart of 004\'s vibe and style, write-only', () => {
    expect(isValid('InfluencerCloneRequest', { name: 'Ava Chen (EU)', prompt: 'sharper, more deadpan' })).toBe(true);
    expect(isValid('InfluencerCloneRequest', { name: 'Ava Chen (EU)', prompt: 'x'.repeat(61) })).toBe(false);
    expect(schema('InfluencerCloneRequest').properties?.prompt).toMatchObject({ writeOnly: true, $ref: '#/components/schemas/Prompt' });
  });
});

describe('D20 the clone job kind is influencer_create', () => {
  it('has one job kind and clone answers with the Job', () => {
    expect(enumValues(schema('JobKind'))).toEqual(['influencer_create']);
    expect(responseSchemaRef('cloneInfluencer', 202)).toBe('#/components/schemas/Job');
  });
});

describe('D22 cloning needs a ready source', () => {
  it('documents 409 CONFLICT on clone', () => {
    const codes = responseExamples(operation('cloneInfluencer'), 409).map(errorCodeOf);
    expect(codes).toContain('CONFLICT');
  });
});

describe('D23 PATCH changes the five fields of 000', () => {
  it('has exactly those fields', () => {
    expect(propertyNames('InfluencerPatchRequest').sort()).toEqual(['ageRange', 'brandVoice', 'gender', 'language', 'name']);
  });
  it('rejects an empty patch, personality (001) and null', () => {
    expect(isValid('InfluencerPatchRequest', { brandVoice: 'witty' })).toBe(true);
    expect(isValid('InfluencerPatchRequest', {})).toBe(false);
    expect(isValid('InfluencerPatchRequest', { personality: { tone: 'dry' } })).toBe(false);
    expect(isValid('InfluencerPatchRequest', { gender: null })).toBe(false);
  });
});

describe('D24 Idempotency-Key on every POST, with replay and misuse answers', () => {
  const posts = operations.filter((op) => op.method === 'post');
  it.each(posts.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
    const key = op.parameters.header.find((p) => p.name === 'Idempotency-Key');
    expect(key?.required).toBe(false);
    expect(headerNames(op, op.successStatus)).toContain('Idempotency-Replayed');
    const codes = [409, 422].flatMap((status) => responseExamples(op, status).map(errorCodeOf));
    expect(codes).toEqual(expect.arrayContaining(['IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED']));
  });
  it('no non-POST operation takes the key', () => {
    for (const op of operations.filter((o) => o.method !== 'post')) {
      const all = [...op.parameters.path, ...op.parameters.query, ...op.parameters.header];
      expect(all.some((p) => p.name === 'Idempotency-Key'), op.operationId).toBe(false);
    }
  });
});

describe('D25 the 202 answer is the whole Job', () => {
  it('requires every field the pages show, plus the designed ones', () => {
    expect(schema('Job').required).toEqual(
      expect.arrayContaining(['jobId', 'kind', 'status', 'influencerId', 'locationUrl', 'createdAt', 'updatedAt', 'completedAt', 'error']),
    );
  });
  it('rejects the 000 envelope, which lacks locationUrl and timestamps', () => {
    expect(isValid('Job', { jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T', kind: 'influencer_create', status: 'running', influencerId: INF })).toBe(false);
  });
});

describe('D26 delete is soft, answers 200, reason is audit-only', () => {
  it('takes an optional strict body with a reason of 1-500', () => {
    expect(operation('deleteInfluencer').requestBody?.required).toBe(false);
    expect(isValid('InfluencerDeleteRequest', { reason: 'x'.repeat(500) })).toBe(true);
    expect(isValid('InfluencerDeleteRequest', { reason: 'x'.repeat(501) })).toBe(false);
    expect(isValid('InfluencerDeleteRequest', { reason: 'ok', hard: true })).toBe(false);
  });
  it('answers 200 with {influencerId, status: deleted, deletedAt}', () => {
    expect(responseSchemaRef('deleteInfluencer', 200)).toBe('#/components/schemas/InfluencerDeleted');
    expect(isValid('InfluencerDeleted', { influencerId: INF, status: 'deleted', deletedAt: TS })).toBe(true);
  });
  it('exposes neither the reason nor is_archived on the record', () => {
    for (const field of ['reason', 'deletedAt', 'is_archived', 'isArchived']) expect(propertyNames('Influencer')).not.toContain(field);
  });
  it('says what a client holding a deleted id gets: 404 on read', () => {
    expect(responseOf(operation('getInfluencer'), 404)?.description).toMatch(/deleted/i);
  });
  it('documents 404 on every operation of an existing influencer', () => {
    for (const id of ['getInfluencer', 'patchInfluencer', 'deleteInfluencer', 'cloneInfluencer'] as const) {
      expect(responseSchemaRef(id, 404), id).toBe('#/components/schemas/ErrorEnvelope');
    }
  });
});

describe('D27 Bearer and X-Api-Key are both accepted', () => {
  it('declares both schemes', () => {
    const schemes = doc.components?.securitySchemes;
    expect(schemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes?.apiKeyAuth).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
  });
  it('marks X-Api-Key deprecated in favour of Bearer', () => {
    const apiKey = doc.components?.securitySchemes?.apiKeyAuth;
    expect(apiKey?.['x-deprecated']).toBe(true);
    expect(apiKey?.description).toMatch(/Deprecated.*in favour of `Authorization: Bearer/s);
    expect(doc.components?.securitySchemes?.bearerAuth?.['x-deprecated']).toBeUndefined();
  });
  it.each(operations.map((op) => [op.operationId, op] as const))('%s offers both with the same scopes', (_id, op) => {
    const entries = scopesOf(op);
    expect([...new Set(entries.map(([scheme]) => scheme))].sort()).toEqual(['apiKeyAuth', 'bearerAuth']);
    const of = (scheme: string) => entries.filter(([s]) => s === scheme).map(([, scopes]) => scopes.join(' '));
    expect(of('bearerAuth')).toEqual(of('apiKeyAuth'));
  });
});

describe('D28 scopes: each operation has its own, and a write scope reads what it writes', () => {
  const expected: Record<string, string[]> = {
    createProject: ['projects:write'],
    getProject: ['projects:read', 'projects:write'],
    createInfluencer: ['influencers:write'],
    listInfluencers: ['influencers:read', 'influencers:write'],
    getInfluencer: ['influencers:read', 'influencers:write'],
    patchInfluencer: ['influencers:write'],
    deleteInfluencer: ['influencers:write'],
    cloneInfluencer: ['influencers:write'],
    getJob: ['jobs:read', 'influencers:write', 'projects:write'],
  };
  it('maps every operation to its own scope first, then the scopes that also grant it', () => {
    expect(Object.fromEntries(operations.map((op) => [op.operationId, op.scopes]))).toEqual(expected);
    // Every scheme offers the same alternatives.
    for (const op of operations) {
      const byScheme = new Map<string, string[]>();
      for (const [scheme, scopes] of scopesOf(op)) byScheme.set(scheme, [...(byScheme.get(scheme) ?? []), ...scopes]);
      expect(new Set([...byScheme.values()].map((s) => s.join(' '))).size, op.operationId).toBe(1);
    }
  });
  it('lets influencers:write alone run the seeds flow: create, poll the job, read the influencer', () => {
    for (const id of ['createInfluencer', 'getJob', 'getInfluencer'] as const) expect(operation(id).scopes, id).toContain('influencers:write');
  });
  it('declares each scope in x-scopes and documents 403 everywhere', () => {
    const declared = Object.keys(contract.scopes);
    expect(declared.sort()).toEqual([...new Set(Object.values(expected).flat())].sort());
    for (const op of operations) expect(statusesOf(op), op.operationId).toContain('403');
  });
});

describe('D29 other orgs resources are 404', () => {
  it('documents 404 on every operation with a path id', () => {
    for (const op of operations.filter((o) => o.parameters.path.length > 0)) {
      expect(statusesOf(op), op.operationId).toContain('404');
    }
  });
});

describe('D30 one error envelope, one status per code', () => {
  it('has the envelope of the pages', () => {
    const error = schema('ErrorEnvelope').properties?.error;
    expect(error?.required).toEqual(['code', 'message', 'requestId']);
    expect(Object.keys(error?.properties ?? {}).sort()).toEqual(['code', 'details', 'message', 'requestId']);
    expect(isValid('ErrorEnvelope', {
      error: { code: 'VALIDATION', message: 'Invalid body.', requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T', details: { fieldErrors: { name: ['Unrecognized key — name is server-generated.'] } } },
    })).toBe(true);
  });
  it('maps every code, the pages codes and the added ones, to the decided status', () => {
    expect(operationErrorStatus).toEqual({
      VALIDATION: 422,
      UNAUTHENTICATED: 401,
      FORBIDDEN_SCOPE: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      IDEMPOTENCY_KEY_IN_USE: 409,
      IDEMPOTENCY_KEY_REUSED: 422,
      UNSUPPORTED_MEDIA_TYPE: 415,
      RATE_LIMITED: 429,
      INTERNAL: 500,
    });
    expect([...(enumValues(schema('ErrorCode')) ?? [])].sort()).toEqual(Object.keys(operationErrorStatus).sort());
  });
  it('every documented error response uses the envelope, and its examples use codes of that status', () => {
    for (const op of operations) {
      for (const response of op.responses) {
        if (response.status < 400) continue;
        const where = `${op.operationId} ${response.status}`;
        const transport = TRANSPORT_STATUSES.includes(response.status);
        const map: Record<string, number> = transport ? transportErrorStatus : operationErrorStatus;
        expect(response.schema?.$ref, where).toBe(transport ? '#/components/schemas/TransportErrorEnvelope' : '#/components/schemas/ErrorEnvelope');
        expect(response.examples.length, where).toBeGreaterThan(0);
        for (const ex of response.examples) expect(map[errorCodeOf(ex.value) ?? ''], where).toBe(response.status);
      }
    }
  });
});

describe('D31 bodies: malformed JSON is 422, other media types 415', () => {
  it('every operation with a body documents 415 and 422 and accepts only application/json', () => {
    for (const op of operations.filter((o) => o.raw.requestBody)) {
      const id = op.operationId;
      expect(statusesOf(op), id).toEqual(expect.arrayContaining(['415', '422']));
      expect(requestMediaTypes(op), id).toEqual(['application/json']);
    }
  });
});

describe('D32 rate limits are 429 with Retry-After', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
    expect(responseOf(op, 429)).toBeDefined();
    expect(headerNames(op, 429)).toEqual(['Retry-After', 'X-Request-Id']);
  });
});

describe('D33 appDescription provisions the first influencer', () => {
  it('createProject answers 201 with a Project carrying initialInfluencer and a Location', () => {
    expect(responseSchemaRef('createProject', 201)).toBe('#/components/schemas/Project');
    expect(headerNames(operation('createProject'), 201)).toContain('Location');
    expect(propertyNames('InitialInfluencer').sort()).toEqual(['influencerId', 'jobId']);
    expect(propertyNames('ProjectCreateRequest')).toContain('appDescription');
  });
});

describe('D34 the project resource', () => {
  it('has the designed fields and only name is required on create', () => {
    expect(propertyNames('Project').sort()).toEqual(
      ['appDescription', 'brandVoice', 'createdAt', 'initialInfluencer', 'language', 'name', 'projectId', 'targetGender', 'updatedAt'],
    );
    expect(schema('ProjectCreateRequest').required).toEqual(['name']);
    expect(isValid('ProjectCreateRequest', { name: 'Bloom Habits' })).toBe(true);
    expect(isValid('ProjectCreateRequest', { name: 'Bloom Habits', ingestUrl: 'https://github.com/x/y' })).toBe(false);
    expect(responseSchemaRef('getProject', 200)).toBe('#/components/schemas/Project');
  });
});

describe('D35 listing uses a cursor', () => {
  it('takes limit 1-100 (default 20) and an opaque cursor', () => {
    const params = operation('listInfluencers').parameters.query;
    expect(params.map((p) => p.name)).toEqual(['limit', 'cursor']);
    expect(params[0]?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
  });
  it('answers {data, nextCursor} with a null cursor on the last page', () => {
    expect(responseSchemaRef('listInfluencers', 200)).toBe('#/components/schemas/InfluencerList');
    expect(isValid('InfluencerList', { data: [record], nextCursor: null })).toBe(true);
    expect(isValid('InfluencerList', { data: [record] })).toBe(false);
    expect(isValid('InfluencerList', { data: [], nextCursor: 'abc', total: 3 })).toBe(false);
  });
});

describe('D36 the jobs resource', () => {
  it('has running → succeeded | failed and failure detail', () => {
    expect(schema('JobStatus').enum).toEqual(['running', 'succeeded', 'failed']);
    expect(enumValues(schema('JobErrorCode'))).toEqual(['RENDER_FAILED', 'PROMPT_REJECTED', 'SOURCE_UNAVAILABLE', 'INTERNAL']);
    expect(responseSchemaRef('getJob', 200)).toBe('#/components/schemas/Job');
  });
  it('every getJob example is a valid Job, and the failed one carries an error', () => {
    for (const { name, value } of responseOf(operation('getJob'), 200)?.examples ?? []) expect(isValid('Job', value), name).toBe(true);
    expect(responseExample('getJob', 'failed', 'Job').error).toMatchObject({ code: 'RENDER_FAILED' });
  });
});

describe('D37 content endpoints are out of scope', () => {
  it('has no content paths and no primary flag', () => {
    expect(Object.keys(doc.paths).filter((p) => p.includes('/content'))).toEqual([]);
    expect(propertyNames('Influencer')).not.toContain('primary');
    expect(propertyNames('Influencer')).not.toContain('isPrimary');
  });
  it('defines no content selection: neither brief.influencerId (001) nor a top-level influencerId on a content body (000)', () => {
    const text = JSON.stringify(doc.paths) + JSON.stringify(doc.components?.schemas ?? {});
    expect(text).not.toMatch(/"brief"/);
    expect(Object.keys(doc.paths).filter((p) => /slideshow|remix|content/.test(p))).toEqual([]);
  });
});

describe('D38 free text has no control characters and no edge whitespace', () => {
  const FREE_TEXT = ['DisplayName', 'Prompt', 'AppDescription'];
  /** Every `pattern` in the bundle, with where it is. */
  const bundlePatterns = ((): Array<[string, string]> => {
    const found: Array<[string, string]> = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${where}/${i}`));
      else if (typeof node === 'object' && node !== null)
        for (const [k, v] of Object.entries(node)) (k === 'pattern' && typeof v === 'string' ? found.push([where, v]) : walk(v, `${where}/${k}`));
    };
    walk(doc, '#');
    return found;
  })();
  const textPattern = (name: string): string => {
    const p = schema(name).pattern;
    if (typeof p !== 'string') throw new Error(`${name} has no pattern`);
    return p;
  };

  it('rejects control characters, edge spaces and lone surrogates, accepts any other Unicode', () => {
    for (const name of ['Nova', 'Zoë Marie', 'Nova 🚀', 'Maria (ES)', '🚀', 'a\u00A0b', 'noncharacter \uFFFF', '\u{10FFFD}']) expect(isValid('DisplayName', name), name).toBe(true);
    for (const name of ['a\u0000b', 'tab\there', ' padded', 'padded ', 'line\nbreak', '\ud800x', 'x\udc00', 'x\ud83d']) expect(isValid('DisplayName', name), JSON.stringify(name)).toBe(false);
    expect(isValid('AppDescription', 'Two lines:\nhabits and streaks.')).toBe(true);
    expect(isValid('AppDescription', 'Windows\r\nline breaks\tand tabs')).toBe(true);
    expect(isValid('AppDescription', 'bell\u0007')).toBe(false);
    expect(isValid('AppDescription', 'trailing line break\n')).toBe(false);
    expect(isValid('Prompt', 'soft light\u0000')).toBe(false);
  });

  it('rejects the C1 controls U+0080–U+009F too, in every free-text schema', () => {
    for (const name of FREE_TEXT)
      for (const cp of [0x80, 0x85, 0x9b, 0x9f]) {
        const c = String.fromCodePoint(cp);
        for (const text of [`a${c}b`, `${c}ab`, `ab${c}`]) expect(isValid(name, text), `${name} ${JSON.stringify(text)}`).toBe(false);
      }
    expect(isValid('ErrorEnvelope', { error: { code: 'NOT_FOUND', message: 'Not\u0085found.', requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' } })).toBe(false);
    expect(isValid('ErrorDetails', { formErrors: ['bad\u009b'] })).toBe(false);
    expect(isValid('InfluencerDeleteRequest', { reason: 'retired\u0080' })).toBe(false);
  });

  it('treats exactly the non-control characters of JavaScript \\s as edge whitespace', () => {
    for (const ws of ['\u00A0', '\u1680', '\u2000', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000', '\uFEFF']) {
      expect(isValid('DisplayName', `${ws}Nova`), JSON.stringify(ws)).toBe(false);
      expect(isValid('DisplayName', `Nova${ws}`), JSON.stringify(ws)).toBe(false);
      expect(isValid('DisplayName', `No${ws}va`), JSON.stringify(ws)).toBe(true);
    }
    for (const edge of ['\u200B', '\u180E', '\u3001', '\uE000', '\uFF00']) expect(isValid('DisplayName', `${edge}Nova${edge}`), JSON.stringify(edge)).toBe(true);
  });

  it('accepts well-formed BCP 47 tags (RFC 5646 langtag and private use) and rejects malformed ones', () => {
    const wellFormed = [
      'en', 'en-US', 'pt-BR', 'zh-Hans-CN', 'es-MX', 'EN-us', // the earlier examples, any case
      'de-DE-u-co-phonebk', 'en-US-u-ca-gregory-nu-latn', 'en-a-bbb-u-ca-x-priv', // extensions
      'x-whatever', 'X-a-b', 'en-x-twain', 'en-US-x-a1b2c3d4', // private use
      'de-CH-1996', 'sl-rozaj-biske', 'sl-IT-nedis', // variants
      'zh-Hant-TW', 'sr-Latn-RS', 'es-419', 'yue-HK', // scripts, 3-digit regions, 3-letter languages
      'zh-yue-HK', 'zh-min-nan', 'ar-afb-aao-abh-SA', // extlangs (up to three)
      'art-lojban', 'cel-gaulish', 'no-bok', 'zh-guoyu', 'zh-hakka', 'zh-xiang', // regular grandfathered: langtag syntax
    ];
    for (const tag of wellFormed) expect(isValid('Language', tag), tag).toBe(true);
    const malformed = [
      'en_US', 'e', 'en--US', 'en-', 'en-US-', '-en', 'en US', '', // separators, lengths
      'en-abcdefghi', 'en-US-x-abcdefghi', 'en-u-abcdefghi', // subtags over 8
      'en-u', 'en-u-a', 'en-x', 'x', 'en-x-', // singleton without (long enough) subtags
      'english', 'abcd', 'e1', '12', // no 4–8 letter language subtag is registered; digits are not a language
      'en-US-US', 'zh-Hant-Hans', 'zh-abc-def-ghi-jkl', // a second region or script, four extlangs
      'i-klingon', 'i-default', 'en-GB-oed', 'sgn-BE-FR', // irregular grandfathered: not accepted
    ];
    for (const tag of malformed) expect(isValid('Language', tag), tag).toBe(false);
  });

  it('writes every pattern of the bundle in the subset JavaScript (with and without u), Python re and Go regexp share', () => {
    expect(bundlePatterns.length).toBeGreaterThan(10);
    for (const [where, p] of bundlePatterns) {
      expect(() => new RegExp(p, 'u'), where).not.toThrow(); // Ajv compiles with u
      expect(() => new RegExp(p), where).not.toThrow(); // src/contract/errors.ts compiles without
      expect(p, `${where}: a surrogate escape`).not.toMatch(/\\u\{?D[89A-F][0-9A-F]{2}/i);
      // Go's regexp has no \u escape at all (only \xHH and \x{H…}), Python's re has no \x{…} or \u{…}:
      // a character above U+00FF is written as itself.
      expect(p, `${where}: a \\u escape`).not.toMatch(/\\u/);
      expect(p, `${where}: a \\x{…} escape`).not.toMatch(/\\x\{/);
      // \s means three different sets (JS: Unicode White_Space and U+FEFF; Python: Unicode, not U+FEFF; Go: ASCII, not \v);
      // \d and \w are Unicode classes in Python's re (Arabic-Indic digits match \d), ASCII in JS and Go.
      expect(p, `${where}: \\s, \\d or \\w`).not.toMatch(/\\[sSpPdDwW]/);
    }
  });

  it('means the same in Python re as in JavaScript, lone surrogates included (skipped without python3)', async (ctx) => {
    const { spawnSync } = await import('node:child_process');
    const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      console.warn('D38: python3 not found, the Python re check is skipped');
      ctx.skip('python3 is not installed');
    }
    const units = [
      ...Array.from({ length: 0xa2 }, (_, i) => i), // C0, ASCII, DEL, C1, NBSP, ¡
      0x1680, 0x180e, 0x2000, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xfffe, 0xffff,
    ].map((cp) => String.fromCodePoint(cp));
    units.push('\ud800', '\udbff', '\udc00', '\udfff', '\u{1F680}', '\u{10FFFF}');
    // Python's $ also matches before a final \n (a Python validator needs re.fullmatch or \Z), so no sample ends in one.
    const texts = units.flatMap((u) => [u, `a${u}`, `a${u}b`, `${u}b`]).filter((t) => !t.endsWith('\n'));
    const tags = ['en', 'de-DE-u-co-phonebk', 'x-priv', 'de-CH-1996', 'zh-Hant-TW', 'es-419', 'zh-min-nan', 'en_US', 'e', 'en--US', 'en-', 'en-abcdefghi', 'i-klingon', 'english'];
    const cases: Array<[string, string]> = [
      ...[...new Set(['DisplayName', 'AppDescription'].map(textPattern))].flatMap((p) => texts.map((t): [string, string] => [p, t])),
      ...tags.map((t): [string, string] => [textPattern('Language'), t]),
    ];
    const script = [
      'import json, re, sys',
      'data = json.loads(sys.stdin.buffer.read())',
      'compiled = {p: re.compile(p) for p in data["patterns"]}',
      'print(json.dumps([compiled[p].search(s) is not None for p, s in data["cases"]]))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ patterns: bundlePatterns.map(([, p]) => p), cases }), encoding: 'utf8' });
    expect(run.stderr, 'python3 re.compile / search').toBe('');
    const python = JSON.parse(run.stdout) as boolean[];
    const differing = cases.filter(([p, s], i) => new RegExp(p, 'u').test(s) !== python[i]).map(([, s]) => JSON.stringify(s));
    expect(differing).toEqual([]);
  });
});

describe('D39 transport errors are in the envelope too', () => {
  it('has three transport codes, each with its one status, apart from ErrorCode', () => {
    expect(transportErrorStatus).toEqual({ MALFORMED_REQUEST: 400, REQUEST_TIMEOUT: 408, HEADERS_TOO_LARGE: 431 });
    expect(enumValues(schema('ErrorCode'))).not.toContain('MALFORMED_REQUEST');
  });
  it('sends them in the envelope shape, without details', () => {
    const error = schema('TransportErrorEnvelope').properties?.error;
    expect(error?.required).toEqual(['code', 'message', 'requestId']);
    expect(Object.keys(error?.properties ?? {}).sort()).toEqual(['code', 'message', 'requestId']);
    expect(isValid('TransportErrorEnvelope', { error: { code: 'MALFORMED_REQUEST', message: 'Bad.', requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' } })).toBe(true);
    expect(isValid('TransportErrorEnvelope', { error: { code: 'VALIDATION', message: 'Bad.', requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' } })).toBe(false);
  });
  it.each(operations.map((op) => [op.operationId, op] as const))('%s documents 400, 408 and 431', (_id, op) => {
    expect(statusesOf(op)).toEqual(expect.arrayContaining(['400', '408', '431']));
  });
});

describe('D40 an idempotency key is bound to the whole request', () => {
  it('says so where the key is documented', () => {
    const key = operation('createInfluencer').parameters.header.find((p) => p.name === 'Idempotency-Key');
    expect(key?.description).toMatch(/same method, path \(with its ids\) and body/);
    expect(key?.description).toMatch(/another project, another clone source, another\s+body\) answers `422 IDEMPOTENCY_KEY_REUSED`/);
    expect(key?.description).toMatch(/Only a `2xx` answer is stored and replayed/);
  });
});

describe('D41 every response names its request', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s documents a required X-Request-Id on every response', (_id, op) => {
    for (const response of op.responses) {
      const header = response.headers.find((h) => h.name === 'X-Request-Id');
      expect(header?.required, `${op.operationId} ${response.status}`).toBe(true);
      expect(header?.schema.$ref, `${op.operationId} ${response.status}`).toBe('#/components/schemas/RequestId');
    }
  });
});

describe('D42 401 says how to authenticate', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s documents WWW-Authenticate on 401', (_id, op) => {
    expect(headerNames(op, 401)).toContain('WWW-Authenticate');
    expect(responseOf(op, 401)?.headers.find((h) => h.name === 'WWW-Authenticate')?.required).toBe(true);
  });
});

describe('D43 a failed influencer says why', () => {
  it('has a required, nullable failure naming the job and its error', () => {
    expect(schema('Influencer').required).toContain('failure');
    expect(propertyNames('InfluencerFailure').sort()).toEqual(['error', 'jobId']);
    expect(isValid('Influencer', { ...record, failure: null })).toBe(true);
    expect(isValid('Influencer', { ...record, status: 'failed', failure: { jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T', error: { code: 'RENDER_FAILED', message: 'The portrait render did not converge.' } } })).toBe(true);
    const { failure: _omitted, ...withoutFailure } = record;
    expect(isValid('Influencer', withoutFailure)).toBe(false);
  });
});

describe('D44 every operation says how far along it is', () => {
  it('badges the seeds show: Phase 1, stable, and idempotent exactly where an Idempotency-Key is taken', () => {
    for (const op of operations) expect(op.lifecycle, op.operationId).toEqual({ phase: 1, stability: 'stable' });
    expect(operations.filter((op) => op.idempotent).map((op) => op.operationId).sort()).toEqual(['cloneInfluencer', 'createInfluencer', 'createProject']);
    // 004's clone page: "Phase 1 stable idempotent"; 003's read page: "Phase 1 stable".
    expect(operation('cloneInfluencer').raw['x-badges']).toEqual([{ name: 'Phase 1' }, { name: 'stable' }, { name: 'idempotent' }]);
    expect(operation('getInfluencer').raw['x-badges']).toEqual([{ name: 'Phase 1' }, { name: 'stable' }]);
  });
});

describe('D45 what a client must tolerate', () => {
  it('the error codes, job error codes and job kinds are open lists; statuses and request vocabularies closed', () => {
    for (const name of ['ErrorCode', 'TransportErrorCode', 'JobErrorCode', 'JobKind']) {
      expect(schema(name).enum, name).toBeUndefined();
      expect(schema(name)['x-extensible-enum'], name).toEqual(expect.any(Array));
      expect(typeof schema(name).pattern, name).toBe('string');
    }
    for (const name of ['InfluencerStatus', 'JobStatus', 'Gender', 'AgeRange', 'BrandVoice', 'TargetGender']) {
      expect(schema(name).enum, name).toEqual(expect.any(Array));
      expect(schema(name)['x-extensible-enum'], name).toBeUndefined();
    }
  });

  it('the contract states the policy where partners read it', () => {
    expect(doc.info.description).toMatch(/Ignore fields you do not know/);
    expect(doc.info.description).toMatch(/x-extensible-enum/);
  });
});
