/**
 * The HTML docs site in a real browser: built from the contract and docs/concepts/, served on
 * loopback, opened in headless Chromium (Debian's package), beside a running sandbox. It checks what
 * a partner sees: every operation's section with its badges and each of its samples (picked from
 * the sample menu and read from the rendered panel), the server switcher, a try-it request that
 * reaches the sandbox and shows its 2xx answer, the install step, the concept pages, the decision
 * record without seed file names or cut sidebar titles, no console errors, nothing off loopback.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/model.js';
import { readConceptPages } from '../../src/docs/concepts.js';
import { lifecycleOf } from '../../src/docs/reference/lifecycle.js';
import { buildSite } from '../../src/docs/site/build-site.js';
import { INSTALL_TAG, operationFragment, tagFragment } from '../../src/docs/site/site-document.js';
import { serveDirectory } from '../../scripts/lib/static-server.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { startTestSandbox, type TestSandbox } from '../sandbox/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`docs browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const contract = loadContract();
const MOCK_URL = 'http://127.0.0.1:4010';

describe.skipIf(!hasChromium)('docs site in headless Chromium', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'layers-docs-'));
  let sandbox: TestSandbox;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    buildSite(outDir, {
      localServers: [
        { url: sandbox.url, description: 'Local sandbox' },
        { url: MOCK_URL, description: 'Local mock' },
      ],
      bearerToken: sandbox.key,
    });
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
    await page.getByText('Decision record').first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await sandbox?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  const sectionOf = async (title: string) => {
    const heading = page.getByRole('heading', { name: title, exact: true }).first();
    await heading.waitFor({ timeout: 15_000 });
    return page.locator('section', { has: heading }).first();
  };

  it.each(contract.operations.map((op) => [op.operationId, op] as const))('shows %s with its badges and every sample', async (id, op) => {
    await page.goto(`${origin}/#${operationFragment(op.tags[0]!, op.method, op.path)}`, { waitUntil: 'load' });
    const section = await sectionOf(op.summary);
    const life = lifecycleOf(op);
    const text = await section.innerText();
    if (life.phase !== undefined) expect(text).toContain(`Phase ${life.phase}`);
    if (life.stability) expect(text).toContain(life.stability);
    // The sample menu offers exactly the contract's samples; each one, picked, is what the panel shows.
    // The one shown already (the site keeps the last pick across operations) is read, not picked.
    const labels = op.codeSamples.map((s) => s.label ?? s.lang);
    expect(labels).toContain('TypeScript');
    const picker = section.getByRole('button', { name: new RegExp(labels.join('|')) }).first();
    const pickerWords = (await picker.innerText()).split(/\s+/);
    const shown = labels.find((label) => pickerWords.includes(label));
    expect(shown, 'the picker names the sample it shows').toBeDefined();
    let menuChecked = false;
    for (const sample of op.codeSamples) {
      const label = sample.label ?? sample.lang;
      if (label !== shown) {
        await picker.click();
        const options = page.getByRole('option');
        await options.first().waitFor();
        if (!menuChecked) expect(await options.allInnerTexts()).toEqual(labels);
        menuChecked = true;
        await page.getByRole('option', { name: label, exact: true }).click();
      }
      const firstLine = sample.source.split('\n')[0]!.trim();
      await expect.poll(() => section.getByText(firstLine.slice(0, 40)).first().isVisible(), { timeout: 5_000 }).toBe(true);
      if (label === 'TypeScript') expect(await section.getByText(`layers.${id}(`).first().isVisible()).toBe(true);
    }
    expect(menuChecked, 'the menu was opened').toBe(true);
  });

  it('sends a try-it request to the sandbox chosen in the server switcher and shows its 2xx answer', async () => {
    const op = contract.operation('createProject');
    await page.goto(`${origin}/#${operationFragment(op.tags[0]!, op.method, op.path)}`, { waitUntil: 'load' });
    const section = await sectionOf(op.summary);
    await section.getByRole('button', { name: /Test Request/ }).first().click();
    const dialog = page.getByRole('dialog').first();
    await dialog.waitFor();
    const production = contract.doc.servers?.[0]?.url ?? 'https://api.layers.com';
    await dialog.getByRole('button', { name: new RegExp(production.replace(/[.:/]/g, (c) => `\\${c}`)) }).first().click();
    for (const url of [production, sandbox.url, MOCK_URL]) expect(await dialog.getByText(url, { exact: true }).first().isVisible(), url).toBe(true);
    await dialog.getByText(sandbox.url, { exact: true }).first().click();
    const sent = page.waitForRequest((req) => req.url() === `${sandbox.url}/v1/projects` && req.method() === 'POST');
    await dialog.getByRole('button', { name: /^Send/ }).first().click();
    await sent;
    await dialog.getByText(`${op.successStatus} Created`).first().waitFor({ timeout: 15_000 });
    const projectId = /"?(prj_[0-9a-f-]{36})/.exec(await dialog.innerText())?.[1];
    expect(projectId, 'the answer shows the new project id').toBeDefined();
    // The project exists on the sandbox: the page's request really reached it.
    expect((await sandbox.call('GET', `/v1/projects/${projectId}`)).status).toBe(200);
    await page.keyboard.press('Escape');
  });

  it('shows the install step and every concept page', async () => {
    await page.goto(`${origin}/#${tagFragment(INSTALL_TAG)}`, { waitUntil: 'load' });
    await page.getByText('npm install @layers/partner-api').first().waitFor({ timeout: 10_000 });
    for (const concept of readConceptPages()) {
      const firstHeading = /^## (.*?)(?: \[#[\w-]+\])?$/m.exec(concept.body)?.[1];
      await page.goto(`${origin}/#${tagFragment(concept.title)}`, { waitUntil: 'load' });
      expect(firstHeading, concept.slug).toBeDefined();
      await page.getByRole('heading', { name: firstHeading!, exact: true }).first().waitFor({ timeout: 10_000 });
    }
  });

  it('shows the whole decision record, without seed file names, and no cut sidebar title', async () => {
    await page.goto(`${origin}/#${tagFragment('Decision record')}`, { waitUntil: 'load' });
    await page.getByText('D01 · Influencer id format').first().waitFor({ timeout: 10_000 });
    const text = await page.locator('body').innerText();
    const inRecord = readFileSync(join(repoRoot, 'openapi/DECISIONS.md'), 'utf8').match(/^### D\d\d/gm)?.map((h) => h.slice(4)) ?? [];
    expect(inRecord.length).toBeGreaterThan(40);
    const onPage = new Set(text.match(/D\d\d(?= ·)/g));
    expect(inRecord.filter((d) => !onPage.has(d)), 'decisions missing from the page').toEqual([]);
    expect(text).not.toMatch(/\b\d{3}_[0-9a-f]{16}\.txt\b/);
    // Every sidebar entry's label is whole: not clipped, not cut with an ellipsis.
    const labels = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('li > button [class*="button-label"]'))
        .filter((el) => el.clientWidth > 0)
        .map((el) => ({ text: (el.textContent ?? '').trim(), cut: el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis' })),
    );
    expect(labels.length).toBeGreaterThanOrEqual(contract.operations.length + readConceptPages().length);
    expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(['Decision record', 'Migrating from the older pages', ...contract.operations.map((op) => expect.stringContaining(op.summary))]));
    const cut = labels.filter((l) => l.cut).map((l) => l.text);
    expect(cut, 'sidebar titles cut with an ellipsis').toEqual([]);
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
