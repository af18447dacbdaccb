/**
 * The compatibility policy (D45), both directions. The gate: what a later minor version may do
 * (new optional response fields, new values in open lists) passes, and what clients were never told
 * to expect (a value in a closed enum, an enum turned open) fails. The client: a newer server's
 * answer, with a field and values this version does not list, reaches the caller intact.
 */
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/contract/bundle.js';
import { diffContracts, type Change } from '../../src/contract/diff.js';
import type { OpenApiDocument, Schema } from '../../src/contract/oas.js';
import { createContractValidator } from '../../src/contract/validator.js';
import { LayersApiError, LayersRateLimitError } from '../../src/client/index.js';
import { clientFor, json, job, startServer } from '../client/server.js';

const doc = readBundle();
const schemasOf = (d: OpenApiDocument): Record<string, Schema> => d.components?.schemas ?? {};
const mutate = (fn: (schemas: Record<string, Schema>) => void): OpenApiDocument => {
  const copy = structuredClone(doc);
  fn(schemasOf(copy));
  return copy;
};
const schema = (schemas: Record<string, Schema>, name: string): Schema => {
  const found = schemas[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
};
const list = (s: Schema, key: 'enum' | 'x-extensible-enum'): unknown[] => {
  const values = s[key];
  if (!Array.isArray(values)) throw new Error(`no ${key}`);
  return values;
};
const kinds = (changes: Change[], breaking: boolean) => [...new Set(changes.filter((c) => c.breaking === breaking).map((c) => c.kind))].sort();

describe('the gate follows the policy', () => {
  it('a new optional response field is not breaking', () => {
    const changes = diffContracts(doc, mutate((s) => {
      schema(s, 'Job').properties = { ...schema(s, 'Job').properties, priority: { type: 'integer', minimum: 0, maximum: 9 } };
    }));
    expect(kinds(changes, true)).toEqual([]);
    expect(changes.filter((c) => c.kind === 'property added').map((c) => c.where)).toContain('response 200.priority');
  });

  it('a new value in an open list (JobKind, ErrorCode) is not breaking', () => {
    const changes = diffContracts(doc, mutate((s) => {
      list(schema(s, 'JobKind'), 'x-extensible-enum').push('content_render');
      list(schema(s, 'ErrorCode'), 'x-extensible-enum').push('QUOTA_EXCEEDED');
      schema(s, 'ErrorCode')['x-http-status'] = { ...schema(s, 'ErrorCode')['x-http-status'], QUOTA_EXCEEDED: 429 };
    }));
    expect(kinds(changes, true)).toEqual([]);
    expect(changes.filter((c) => c.kind === 'open enum value added').map((c) => c.operation)).toEqual(
      expect.arrayContaining([expect.stringContaining('(getJob)'), expect.stringContaining('(createInfluencer)')]),
    );
  });

  it('a new value in a closed enum read by clients (JobStatus) is breaking', () => {
    const changes = diffContracts(doc, mutate((s) => list(schema(s, 'JobStatus'), 'enum').push('cancelled')));
    expect(kinds(changes, true)).toEqual(['enum value added']);
  });

  it('turning a closed response enum into an open list is breaking; the reverse is not', () => {
    const opened = mutate((s) => {
      const status = schema(s, 'InfluencerStatus');
      status['x-extensible-enum'] = status.enum;
      delete status.enum;
    });
    expect(kinds(diffContracts(doc, opened), true)).toEqual(['enum opened']);
    expect(kinds(diffContracts(opened, doc), true)).toEqual([]);
    expect(kinds(diffContracts(opened, doc), false)).toContain('enum closed');
  });

  it('a value removed from an open list that requests send is still breaking', () => {
    const openedAgeRange = mutate((s) => {
      const age = schema(s, 'AgeRange');
      age['x-extensible-enum'] = age.enum;
      delete age.enum;
    });
    const shrunk = structuredClone(openedAgeRange);
    list(schema(schemasOf(shrunk), 'AgeRange'), 'x-extensible-enum').pop();
    const breaking = diffContracts(openedAgeRange, shrunk).filter((c) => c.breaking);
    expect(breaking.map((c) => `${c.affects} ${c.kind}`)).toContain('request enum value removed');
    expect(breaking.every((c) => c.affects === 'request')).toBe(true);
  });
});

describe('validation of an open list', () => {
  const running = job('running');

  it('a server of this version is held to the listed values; a tolerant reader is not', () => {
    const strict = createContractValidator(doc).forRef('#/components/schemas/Job');
    const tolerant = createContractValidator(doc, { openEnums: true }).forRef('#/components/schemas/Job');
    expect(strict(running), JSON.stringify(strict.errors)).toBe(true);
    const newer = { ...running, kind: 'content_render' };
    expect(strict(newer)).toBe(false);
    expect(strict.errors?.map((e) => e.instancePath)).toEqual(['/kind']);
    expect(tolerant(newer)).toBe(true);
    // Open is not unchecked: the value still has the list's form.
    expect(tolerant({ ...running, kind: 'Content Render!' })).toBe(false);
  });
});

describe('the client reads a newer server', () => {
  it('keeps a field and a job kind this version does not list', async () => {
    const newer = { ...job('succeeded'), kind: 'content_render', priority: 3 };
    const server = await startServer(json(200, newer));
    const read = await clientFor(server).getJob({ jobId: newer.jobId });
    expect(read).toMatchObject({ kind: 'content_render', priority: 3, status: 'succeeded' });
  });

  it('an unknown error code still becomes the error of its HTTP status', async () => {
    const server = await startServer(json(429, { error: { code: 'QUOTA_EXCEEDED', message: 'Monthly quota used up.', requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' } }, { 'retry-after': '0' }));
    const error = await clientFor(server, { maxRetries: 0 }).getJob({ jobId: job('running').jobId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersRateLimitError);
    expect(error).toBeInstanceOf(LayersApiError);
    expect(error).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', message: expect.stringContaining('Monthly quota used up.') });
  });
});

/** getJob and its inline 200 response in document `d` (a copy the test edits). */
function getJobOf(d: OpenApiDocument) {
  const item = d.paths['/v1/jobs/{jobId}'];
  const get = item && !('$ref' in item) ? item.get : undefined;
  const ok = get?.responses?.['200'];
  if (!get || !ok || '$ref' in ok) throw new Error('getJob and its inline 200 are expected in the contract');
  return { get, ok };
}

describe('the gate reports additions a changelog reader needs', () => {
  it('an added response header and an added optional parameter are listed, not breaking', () => {
    const revision = structuredClone(doc);
    const { get, ok } = getJobOf(revision);
    ok.headers = { ...ok.headers, 'Retry-After': { schema: { type: 'integer', minimum: 0, maximum: 3600 } } };
    get.parameters = [...(get.parameters ?? []), { name: 'expand', in: 'query', required: false, schema: { type: 'string', enum: ['influencer'] } }];
    const changes = diffContracts(doc, revision);
    expect(changes.filter((c) => c.breaking)).toEqual([]);
    expect(changes.map((c) => `${c.kind}: ${c.where}`).sort()).toEqual(['parameter added: query:expand', 'response header added: responses.200.headers.Retry-After']);
  });

  it('a required response header becoming optional is breaking', () => {
    const etag = (required: boolean) => ({ required, schema: { type: 'string', maxLength: 64, pattern: '^\\w+$' } });
    const before = structuredClone(doc);
    getJobOf(before).ok.headers = { ...getJobOf(before).ok.headers, 'X-Job-Etag': etag(true) };
    const after = structuredClone(before);
    getJobOf(after).ok.headers = { ...getJobOf(after).ok.headers, 'X-Job-Etag': etag(false) };
    expect(diffContracts(before, after).filter((c) => c.breaking).map((c) => c.kind)).toEqual(['response header became optional']);
  });
});
