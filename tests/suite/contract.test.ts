/**
 * The contract suite: checks a server (CONTRACT_TARGET = mock | sandbox | remote, see lib/target.ts)
 * against the bundled contract. Every response is checked for a documented status, the documented
 * content type, a body valid against that status's schema, and the documented headers
 * (lib/validate-response.ts). Requests are derived from the contract: its examples for valid ones,
 * its schemas for invalid ones (unknown field, bad enum, too long, wrong type, malformed JSON,
 * wrong media type, malformed ids). Tests that need state run only on stateful targets and say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref } from '../../src/contract/bundle.js';
import type { ContractOperation } from '../../src/contract/model.js';
import { isJsonObject, type Json, type Schema } from '../../src/contract/oas.js';
import { doc, errorStatus, operations } from '../support/contract.js';
import { call, explain, type CallInit, type CallResult } from './lib/call.js';
import { coverageTable, unexercisedOperations } from './lib/coverage.js';
import { startTarget, type Target } from './lib/target.js';

let target: Target;
const world = {
  projectId: 'prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39',
  influencerId: 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c',
  jobId: 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T',
};
/** The provisioned influencer as first read, before the per-operation tests patch it. */
let provisioned: CallResult | undefined;
const UNKNOWN = {
  projectId: 'prj_00000000-0000-4000-8000-000000000000',
  influencerId: 'inf_00000000-0000-4000-8000-000000000000',
  jobId: 'job_00000000000000000000000000',
};
const MALFORMED: Record<string, string> = { projectId: '254a4ce1-f4ca-42b1-9e36-17ca45ef3d39', influencerId: 'inf_01HX9Y6K7EJ4T2ABCDEF', jobId: 'job_123' };

function expectOk(result: CallResult, status: number): void {
  expect(result.status, explain(result, status)).toBe(status);
  expect(result.violations, explain(result, status)).toEqual([]);
}

function expectError(result: CallResult, status: number, code: string): void {
  expect(result.status, explain(result, status, code)).toBe(status);
  expect(result.violations, explain(result, status, code)).toEqual([]);
  expect(result.json?.error?.code, explain(result, status, code)).toBe(code);
}

const pathIds = (op: ContractOperation) => op.parameters.path.map((p) => p.name);
const pathFor = (op: ContractOperation, ids: Record<string, string>) => Object.fromEntries(pathIds(op).map((n) => [n, ids[n]!]));

function validBody(op: ContractOperation): Json | undefined {
  return op.requestBody?.examples[0]?.value;
}

/** Properties of an operation's request body schema, each resolved. */
function bodyProperties(op: ContractOperation): Array<[string, Schema]> {
  const properties = op.requestBody ? deref(doc, op.requestBody.schema).properties : undefined;
  return Object.entries(properties ?? {}).map(([name, raw]) => [name, deref(doc, raw)]);
}

/** Invalid bodies derived from the body schema, one per kind of validation. */
function invalidBodies(op: ContractOperation): Array<[kind: string, body: unknown]> {
  const example = validBody(op);
  const base = isJsonObject(example) ? example : {};
  const props = bodyProperties(op);
  const out: Array<[string, unknown]> = [['unknown field', { ...base, zzUnknownField: true }]];
  const enumProp = props.find(([, s]) => Array.isArray(s.enum));
  if (enumProp) out.push([`bad enum (${enumProp[0]})`, { ...base, [enumProp[0]]: 'not_a_contract_value' }]);
  const longProp = props.find(([, s]) => typeof s.maxLength === 'number');
  if (longProp) out.push([`too long (${longProp[0]})`, { ...base, [longProp[0]]: 'x'.repeat(Number(longProp[1].maxLength) + 1) }]);
  const stringProp = props.find(([, s]) => s.type === 'string');
  if (stringProp) out.push([`wrong type (${stringProp[0]})`, { ...base, [stringProp[0]]: 12345 }]);
  return out;
}

async function pollJob(jobId: string, timeoutMs = 120_000): Promise<CallResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await call(target, 'getJob', { path: { jobId } });
    expectOk(result, 200);
    if (result.json.status !== 'running' || Date.now() > deadline) return result;
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  target = await startTarget();
  if (!target.stateful) return;
  const project = await call(target, 'createProject', {
    body: { name: 'Contract suite', appDescription: 'A habit tracker for contract tests.', targetGender: 'female', brandVoice: 'warm', language: 'en-US' },
  });
  expectOk(project, 201);
  world.projectId = project.json.projectId;
  world.influencerId = project.json.initialInfluencer.influencerId;
  world.jobId = project.json.initialInfluencer.jobId;
  const job = await pollJob(world.jobId);
  expect(job.json.status, 'the provisioned influencer must become ready for the suite to run').toBe('succeeded');
  provisioned = await call(target, 'getInfluencer', { path: { influencerId: world.influencerId } });
}, 180_000);

afterAll(async () => {
  if (!target) return;
  console.log(`\n${coverageTable(`${target.name}${target.viaProxy ? ' via prism proxy --errors' : ''}`)}\n`);
  await target.stop();
});

describe.each(operations.map((op) => [op.operationId, op] as const))('%s', (operationId, op) => {
  const hasBody = op.requestBody !== undefined;

  // One success test per named request example (or one for operations without a body).
  const examples: Array<[string, Json | undefined]> = op.requestBody ? op.requestBody.examples.map((e) => [e.name, e.value]) : [['no body', undefined]];
  it.each(examples)('succeeds with the documented status, body and headers (%s)', async (_name, example) => {
    const init: CallInit = { path: pathFor(op, world) };
    if (example !== undefined) init.body = example;
    if (operationId === 'deleteInfluencer' && target.stateful) {
      const created = await call(target, 'createInfluencer', { path: { projectId: world.projectId }, body: {} });
      expectOk(created, 202);
      init.path = { influencerId: created.json.influencerId };
    }
    if (operationId === 'listInfluencers') init.query = { limit: 5 };
    expectOk(await call(target, operationId, init), op.successStatus);
  });

  it('answers 401 UNAUTHENTICATED without a key', async () => {
    const init: CallInit = { path: pathFor(op, world), auth: 'none', invalid: true };
    if (hasBody) init.body = validBody(op) ?? {};
    expectError(await call(target, operationId, init), 401, 'UNAUTHENTICATED');
  });

  // Reads and the patch prove the second header; creating or deleting again would add nothing.
  if (op.method === 'get' || op.method === 'patch') {
    it('accepts the key as X-Api-Key too', async () => {
      const init: CallInit = { path: pathFor(op, world), auth: 'apiKey' };
      if (operationId === 'patchInfluencer') init.body = { brandVoice: 'casual' };
      expectOk(await call(target, operationId, init), op.successStatus);
    });
  }

  it('answers 403 FORBIDDEN_SCOPE for a key without the scope', async (ctx) => {
    const init: CallInit = { path: pathFor(op, world) };
    if (hasBody) init.body = validBody(op) ?? {};
    if (target.prefersCodes) init.preferCode = 403;
    else if (target.limitedApiKey) init.auth = { bearer: target.limitedApiKey };
    else {
      ctx.skip('stateful target without LAYERS_LIMITED_API_KEY (a key with no scopes): cannot provoke 403');
      return;
    }
    expectError(await call(target, operationId, init), 403, 'FORBIDDEN_SCOPE');
  });

  if (pathIds(op).length > 0) {
    it('answers 404 NOT_FOUND for an id that does not exist (or is another org\'s)', async () => {
      const init: CallInit = { path: pathFor(op, target.prefersCodes ? world : UNKNOWN) };
      if (hasBody) init.body = operationId === 'patchInfluencer' ? { brandVoice: 'witty' } : (validBody(op) ?? {});
      if (target.prefersCodes) init.preferCode = 404;
      expectError(await call(target, operationId, init), 404, 'NOT_FOUND');
    });

    it('answers 422 VALIDATION for a malformed path id', async () => {
      const init: CallInit = { path: Object.fromEntries(pathIds(op).map((n) => [n, MALFORMED[n]!])), invalid: true };
      if (hasBody) init.body = operationId === 'patchInfluencer' ? { brandVoice: 'witty' } : (validBody(op) ?? {});
      expectError(await call(target, operationId, init), 422, 'VALIDATION');
    });
  }

  if (hasBody) {
    it.each(invalidBodies(op))('answers 422 VALIDATION for a body with %s', async (_kind, body) => {
      expectError(await call(target, operationId, { path: pathFor(op, world), body, invalid: true }), 422, 'VALIDATION');
    });

    it('answers 422 VALIDATION for malformed JSON', async () => {
      expectError(await call(target, operationId, { path: pathFor(op, world), rawBody: '{"oops":', invalid: true }), 422, 'VALIDATION');
    });

    it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
      const result = await call(target, operationId, { path: pathFor(op, world), rawBody: 'name=Nova', contentType: 'text/plain', invalid: true });
      expectError(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  }

  if (operationId === 'listInfluencers') {
    it('answers 422 VALIDATION for a limit out of range', async () => {
      expectError(await call(target, operationId, { path: pathFor(op, world), query: { limit: 101 }, invalid: true }), 422, 'VALIDATION');
    });
  }

  // Statuses a stateless mock can only show by example (Prefer: code=N): idempotency conflicts, rate limits, server errors.
  const byExample = ['409', '429', '500'].filter((s) => op.responses.some((r) => r.status === Number(s)));
  it.for(byExample)('documents %s in the envelope (asked of a Prism-backed target with Prefer)', async (status, ctx) => {
    if (!target.prefersCodes) {
      ctx.skip(`stateful target: ${status} cannot be provoked on demand`);
      return;
    }
    const init: CallInit = { path: pathFor(op, world), preferCode: Number(status) };
    if (hasBody) init.body = validBody(op) ?? {};
    const result = await call(target, operationId, init);
    const codes = Object.entries(errorStatus).filter(([, s]) => s === Number(status)).map(([c]) => c);
    expect(result.status, explain(result, Number(status))).toBe(Number(status));
    expect(result.violations, explain(result, Number(status))).toEqual([]);
    expect(codes).toContain(result.json?.error?.code);
  });
});

describe('stateful behaviour', () => {
  const needsState = (ctx: { skip: (note: string) => void }) => {
    if (!target.stateful) ctx.skip(`target ${target.name} is stateless: create-then-read checks need the sandbox or a real deployment`);
  };

  it('provisions a first influencer from appDescription that inherits the project defaults', async (ctx) => {
    needsState(ctx);
    expectOk(provisioned!, 200);
    expect(provisioned!.json).toMatchObject({ projectId: world.projectId, gender: 'female', brandVoice: 'warm', language: 'en-US', status: 'ready' });
    expect(provisioned!.json.referenceImages).toHaveLength(1);
    const portrait = await fetch(provisioned!.json.referenceImages[0].url);
    expect(portrait.status).toBe(200);
    expect(portrait.headers.get('content-type')).toBe('image/png');
  });

  it('creates, polls to ready, reads back and lists an influencer', async (ctx) => {
    needsState(ctx);
    const accepted = await call(target, 'createInfluencer', { path: { projectId: world.projectId }, body: { gender: 'male', ageRange: 'adult' } });
    expectOk(accepted, 202);
    expect(accepted.headers.get('location')).toBe(accepted.json.locationUrl);
    const pending = await call(target, 'getInfluencer', { path: { influencerId: accepted.json.influencerId } });
    expectOk(pending, 200);
    expect((await pollJob(accepted.json.jobId)).json.status).toBe('succeeded');
    const ready = await call(target, 'getInfluencer', { path: { influencerId: accepted.json.influencerId } });
    expect(ready.json).toMatchObject({ gender: 'male', ageRange: 'adult', status: 'ready' });
    const ids: string[] = [];
    for (let cursor: string | null | undefined; ; ) {
      const page = await call(target, 'listInfluencers', { path: { projectId: world.projectId }, query: { limit: 2, ...(cursor ? { cursor } : {}) } });
      expectOk(page, 200);
      ids.push(...page.json.data.map((i: { influencerId: string }) => i.influencerId));
      cursor = page.json.nextCursor;
      if (!cursor) break;
    }
    expect(ids).toContain(accepted.json.influencerId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses to clone an influencer that is not ready yet (409 CONFLICT)', async (ctx) => {
    needsState(ctx);
    const accepted = await call(target, 'createInfluencer', { path: { projectId: world.projectId }, body: {} });
    expectOk(accepted, 202);
    expectError(await call(target, 'cloneInfluencer', { path: { influencerId: accepted.json.influencerId }, body: { name: 'Too early' } }), 409, 'CONFLICT');
  });

  it('deletes softly: 404 afterwards, gone from the list, delete again is 404', async (ctx) => {
    needsState(ctx);
    const accepted = await call(target, 'createInfluencer', { path: { projectId: world.projectId }, body: {} });
    const influencerId = accepted.json.influencerId as string;
    const deleted = await call(target, 'deleteInfluencer', { path: { influencerId }, body: { reason: 'Contract suite cleanup.' } });
    expectOk(deleted, 200);
    expect(deleted.json).toMatchObject({ influencerId, status: 'deleted' });
    expectError(await call(target, 'getInfluencer', { path: { influencerId } }), 404, 'NOT_FOUND');
    expectError(await call(target, 'patchInfluencer', { path: { influencerId }, body: { name: 'Ghost' } }), 404, 'NOT_FOUND');
    expectError(await call(target, 'deleteInfluencer', { path: { influencerId } }), 404, 'NOT_FOUND');
    const page = await call(target, 'listInfluencers', { path: { projectId: world.projectId }, query: { limit: 100 } });
    expect(page.json.data.map((i: { influencerId: string }) => i.influencerId)).not.toContain(influencerId);
  });

  it('replays a keyed create exactly, and rejects the key with another body', async (ctx) => {
    needsState(ctx);
    const key = `contract-${Date.now()}`;
    const init: CallInit = { path: { projectId: world.projectId }, body: { ageRange: 'teen' }, headers: { 'idempotency-key': key } };
    const first = await call(target, 'createInfluencer', init);
    const second = await call(target, 'createInfluencer', init);
    expectOk(first, 202);
    expectOk(second, 202);
    expect(second.json.jobId).toBe(first.json.jobId);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    const other = await call(target, 'createInfluencer', { ...init, body: { ageRange: 'senior' } });
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('hides another org\'s resources behind 404', async (ctx) => {
    needsState(ctx);
    if (!target.otherOrgApiKey) {
      ctx.skip('no LAYERS_OTHER_ORG_API_KEY for this target');
      return;
    }
    const other = { bearer: target.otherOrgApiKey };
    expectError(await call(target, 'getProject', { path: { projectId: world.projectId }, auth: other }), 404, 'NOT_FOUND');
    expectError(await call(target, 'getInfluencer', { path: { influencerId: world.influencerId }, auth: other }), 404, 'NOT_FOUND');
    expectError(await call(target, 'getJob', { path: { jobId: world.jobId }, auth: other }), 404, 'NOT_FOUND');
    expectError(await call(target, 'cloneInfluencer', { path: { influencerId: world.influencerId }, body: { name: 'Stolen' }, auth: other }), 404, 'NOT_FOUND');
  });

  it('rejects a wrong key, and two headers that disagree', async (ctx) => {
    needsState(ctx);
    const path = { influencerId: world.influencerId };
    expectError(await call(target, 'getInfluencer', { path, auth: { bearer: 'sk_wrong_key' }, invalid: true }), 401, 'UNAUTHENTICATED');
    expectError(await call(target, 'getInfluencer', { path, auth: { bearer: target.apiKey, apiKey: 'sk_other' }, invalid: true }), 401, 'UNAUTHENTICATED');
  });
});

describe('coverage', () => {
  it('exercised every operation of the contract', () => {
    expect(unexercisedOperations(), 'operations never exercised').toEqual([]);
  });
});
