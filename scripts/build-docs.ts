/**
 * `npm run docs`: everything under dist/docs/ from the contract and docs/concepts/: the MDX
 * reference pages, their markdown twins, the concept pages, llms.txt, a README for the docs site
 * that consumes them (src/docs/pages.ts), and the self-contained HTML site (src/docs/site/).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { docsFiles } from '../src/docs/pages.js';
import { buildSite } from '../src/docs/site/build-site.js';
import { repoRoot } from './lib/paths.js';

export const docsDir = join(repoRoot, 'dist/docs');

/** Writes the whole docs output into `outDir` (default dist/docs/), replacing what was there. Returns index.html's path. */
export function buildDocs(outDir = docsDir): string {
  for (const sub of ['mdx', 'md']) rmSync(join(outDir, sub), { recursive: true, force: true });
  for (const file of docsFiles()) {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  return buildSite(outDir);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`wrote ${buildDocs()}`);
