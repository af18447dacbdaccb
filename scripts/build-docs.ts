/**
 * `npm run docs`: dist/docs/index.html from the bundled contract (Redocly build-docs, Redoc inlined),
 * made fully self-contained: Redoc 3 hard-codes its attribution logo on a CDN and the page has no
 * favicon, which offline (this project's machines, or a partner's laptop on a plane) means failed
 * requests and console errors. Both are replaced by inline data: URIs. The docs browser test fails
 * if the page requests anything outside loopback, so a Redoc upgrade that adds another is caught.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bin, redoclyEnv, repoRoot } from './lib/paths.js';

const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#0044d4">Redocly</text></svg>',
)}`;
const CDN_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

export function buildDocs(output = join(repoRoot, 'dist/docs/index.html')): string {
  mkdirSync(dirname(output), { recursive: true });
  execFileSync(bin('redocly'), [
    'build-docs', 'generated/openapi.json', '--inlineBundle', '--title', 'Layers Partner API — Influencers', '-o', output,
  ], { cwd: repoRoot, env: redoclyEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  let html = readFileSync(output, 'utf8');
  for (const url of CDN_LOGOS) html = html.split(url).join(LOGO);
  html = html.replace('<head>', '<head>\n<link rel="icon" href="data:,">');
  writeFileSync(output, html);
  return output;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`wrote ${buildDocs()}`);
