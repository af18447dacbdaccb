/**
 * `npm run breaking`: compares the working contract (generated/openapi.json) with the last release
 * (releases/openapi.json) in both directions. Any breaking change without a major version bump
 * fails, with a report naming each affected operation and who breaks (clients sending requests,
 * or clients reading responses). Two engines: src/contract/diff.ts (operation by operation) and
 * Redocly's `diff` (diff-recommended rules); a change either one calls breaking counts.
 *   --base <file> --revision <file> compare other files (tests use it).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readBundle } from '../src/contract/bundle.js';
import { diffContracts, majorOf, type Change } from '../src/contract/diff.js';
import { isJsonObject } from '../src/contract/oas.js';
import { bin, bundleJsonPath, redoclyEnv, repoRoot } from './lib/paths.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const basePath = arg('--base') ?? join(repoRoot, 'releases/openapi.json');
const revisionPath = arg('--revision') ?? bundleJsonPath;
const base = readBundle(basePath);
const revision = readBundle(revisionPath);

interface RedoclyVerdict { ruleId: string; message: string }
interface RedoclyChange { path: string; verdicts: RedoclyVerdict[] }

/** If Redocly exits non-zero, the report it printed on stdout is still read. */
function redoclyDiffOutput(): string {
  try {
    return execFileSync(bin('redocly'),
      ['diff', basePath, revisionPath, '--config', join(repoRoot, 'redocly.diff.yaml'), '--format', 'json', '--fail-on', 'none'],
      { cwd: repoRoot, env: redoclyEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    return error instanceof Error && 'stdout' in error && typeof error.stdout === 'string' ? error.stdout : '{}';
  }
}

/** Redocly's major changes; read leniently, so an unexpected field shape never drops a change. */
function redoclyOpinion(): RedoclyChange[] {
  const report: unknown = JSON.parse(redoclyDiffOutput() || '{}');
  const changes = isJsonObject(report) && Array.isArray(report.changes) ? report.changes.filter(isJsonObject) : [];
  return changes.filter((c) => c.impact === 'major').map((c) => ({
    path: String(c.path),
    verdicts: (Array.isArray(c.verdicts) ? c.verdicts.filter(isJsonObject) : []).map((v) => ({ ruleId: String(v.ruleId), message: String(v.message) })),
  }));
}

const changes: Change[] = diffContracts(base, revision);
const redocly = redoclyOpinion();
const breaking = changes.filter((c) => c.breaking);
const additive = changes.filter((c) => !c.breaking);
const versionBefore = base.info.version;
const versionAfter = revision.info.version;
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
