/**
 * What a keyed POST binds its Idempotency-Key to, as a client sees it: the replay (status, body,
 * headers, Idempotency-Replayed), the same body with keys in another order, another path with the
 * same key (IDEMPOTENCY_KEY_REUSED), and keyless writes that are never replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/sandbox/idempotency.js';
import { startTestSandbox, type TestSandbox } from './harness.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ log: () => {} });
}, 60_000);
afterAll(async () => {
  await sb?.close();
});

const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe('keyed creates', () => {
  it('replay status, body and Location, marked Idempotency-Replayed', async () => {
    const headers = { 'idempotency-key': unique('replay') };
    const first = await sb.call('POST', '/v1/projects', { body: { name: 'Replay', brandVoice: 'warm' }, headers });
    const again = await sb.call('POST', '/v1/projects', { body: { brandVoice: 'warm', name: 'Replay' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('location')).toBe(`/v1/projects/${first.json.projectId}`);
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it('refuse the key on another path, saying so, and create nothing there', async () => {
    const a = (await sb.call('POST', '/v1/projects', { body: { name: 'A' } })).json.projectId;
    const b = (await sb.call('POST', '/v1/projects', { body: { name: 'B' } })).json.projectId;
    const headers = { 'idempotency-key': unique('paths') };
    expect((await sb.call('POST', `/v1/projects/${a}/influencers`, { body: {}, headers })).status).toBe(202);
    const other = await sb.call('POST', `/v1/projects/${b}/influencers`, { body: {}, headers });
    expect(other.status).toBe(422);
    expect(other.json.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was already used with a different request.' });
    expect((await sb.call('GET', `/v1/projects/${b}/influencers`)).json.data).toEqual([]);
  });

  it('without a key, each create is new', async () => {
    const one = await sb.call('POST', '/v1/projects', { body: { name: 'Keyless' } });
    const two = await sb.call('POST', '/v1/projects', { body: { name: 'Keyless' } });
    expect(two.json.projectId).not.toBe(one.json.projectId);
    expect(two.headers.get('idempotency-replayed')).toBeNull();
  });

  it('a failed keyed request is not stored: the key still works afterwards', async () => {
    const headers = { 'idempotency-key': unique('after-404') };
    const missing = await sb.call('POST', '/v1/projects/prj_00000000-0000-4000-8000-000000000000/influencers', { body: {}, headers });
    expect(missing.status).toBe(404);
    const project = (await sb.call('POST', '/v1/projects', { body: { name: 'After' } })).json.projectId;
    expect((await sb.call('POST', `/v1/projects/${project}/influencers`, { body: {}, headers })).status).toBe(202);
  });
});

describe('canonical request bodies', () => {
  it('sort object keys at every depth and keep array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([3, 1])).toBe('[3,1]');
  });
});
