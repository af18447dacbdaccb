/** What the handlers decide, as a client reads it back: inherited gender, page size and cursor at the edge, PATCH persisting, and the 409 of a clone whose source is not ready. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './harness.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ log: () => {}, timing: { toTrainingMs: 60_000, toDoneMs: 60_000 } });
}, 60_000);
afterAll(async () => {
  await sb?.close();
});

const project = async (body: Record<string, unknown>) => (await sb.call('POST', '/v1/projects', { body: { name: 'Handlers', ...body } })).json.projectId as string;
const create = async (projectId: string) => (await sb.call('POST', `/v1/projects/${projectId}/influencers`, { body: {} })).json;

describe('handlers', () => {
  it("an influencer takes the project's target gender when it is male or female, else female", async () => {
    for (const [target, expected] of [['male', 'male'], ['female', 'female'], ['any', 'female']] as const) {
      const started = await create(await project({ targetGender: target }));
      expect((await sb.call('GET', `/v1/influencers/${started.influencerId}`)).json.gender, target).toBe(expected);
    }
  });

  it('a page of exactly `limit` rows has no next cursor; a shorter limit has one', async () => {
    const id = await project({});
    await create(id);
    await create(id);
    const full = (await sb.call('GET', `/v1/projects/${id}/influencers?limit=2`)).json;
    expect(full.data).toHaveLength(2);
    expect(full.nextCursor).toBeNull();
    const first = (await sb.call('GET', `/v1/projects/${id}/influencers?limit=1`)).json;
    expect(first.data).toHaveLength(1);
    expect(typeof first.nextCursor).toBe('string');
    const second = (await sb.call('GET', `/v1/projects/${id}/influencers?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json;
    expect(second.data).toHaveLength(1);
    expect(second.data[0].influencerId).not.toBe(first.data[0].influencerId);
  });

  it('PATCH stores each field it is sent', async () => {
    const started = await create(await project({}));
    const patched = await sb.call('PATCH', `/v1/influencers/${started.influencerId}`, { body: { name: 'Renamed', brandVoice: 'witty', language: 'es-MX', ageRange: 'senior', gender: 'male' } });
    expect(patched.status, patched.text).toBe(200);
    const read = (await sb.call('GET', `/v1/influencers/${started.influencerId}`)).json;
    expect(read).toMatchObject({ name: 'Renamed', brandVoice: 'witty', language: 'es-MX', ageRange: 'senior', gender: 'male' });
  });

  it('cloning a source that is not ready is 409, naming its status', async () => {
    const started = await create(await project({}));
    const answer = await sb.call('POST', `/v1/influencers/${started.influencerId}/clone`, { body: { name: 'Too early' } });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: 'CONFLICT', message: 'Source influencer is not ready (it is pending).' });
  });
});
