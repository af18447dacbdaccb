/**
 * A partner's program, compiled and run against the packed tarball (tests/consumer/consumer.test.ts):
 * there its imports become `@layers/partner-api` and `@layers/partner-api/msw` (here they name the
 * sources, so the repository's typecheck covers it too). It runs the partner flows of the README:
 * create and wait, clone and wait, paginate to the end, patch, delete. It prints what it saw as JSON.
 *
 *   node run.js msw                         with no network: setupServer(...createHandlers())
 *   BASE_URL=… API_KEY=… node run.js remote   against a mock or sandbox
 */
import { LayersApiError, LayersClient } from '../../src/client/index.js';
import { createHandlers } from '../../src/msw/index.js';
import { setupServer } from 'msw/node';

async function flows(layers: LayersClient) {
  const wait = { initialIntervalMs: 50, maxIntervalMs: 200, timeoutMs: 30_000 };
  const project = await layers.createProject({ name: 'Bloom Habits', brandVoice: 'warm' });
  const nova = await layers.createInfluencerAndWait({ projectId: project.projectId }, { gender: 'female' }, wait);
  const maria = await layers.cloneInfluencerAndWait({ influencerId: nova.influencerId }, { name: 'Maria (ES)', overrides: { language: 'es-MX' } }, wait);
  const listed: string[] = [];
  for await (const influencer of layers.paginateInfluencers({ projectId: project.projectId, limit: 1 })) listed.push(influencer.influencerId);
  const patched = await layers.patchInfluencer({ influencerId: nova.influencerId }, { brandVoice: 'witty' });
  const deleted = await layers.deleteInfluencer({ influencerId: nova.influencerId });
  let afterDelete = 'found';
  try {
    await layers.getInfluencer({ influencerId: nova.influencerId });
  } catch (error) {
    afterDelete = error instanceof LayersApiError ? `${error.name} ${error.code}` : String(error);
  }
  return {
    project: { status: project.lastResponse.status, location: project.lastResponse.headers.get('location'), requestId: project.lastResponse.requestId, replayed: project.lastResponse.idempotencyReplayed },
    created: { status: nova.status, projectId: nova.projectId === project.projectId },
    cloned: { status: maria.status, name: maria.name },
    listed: listed.length,
    distinctListed: new Set(listed).size,
    patched: patched.brandVoice,
    deleted: deleted.status,
    afterDelete,
  };
}

const target = process.argv[2];
if (target === 'msw') {
  const server = setupServer(...createHandlers());
  server.listen({ onUnhandledRequest: 'error' });
  try {
    console.log(JSON.stringify(await flows(new LayersClient({ apiKey: 'sk_test_msw' }))));
  } finally {
    server.close();
  }
} else {
  console.log(JSON.stringify(await flows(new LayersClient({ apiKey: process.env.API_KEY!, baseUrl: process.env.BASE_URL! }))));
}
