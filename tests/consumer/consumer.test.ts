/**
 * The partner flows from a consumer that has only the packed tarball: tests/consumer/flows.ts is
 * installed with `@layers/partner-api` into a throwaway strict-TypeScript project, compiled by
 * tsc against the package's own declarations, and run by node against the mock, the sandbox
 * (PGlite in memory) and the MSW handlers.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../scripts/pack-package.js';
import { bin, repoRoot } from '../../scripts/lib/paths.js';
import { loadContract } from '../../src/contract/model.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

let consumer = '';

/** The program's source imports as a partner writes them: the package's entry points, nothing of this repository. */
function asConsumerImports(source: string): string {
  const specifiers: Record<string, string> = { '../../src/client/index.js': '@layers/partner-api', '../../src/msw/index.js': '@layers/partner-api/msw' };
  let out = source;
  for (const [from, to] of Object.entries(specifiers)) {
    if (!out.includes(`from '${from}'`)) throw new Error(`flows.ts no longer imports ${from}`);
    out = out.replaceAll(`from '${from}'`, `from '${to}'`);
  }
  const left = /from '\.{1,2}\/[^']*'/.exec(out);
  if (left) throw new Error(`flows.ts imports ${left[0]}, which a partner does not have`);
  return out;
}

beforeAll(async () => {
  const tarball = await buildPackage();
  consumer = mkdtempSync(join(tmpdir(), 'layers-consumer-flows-'));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'partner', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: consumer, stdio: 'pipe' });
  // msw is the partner's own dev dependency: this project's copy, linked.
  symlinkSync(join(repoRoot, 'node_modules/msw'), join(consumer, 'node_modules/msw'), 'dir');
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, outDir: 'out', types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')] },
    include: ['run.ts'],
  }));
  writeFileSync(join(consumer, 'run.ts'), asConsumerImports(readFileSync(join(repoRoot, 'tests/consumer/flows.ts'), 'utf8')));
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: consumer, stdio: 'pipe' });
}, 240_000);

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

async function runConsumer(target: 'msw' | 'remote', env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)('node', ['out/run.js', target], { cwd: consumer, env: { ...process.env, ...env }, timeout: 120_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

const requestId = expect.stringMatching(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
/** What the partner flow sees against a server that keeps state (the sandbox and the MSW double alike). */
const statefulFlow = {
  project: { status: 201, location: expect.stringMatching(/^\/v1\/projects\/prj_/), requestId, replayed: false },
  created: { status: 'ready', projectId: true },
  cloned: { status: 'ready', name: 'Maria (ES)' },
  listed: 2,
  distinctListed: 2,
  patched: 'witty',
  deleted: 'deleted',
  afterDelete: 'LayersNotFoundError NOT_FOUND',
};

describe('a consumer of the packed tarball runs the partner flows', () => {
  it('against the mock: every flow ends, with the examples the README names', async () => {
    let mock: RunningMock | undefined;
    try {
      mock = await startMock();
      const seen = await runConsumer('remote', { BASE_URL: mock.url, API_KEY: 'sk_test_consumer' });
      const list = loadContract().operation('listInfluencers').responses.find((r) => r.status === 200)!.examples;
      const length = (name: string) => (list.find((e) => e.name === name)!.value as { data: unknown[] }).data.length;
      expect(seen).toMatchObject({
        project: { status: 201, location: expect.stringMatching(/^\/v1\/projects\/prj_/), requestId, replayed: false },
        created: { status: 'ready' },
        cloned: { status: 'ready' },
        listed: length('page') + length('last_page'),
        patched: 'witty',
        deleted: 'deleted',
        afterDelete: 'found', // the mock remembers nothing
      });
    } finally {
      await mock?.stop();
    }
  }, 120_000);

  it('against the sandbox: state is kept, jobs run, the deleted influencer is gone', async () => {
    let sandbox: RunningSandbox | undefined;
    const apiKey = `sk_test_consumer_${Date.now()}_${process.pid}`;
    try {
      sandbox = await startSandbox({ apiKey, databaseUrl: '', log: () => {} });
      const seen = await runConsumer('remote', { BASE_URL: sandbox.url, API_KEY: apiKey });
      expect(seen).toMatchObject(statefulFlow);
    } finally {
      await sandbox?.close();
    }
  }, 120_000);

  it('with the MSW handlers and no network', async () => {
    const seen = await runConsumer('msw');
    expect(seen).toMatchObject(statefulFlow);
  }, 60_000);
});
