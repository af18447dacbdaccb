/** D28 on the wire: the one scope the seed pages name runs their whole flow; a write scope reads what it writes, and no more. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG } from '../../src/sandbox/index.js';
import { startTestSandbox, type TestSandbox } from './harness.js';

const WRITE_ONLY = 'sk_test_influencers_write_only';
const READ_ONLY = 'sk_test_influencers_read_only';
let sandbox: TestSandbox;
let projectId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    extraKeys: [
      { key: WRITE_ONLY, orgId: DEFAULT_ORG, scopes: ['influencers:write'] },
      { key: READ_ONLY, orgId: DEFAULT_ORG, scopes: ['influencers:read'] },
    ],
  });
  projectId = (await sandbox.call('POST', '/v1/projects', { body: { name: 'Scopes' } })).json.projectId;
}, 60_000);
afterAll(async () => sandbox?.close());

describe('a key holding only influencers:write', () => {
  it('creates, polls the job to its end, reads and lists the influencer', async () => {
    const accepted = await sandbox.call('POST', `/v1/projects/${projectId}/influencers`, { body: {}, key: WRITE_ONLY });
    expect(accepted.status).toBe(202);
    let job = accepted.json;
    const deadline = Date.now() + 20_000;
    while (job.status === 'running' && Date.now() < deadline) {
      const polled = await sandbox.call('GET', `/v1/jobs/${job.jobId}`, { key: WRITE_ONLY });
      expect(polled.status).toBe(200);
      job = polled.json;
    }
    expect(job.status).toBe('succeeded');
    const influencer = await sandbox.call('GET', `/v1/influencers/${job.influencerId}`, { key: WRITE_ONLY });
    expect(influencer.status).toBe(200);
    expect(influencer.json.status).toBe('ready');
    expect((await sandbox.call('GET', `/v1/projects/${projectId}/influencers`, { key: WRITE_ONLY })).status).toBe(200);
  });

  it('cannot read the project (projects:read or projects:write grants that)', async () => {
    const answer = await sandbox.call('GET', `/v1/projects/${projectId}`, { key: WRITE_ONLY });
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('FORBIDDEN_SCOPE');
    expect(answer.json.error.message).toBe('This key lacks the projects:read scope (projects:write also grants it).');
  });
});

describe('a key holding only influencers:read', () => {
  it('reads but cannot write or poll jobs', async () => {
    expect((await sandbox.call('GET', `/v1/projects/${projectId}/influencers`, { key: READ_ONLY })).status).toBe(200);
    const create = await sandbox.call('POST', `/v1/projects/${projectId}/influencers`, { body: {}, key: READ_ONLY });
    expect(create.status).toBe(403);
    expect(create.json.error.message).toBe('This key lacks the influencers:write scope.');
    const job = await sandbox.call('GET', '/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T', { key: READ_ONLY });
    expect(job.status).toBe(403);
  });
});
