/** paginateInfluencers follows nextCursor across pages. */
import { describe, expect, it } from 'vitest';
import type { Influencer } from '../../src/client/index.js';
import { clientFor, envelope, influencer, json, PRJ, startServer } from './server.js';

const ids = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => influencer({ influencerId: `inf_00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}` }));

describe('paginateInfluencers', () => {
  it('yields every item across 3 pages, passing limit and each nextCursor, and stops at null', async () => {
    const server = await startServer(
      json(200, { data: ids(2, 0), nextCursor: 'c1' }),
      json(200, { data: ids(2, 2), nextCursor: 'c2' }),
      json(200, { data: ids(1, 4), nextCursor: null }),
      envelope(500, 'INTERNAL'),
    );
    const seen: Influencer[] = [];
    for await (const item of clientFor(server).paginateInfluencers({ projectId: PRJ, limit: 2 })) seen.push(item);
    expect(seen.map((i) => i.influencerId)).toEqual(ids(5).map((i) => i.influencerId));
    expect(server.requests.map((r) => r.url)).toEqual([
      `/v1/projects/${PRJ}/influencers?limit=2`,
      `/v1/projects/${PRJ}/influencers?limit=2&cursor=c1`,
      `/v1/projects/${PRJ}/influencers?limit=2&cursor=c2`,
    ]);
  });

  it('fetches lazily: breaking out after the first page requests no more', async () => {
    const server = await startServer(json(200, { data: ids(2), nextCursor: 'c1' }), json(200, { data: ids(2, 2), nextCursor: null }));
    for await (const item of clientFor(server).paginateInfluencers({ projectId: PRJ })) {
      expect(item.projectId).toBe(PRJ);
      break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it('handles an empty project', async () => {
    const server = await startServer(json(200, { data: [], nextCursor: null }));
    const seen: Influencer[] = [];
    for await (const item of clientFor(server).paginateInfluencers({ projectId: PRJ })) seen.push(item);
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects the iteration with the page’s error', async () => {
    const server = await startServer(json(200, { data: ids(1), nextCursor: 'bad' }), envelope(422, 'VALIDATION'));
    const iterate = async () => {
      for await (const _ of clientFor(server).paginateInfluencers({ projectId: PRJ })) {
        // drain
      }
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'VALIDATION', operationId: 'listInfluencers' });
  });
});
