/**
 * `npm run breaking`: compares the working contract (generated/openapi.json) with the last release
 * (releases/openapi.json) in both directions. Any breaking change without a major version bump
 * fails, with a report naming each affected operation and who breaks (clients sending requests,
 * or clients reading responses). Two engines: src/contract/diff.ts (operation by operation) and
 * Redocly's `diff` (diff-recommended rules); a change either one calls breaking counts.
 *   --base <file> --revision <file> compare other files (tests use it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffContracts, majorOf, type Change } from '../src/contract/diff.js';
import type { JsonObject } from '../src/contract/openapi-walk.js';
import { bundleJsonPath, redoclyEnv, repoRoot } from './lib/paths.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const basePath = arg('--base') ?? join(repoRoot, 'releases/openapi.json');
const revisionPath = arg('--revision') ?? bundleJsonPath;
const base = JSON.parse(readFileSync(basePath, 'utf8')) as JsonObject;
const revision = JSON.parse(readFileSync(revisionPath, 'utf8')) as JsonObject;

interface RedoclyVerdict { ruleId: string; impact: string; message: string }
interface RedoclyChange { path: string; impact: string; verdicts: RedoclyVerdict[] }

function redoclyOpinion(): RedoclyChange[] {
  let stdout: string;
  try {
    stdout = execFileSync(join(repoRoot, 'node_modules/.bin/redocly'),
      ['diff', basePath, revisionPath, '--config', join(repoRoot, 'redocly.diff.yaml'), '--format', 'json', '--fail-on', 'none'],
      { cwd: repoRoot, env: redoclyEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? '{}';
  }
  const report = JSON.parse(stdout || '{}') as { changes?: RedoclyChange[] };
  return (report.changes ?? []).filter((c) => c.impact === 'major');
}

const changes: Change[] = diffContracts(base, revision);
const redocly = redoclyOpinion();
const breaking = changes.filter((c) => c.breaking);
const additive = changes.filter((c) => !c.breaking);
const versionBefore = String((base.info as JsonObject).version);
const versionAfter = String((revision.info as JsonObject).version);
const majorBumped = majorOf(versionAfter) > majorOf(versionBefore);

console.log(`contract ${versionBefore} (released) → ${versionAfter} (working)`);
if (breaking.length) {
  console.log(`\nBREAKING (${breaking.length}):`);
  const byOperation = new Map<string, Change[]>();
  for (const c of breaking) byOperation.set(c.operation, [...(byOperation.get(c.operation) ?? []), c]);
  for (const [operation, list] of byOperation) {
    console.log(`  ${operation}`);
    for (const c of list) console.log(`    ✖ ${c.kind} — breaks clients ${c.affects === 'request' ? 'sending requests' : c.affects === 'response' ? 'reading responses' : 'calling it'}: ${c.message}`);
  }
}
if (redocly.length) {
  console.log(`\nRedocly diff (second opinion), major changes (${redocly.length}):`);
  for (const c of redocly) for (const v of c.verdicts) console.log(`    ✖ ${v.ruleId}: ${v.message}  [${decodeURIComponent(c.path)}]`);
}
if (additive.length) {
  console.log(`\nnon-breaking (${additive.length}):`);
  for (const c of additive) console.log(`    · ${c.operation}: ${c.message}`);
}
const anyBreaking = breaking.length > 0 || redocly.length > 0;
if (anyBreaking && !majorBumped) {
  console.log(`\n✖ breaking changes need a major version bump: info.version is ${versionAfter}, released ${versionBefore}. Run \`npm run release -- major\` or undo them.`);
  process.exit(1);
}
console.log(anyBreaking ? '\n✔ breaking changes, with a major version bump' : changes.length ? '\n✔ no breaking changes' : '\n✔ no changes since the release');
