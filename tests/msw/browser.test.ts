/**
 * `@layers/partner-api/msw` in a real browser: the handlers, built as the package builds them
 * (esbuild with the package's web built-ins, so any `node:` import left would fail the build for
 * the browser platform), answer the client's partner flows inside headless Chromium through msw's
 * `getResponse`, with no server behind them.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webBuiltins } from '../../scripts/pack-package.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { serveDirectory } from '../../scripts/lib/static-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`msw browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const page = `
import { getResponse } from 'msw';
import { createHandlers } from ${JSON.stringify(join(repoRoot, 'src/msw/index.ts'))};
import { LayersClient, LayersNotFoundError } from ${JSON.stringify(join(repoRoot, 'src/client/index.ts'))};

const handlers = createHandlers();
const layers = new LayersClient({
  apiKey: 'sk_test_browser',
  fetch: async (input, init) => (await getResponse(handlers, new Request(input, init))) ?? Response.error(),
});
(async () => {
  const wait = { initialIntervalMs: 5 };
  const project = await layers.createProject({ name: 'Bloom Habits' });
  const nova = await layers.createInfluencerAndWait({ projectId: project.projectId }, {}, wait);
  const clone = await layers.cloneInfluencerAndWait({ influencerId: nova.influencerId }, { name: 'Maria (ES)' }, wait);
  const listed = [];
  for await (const influencer of layers.paginateInfluencers({ projectId: project.projectId, limit: 1 })) listed.push(influencer.influencerId);
  await layers.patchInfluencer({ influencerId: nova.influencerId }, { brandVoice: 'witty' });
  await layers.deleteInfluencer({ influencerId: nova.influencerId });
  const gone = await layers.getInfluencer({ influencerId: nova.influencerId }).catch((e) => e instanceof LayersNotFoundError);
  const invalid = await layers.createInfluencer({ projectId: project.projectId }, { name: 'x' }).catch((e) => Object.keys(e.details?.fieldErrors ?? {}));
  window.__result = { status: [nova.status, clone.status], listed: listed.length, gone, invalid, requestId: project.lastResponse.requestId, userAgent: navigator.userAgent };
})().catch((error) => { window.__result = { error: String(error && error.stack || error) }; });
`;

let dir = '';
let server: Server | undefined;
let browser: Browser | undefined;

describe.skipIf(!hasChromium)('the MSW handlers in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'layers-msw-browser-'));
    await build({
      stdin: { contents: page, resolveDir: repoRoot, sourcefile: 'page.ts', loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define: { 'import.meta.url': '"file:///@layers/partner-api/msw/index.js"' },
      plugins: [webBuiltins()],
      outfile: join(dir, 'page.js'),
      logLevel: 'silent',
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>msw</title><script type="module" src="/page.js"></script>');
    server = await serveDirectory(dir, 0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the partner flows against createHandlers() with no server', async () => {
    const tab = await browser!.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`);
    await tab.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, { timeout: 60_000 });
    const result = await tab.evaluate(() => (window as unknown as { __result: Record<string, unknown> }).__result);
    expect(errors).toEqual([]);
    expect(result).toMatchObject({ status: ['ready', 'ready'], listed: 2, gone: true, invalid: ['name'], requestId: expect.stringMatching(/^req_/) });
    expect(String(result.userAgent)).toMatch(/HeadlessChrome|Chrome/);
  }, 90_000);
});
