/** Each method sends the contract's method, path, query and body, and resolves with the 2xx body. */
import { describe, expect, it } from 'vitest';
import { clientFor, INF, influencer, JOB, job, json, PRJ, project, startServer } from './server.js';

describe('operations', () => {
  it('map to the contract’s requests', async () => {
    const deleted = { influencerId: INF, status: 'deleted', deletedAt: '2026-05-02T09:30:00.000Z' };
    const list = { data: [influencer()], nextCursor: null };
    const server = await startServer(
      json(201, project),
      json(200, project),
      json(202, job('running')),
      json(202, job('running')),
      json(200, list),
      json(200, influencer()),
      json(200, influencer({ brandVoice: 'witty' })),
      json(200, deleted),
      json(200, deleted),
      json(202, job('running')),
      json(200, job('succeeded')),
    );
    const layers = clientFor(server);

    expect(await layers.createProject({ name: 'Bloom Habits', appDescription: 'A habit tracker.' })).toEqual(project);
    expect(await layers.getProject({ projectId: PRJ })).toEqual(project);
    expect(await layers.createInfluencer({ projectId: PRJ }, { gender: 'female' })).toEqual(job('running'));
    expect(await layers.createInfluencer({ projectId: PRJ })).toEqual(job('running'));
    expect(await layers.listInfluencers({ projectId: PRJ, limit: 20, cursor: 'abc' })).toEqual(list);
    expect(await layers.getInfluencer({ influencerId: INF })).toEqual(influencer());
    expect((await layers.patchInfluencer({ influencerId: INF }, { brandVoice: 'witty' })).brandVoice).toBe('witty');
    expect(await layers.deleteInfluencer({ influencerId: INF }, { reason: 'Persona retired.' })).toEqual(deleted);
    expect(await layers.deleteInfluencer({ influencerId: INF })).toEqual(deleted);
    expect(await layers.cloneInfluencer({ influencerId: INF }, { name: 'Maria (ES)', overrides: { language: 'es-MX' } })).toEqual(
      job('running'),
    );
    expect((await layers.getJob({ jobId: JOB })).status).toBe('succeeded');

    expect(server.requests.map((r) => [r.method, r.url, r.body, r.headers['content-type']])).toEqual([
      ['POST', '/v1/projects', '{"name":"Bloom Habits","appDescription":"A habit tracker."}', 'application/json'],
      ['GET', `/v1/projects/${PRJ}`, '', undefined],
      ['POST', `/v1/projects/${PRJ}/influencers`, '{"gender":"female"}', 'application/json'],
      ['POST', `/v1/projects/${PRJ}/influencers`, '', undefined],
      ['GET', `/v1/projects/${PRJ}/influencers?limit=20&cursor=abc`, '', undefined],
      ['GET', `/v1/influencers/${INF}`, '', undefined],
      ['PATCH', `/v1/influencers/${INF}`, '{"brandVoice":"witty"}', 'application/json'],
      ['DELETE', `/v1/influencers/${INF}`, '{"reason":"Persona retired."}', 'application/json'],
      ['DELETE', `/v1/influencers/${INF}`, '', undefined],
      ['POST', `/v1/influencers/${INF}/clone`, '{"name":"Maria (ES)","overrides":{"language":"es-MX"}}', 'application/json'],
      ['GET', `/v1/jobs/${JOB}`, '', undefined],
    ]);
  });

  it('encodes path parameters', async () => {
    const server = await startServer(json(200, influencer()));
    await clientFor(server).getInfluencer({ influencerId: 'inf_a/b?c' });
    expect(server.requests[0]!.url).toBe('/v1/influencers/inf_a%2Fb%3Fc');
  });
});
