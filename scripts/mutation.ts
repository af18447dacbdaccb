/**
 * `npm run mutation -- client|contract|sandbox [stryker options]`: mutation testing of one area
 * (stryker/areas.ts) with StrykerJS, the vitest runner, the TypeScript checker and per-test coverage.
 * Writes reports/mutation/<area>.json (committed) and .html, and prints the score per file.
 * A report like the bench, not a gate stage: it takes minutes (see README, "Mutation testing").
 * Extra arguments go to Stryker, e.g. `--mutate src/sandbox/auth.ts` while iterating, or
 * `--concurrency 2`. Runs are incremental: unchanged mutants and tests reuse the last result.
 * Stryker lives in tools/mutation (its own install, out of the gate's `npm ci`), installed here on first use.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS, areaOf, type AreaName } from '../stryker/areas.js';
import { repoRoot } from './lib/paths.js';

const [name, ...extra] = process.argv.slice(2);
const area = (() => {
  try {
    return areaOf(name);
  } catch (error) {
    console.error(`usage: npm run mutation -- ${Object.keys(AREAS).join('|')} [stryker options]\n${(error as Error).message}`);
    process.exit(2);
  }
})();
const areaName = name as AreaName;

const tools = join(repoRoot, 'tools/mutation');
const stryker = join(tools, 'node_modules/.bin/stryker');
if (!existsSync(stryker)) {
  console.log('mutation: installing StrykerJS into tools/mutation (npm ci --prefix tools/mutation)');
  const install = spawnSync('npm', ['ci', '--prefix', tools, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('mutation: could not install StrykerJS (npm ci --prefix tools/mutation)');
    process.exit(1);
  }
}

const out = 'reports/mutation';
mkdirSync(out, { recursive: true });
mkdirSync('.stryker-tmp', { recursive: true });
const config = {
  $schema: '../tools/mutation/node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.config.ts', related: false },
  checkers: ['typescript'],
  // The checker compiles src/ only: a mutant is invalid when the code it lives in no longer type-checks,
  // and tests other agents are editing must not stop the run.
  tsconfigFile: 'stryker/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: area.mutate,
  concurrency: 1,
  incremental: true,
  incrementalFile: `${out}/.incremental-${areaName}.json`,
  reporters: ['json', 'html', 'clear-text', 'progress'],
  jsonReporter: { fileName: `${out}/${areaName}.json` },
  htmlReporter: { fileName: `${out}/${areaName}.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: false },
  tempDirName: `.stryker-tmp/${areaName}`,
  cleanTempDir: true,
  ignorePatterns: ['dist', 'tools', '.sandbox-data', 'reports', '*.tgz'],
  timeoutMS: 10_000,
  timeoutFactor: 2,
  thresholds: { high: 90, low: 80, break: null },
  ignoreStatic: area.ignoreStatic !== undefined,
};
const configFile = join('.stryker-tmp', `${areaName}.config.json`);
writeFileSync(configFile, JSON.stringify(config, null, 2));

const started = Date.now();
const run = spawnSync(stryker, ['run', configFile, ...extra], { stdio: 'inherit', env: { ...process.env, ...area.env, MUTATION_AREA: areaName } });
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (run.status !== 0) {
  console.error(`mutation ${areaName}: Stryker failed (exit ${run.status ?? run.signal}) after ${minutes} min`);
  process.exit(1);
}

interface Report {
  files: Record<string, { mutants: Array<{ status: string }> }>;
}
const counted = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];
const score = (mutants: Array<{ status: string }>) => {
  const by = (s: string) => mutants.filter((m) => m.status === s).length;
  const detected = by('Killed') + by('Timeout');
  const valid = counted.reduce((n, s) => n + by(s), 0);
  return { detected, survived: by('Survived'), noCoverage: by('NoCoverage'), timeout: by('Timeout'), ignored: by('Ignored'), valid, score: valid ? (100 * detected) / valid : 100 };
};
const report = JSON.parse(readFileSync(`${out}/${areaName}.json`, 'utf8')) as Report;
const rows = Object.entries(report.files).map(([file, { mutants }]) => ({ file, ...score(mutants) }));
const total = score(Object.values(report.files).flatMap((f) => f.mutants));
const line = (label: string, s: ReturnType<typeof score>) =>
  `${label.padEnd(36)} ${s.score.toFixed(1).padStart(6)}%  ${String(s.detected).padStart(5)} killed (${s.timeout} by timeout)  ${String(s.survived).padStart(4)} survived  ${String(s.noCoverage).padStart(4)} no coverage  ${String(s.ignored).padStart(4)} ignored`;
console.log(`\nmutation ${areaName} (${minutes} min)`);
for (const row of rows) console.log(line(row.file, row));
console.log(line('all files', total));
if (area.ignoreStatic) console.log(`static mutants ignored (${total.ignored}): ${area.ignoreStatic}`);
console.log(`mutation score ${areaName}: ${total.score.toFixed(2)}%  (report: ${out}/${areaName}.json, ${out}/${areaName}.html)`);
