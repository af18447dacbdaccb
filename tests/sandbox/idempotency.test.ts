/** An Idempotency-Key is bound to the whole request: method, path with its parameters, canonical body. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './harness.js';

let sandbox: TestSandbox;
let projectA: string;
let projectB: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  projectA = (await sandbox.call('POST', '/v1/projects', { body: { name: 'A' } })).json.projectId;
  projectB = (await sandbox.call('POST', '/v1/projects', { body: { name: 'B' } })).json.projectId;
}, 60_000);
afterAll(async () => sandbox?.close());

// Keys live for 24 hours in the org, and a PostgreSQL database outlives a test run: each run uses its own.
const run = randomUUID();
const create = (project: string, key: string, raw: string) =>
  sandbox.call('POST', `/v1/projects/${project}/influencers`, { raw, headers: { 'content-type': 'application/json', 'idempotency-key': `${key}-${run}` } });

describe('idempotency keys', () => {
  it('replay the same request, with its JSON keys in any order', async () => {
    const first = await create(projectA, 'key-order', '{"gender":"male","ageRange":"adult"}');
    const again = await create(projectA, 'key-order', '{ "ageRange": "adult", "gender": "male" }');
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
  });

  it("never replay one project's influencer for another project", async () => {
    const inA = await create(projectA, 'key-projects', '{}');
    expect(inA.status).toBe(202);
    const inB = await create(projectB, 'key-projects', '{}');
    expect(inB.status).toBe(422);
    expect(inB.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(inB.headers.get('idempotency-replayed')).toBeNull();
    const listB = await sandbox.call('GET', `/v1/projects/${projectB}/influencers`);
    expect(listB.json.data).toEqual([]);
  });

  it('refuse the same key with a different body', async () => {
    expect((await create(projectA, 'key-body', '{"gender":"male"}')).status).toBe(202);
    const other = await create(projectA, 'key-body', '{"gender":"female"}');
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('cursors', () => {
  it("of one project are refused by another, and a tampered one is refused", async () => {
    for (let i = 0; i < 3; i++) await create(projectA, `cursor-${i}`, '{}');
    const page = await sandbox.call('GET', `/v1/projects/${projectA}/influencers?limit=1`);
    const cursor: string = page.json.nextCursor;
    expect(typeof cursor).toBe('string');
    expect((await sandbox.call('GET', `/v1/projects/${projectA}/influencers?limit=1&cursor=${cursor}`)).status).toBe(200);
    const foreign = await sandbox.call('GET', `/v1/projects/${projectB}/influencers?cursor=${cursor}`);
    expect(foreign.status).toBe(422);
    expect(Object.keys(foreign.json.error.details.fieldErrors)).toEqual(['cursor']);
    // Another position under the genuine cursor's signature (its last 22 characters).
    const tampered = `${Buffer.from(JSON.stringify({ p: projectA, s: 0 })).toString('base64url')}${cursor.slice(-22)}`;
    expect(tampered).not.toBe(cursor);
    expect((await sandbox.call('GET', `/v1/projects/${projectA}/influencers?cursor=${tampered}`)).status).toBe(422);
  });
});
