/** A failed influencer says why: the job that failed it and that job's error (Influencer.failure). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorForSchema } from '../support/contract.js';
import { OBSERVABLE_PHASES, startTestSandbox, type TestSandbox } from './harness.js';

let sandbox: TestSandbox;
const validInfluencer = validatorForSchema('Influencer');
beforeAll(async () => {
  sandbox = await startTestSandbox({ timing: OBSERVABLE_PHASES });
}, 60_000);
afterAll(async () => sandbox?.close());

describe('Influencer.failure', () => {
  it('is null while pending and when ready, and names the job and its error when failed', async () => {
    const projectId = (await sandbox.call('POST', '/v1/projects', { body: { name: 'Failures' } })).json.projectId;
    const ok = (await sandbox.call('POST', `/v1/projects/${projectId}/influencers`, { body: {} })).json;
    const bad = (await sandbox.call('POST', `/v1/projects/${projectId}/influencers`, { body: { prompt: 'sandbox:reject please' } })).json;
    const pending = await sandbox.call('GET', `/v1/influencers/${bad.influencerId}`);
    expect(pending.json.failure).toBeNull();
    await sandbox.settle(ok.jobId);
    const job = await sandbox.settle(bad.jobId);
    expect(job.status).toBe('failed');

    const failed = (await sandbox.call('GET', `/v1/influencers/${bad.influencerId}`)).json;
    expect(validInfluencer(failed), JSON.stringify(validInfluencer.errors)).toBe(true);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toEqual({ jobId: bad.jobId, error: job.error });
    expect(failed.failure.error.code).toBe('PROMPT_REJECTED');

    const ready = (await sandbox.call('GET', `/v1/influencers/${ok.influencerId}`)).json;
    expect(ready.status).toBe('ready');
    expect(ready.failure).toBeNull();
    const listed = (await sandbox.call('GET', `/v1/projects/${projectId}/influencers`)).json.data;
    expect(listed.find((i: { influencerId: string }) => i.influencerId === bad.influencerId).failure).toEqual(failed.failure);
  });
});
