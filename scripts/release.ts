/**
 * `npm run release -- [major|minor|patch]`: cuts a contract release. Compares the working contract
 * with releases/openapi.json; the bump defaults to what the diff requires (breaking → major,
 * additions → minor, else patch) and may not be smaller. Writes info.version into
 * openapi/openapi.yaml, rebuilds generated/, snapshots the bundle into releases/openapi.json and
 * adds a CHANGELOG.md entry written from the diff. Commit the result.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundle } from '../src/contract/bundle.js';
import { diffContracts, type Change } from '../src/contract/diff.js';
import { bin, bundleJsonPath, repoRoot } from './lib/paths.js';

type Bump = 'major' | 'minor' | 'patch';
const releasedPath = join(repoRoot, 'releases/openapi.json');
const rootPath = join(repoRoot, 'openapi/openapi.yaml');
const changelogPath = join(repoRoot, 'CHANGELOG.md');

const order: Bump[] = ['patch', 'minor', 'major'];
const isBump = (value: string): value is Bump => order.some((bump) => bump === value);

const build = () => execFileSync(bin('tsx'), ['scripts/build-contract.ts'], { cwd: repoRoot, stdio: 'inherit' });
build();
const released = readBundle(releasedPath);
const working = readBundle(bundleJsonPath);
const changes = diffContracts(released, working);
if (changes.length === 0) {
  console.log('no changes since the last release; nothing to release');
  process.exit(0);
}
const required: Bump = changes.some((c) => c.breaking) ? 'major' : changes.some((c) => c.kind.endsWith('added')) ? 'minor' : 'patch';
const argument = process.argv[2];
if (argument !== undefined && !isBump(argument)) throw new Error(`bump must be major, minor or patch, got ${argument}`);
const asked = argument;
if (asked && order.indexOf(asked) < order.indexOf(required)) {
  console.error(`these changes need at least a ${required} release, not ${asked}`);
  process.exit(1);
}
const bump = asked ?? required;
const [major = 0, minor = 0, patch = 0] = released.info.version.split('.').map(Number);
const version = bump === 'major' ? `${major + 1}.0.0` : bump === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;

const root = readFileSync(rootPath, 'utf8');
writeFileSync(rootPath, root.replace(/^(info:\n(?:  .*\n)*?  version: ).*$/m, `$1${version}`));
build();
copyFileSync(bundleJsonPath, releasedPath);

const lines = [`## ${version} — ${new Date().toISOString().slice(0, 10)}`, ''];
const whom = (c: Change) => (c.affects === 'request' ? 'sending requests' : c.affects === 'response' ? 'reading responses' : 'calling it');
/** The operationId in a change's `operation` label (`GET /v1/jobs/{jobId} (getJob)` → `getJob`). */
const operationIdOf = (c: Change) => /\((\w+)\)$/.exec(c.operation)?.[1] ?? c.operation;
/**
 * One line per kind of change at one place of a schema, however many operations and statuses it
 * reaches: a shared schema's change is one change to the reader, with the operations it touches.
 */
function grouped(list: Change[]): string[] {
  const groups = new Map<string, Change[]>();
  for (const c of list) {
    const key = `${c.kind}\u0000${c.where.replace(/^response \d+/, 'response')}\u0000${c.affects}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const operations = [...new Set(group.map(operationIdOf))];
    if (group.length === 1) return `- ${first.operation}: ${first.message}${first.breaking ? ` (breaks clients ${whom(first)})` : ''}`;
    const where = first.where.replace(/^response \d+/, 'response');
    return `- ${first.kind}: \`${where}\`, ${group.length} places in ${operations.join(', ')}; e.g. ${first.message}${first.breaking ? ` (breaks clients ${whom(first)})` : ''}`;
  });
}
const section = (title: string, list: Change[]) => {
  if (!list.length) return;
  lines.push(`### ${title}`, '', ...grouped(list), '');
};
section('Breaking', changes.filter((c) => c.breaking));
section('Non-breaking', changes.filter((c) => !c.breaking));
const previous = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8').replace(/^# Changelog\n\n?/, '') : '';
writeFileSync(changelogPath, `# Changelog\n\n${lines.join('\n')}\n${previous}`);
console.log(`released contract ${version} (${bump}); commit openapi/, generated/, releases/ and CHANGELOG.md`);
