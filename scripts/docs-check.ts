/**
 * `npm run docs:check -- [--json] FILE...`: the drift checker (src/docs/check/) on prose pages.
 * Without files it checks the project's own pages: docs/concepts/ and the generated pages under
 * dist/docs/ (built first). Prints `file:line: message` per finding (or, with --json, a JSON array
 * of `{ file, line, rule, message }`); exits 1 if there is any finding, 2 on a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkPage, type Finding } from '../src/docs/check/check.js';
import { buildDocs, docsDir } from './build-docs.js';
import { filesUnder } from './lib/files.js';
import { repoRoot } from './lib/paths.js';

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--json');
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown.join(', ')}; usage: docs:check -- [--json] FILE...`);
    return 2;
  }
  let files = argv.filter((a) => !a.startsWith('-'));
  if (files.length === 0) {
    buildDocs();
    files = [...filesUnder(join(repoRoot, 'docs/concepts'), /\.mdx?$/), ...filesUnder(join(docsDir, 'mdx'), /\.mdx$/), ...filesUnder(join(docsDir, 'md'), /\.md$/)];
  }
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`no such file: ${missing.join(', ')}`);
    return 2;
  }
  const findings: Finding[] = files.flatMap((f) => checkPage(relative(process.cwd(), f) || f, readFileSync(f, 'utf8')));
  if (json) console.log(JSON.stringify(findings, null, 2));
  else {
    for (const f of findings) console.log(`${f.file}:${f.line}: ${f.message} [${f.rule}]`);
    console.log(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}`);
  }
  return findings.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
