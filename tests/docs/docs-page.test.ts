/**
 * The docs site in a real browser: build it from the bundled contract, serve it on loopback, open
 * it in headless Chromium (Debian's package), and check what a partner would see.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../support/contract.js';
import { serveDirectory } from '../../scripts/lib/static-server.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { buildDocs } from '../../scripts/build-docs.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`docs browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)('docs site in headless Chromium', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'layers-docs-'));
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    buildDocs(join(outDir, 'index.html'));
    server = await serveDirectory(outDir, 0);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.hostname !== '127.0.0.1') foreignRequests.push(req.url());
    });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.getByText('Decision record').first().waitFor({ timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(outDir, { recursive: true, force: true });
  });

  // Redoc 3 routes each operation to `#/<tag>/<operationid>` and renders it on demand.
  it.each(operations.map((op) => [op.operationId, op] as const))('shows %s with its code samples', async (id, op) => {
    const tag = String(op.tags[0]).toLowerCase().replace(/\s+/g, '-');
    await page.goto(`${origin}/#/${tag}/${id.toLowerCase()}`, { waitUntil: 'load' });
    await page.getByText(op.path).first().waitFor({ timeout: 10_000 });
    expect(await page.locator('body').innerText()).toContain(op.summary);
    // The samples sit behind a language picker; all three are in the page.
    const html = await page.content();
    for (const snippet of ['curl -X', `layers.${id}(`, 'import os, uuid, httpx']) expect(html, `${id}: ${snippet}`).toContain(snippet);
  });

  it('shows the decision record', async () => {
    await page.goto(`${origin}/#/decision-record`, { waitUntil: 'load' });
    await page.getByText('D37 · Content generation').first().waitFor({ timeout: 10_000 });
    const text = await page.locator('body').innerText();
    const inRecord = new Set(readFileSync(join(repoRoot, 'openapi/DECISIONS.md'), 'utf8').match(/^### D\d\d/gm)?.map((h) => h.slice(4)));
    const onPage = new Set(text.match(/D\d\d(?= ·)/g));
    expect([...inRecord].filter((id) => !onPage.has(id)), 'decisions missing from the page').toEqual([]);
    expect(text).toContain('D01 · Influencer id format');
    expect(text).not.toContain('000_519f45fd434d0fe1.txt');
  });

  // Runs after every page above was visited (vitest keeps file order), so it sees all their errors and requests.
  it('rendered without console errors and loaded nothing from outside loopback', () => {
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('writes a screenshot', async () => {
    const dir = join(repoRoot, 'dist');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'docs-screenshot.png');
    await page.screenshot({ path: file });
    expect(existsSync(file)).toBe(true);
  });
});
