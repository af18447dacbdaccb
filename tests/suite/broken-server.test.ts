/**
 * Proof that the contract suite catches a server that drifts: run the real suite (as a separate
 * vitest process, target `remote`) against the broken-server fixture, directly and through
 * `prism proxy --errors`, and require a failure naming each defect's operation and violation.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMock } from '../../src/mock/index.js';
import { bin, repoRoot } from '../../scripts/lib/paths.js';
import { defects, startBrokenServer } from './fixtures/broken-server.js';

let server: RunningMock;
beforeAll(async () => {
  server = await startBrokenServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

async function runSuite(extraEnv: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(bin('vitest'),
      ['run', 'tests/suite/contract.test.ts', '--reporter=verbose', '--typecheck.enabled=false', '--color=false'], {
        cwd: repoRoot,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, CONTRACT_TARGET: 'remote', LAYERS_BASE_URL: server.url, LAYERS_API_KEY: 'sk_test_broken', LAYERS_STATELESS: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...extraEnv },
      });
    return { code: 0, output: stripAnsi(stdout + stderr) };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: stripAnsi(`${e.stdout ?? ''}${e.stderr ?? ''}`) };
  }
}

describe('the contract suite against a deliberately broken server', () => {
  let direct: { code: number; output: string };

  beforeAll(async () => {
    direct = await runSuite({});
  }, 120_000);

  it('fails the run', () => {
    expect(direct.code).not.toBe(0);
  });

  it.each(defects.map((d) => [`${d.operationId}: ${d.kind}`, d] as const))('names %s', (_name, defect) => {
    expect(direct.output).toMatch(defect.expect);
  });

  it('fails nothing else: every failing test is one of the defective operations', () => {
    const failed = [...direct.output.matchAll(/FAIL\s+tests\/suite\/contract\.test\.ts > (\w+) > /g)].map((m) => m[1]);
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed)).toEqual(new Set(defects.map((d) => d.operationId)));
  });

  it('also fails through prism proxy --errors, the second validator', async () => {
    const proxied = await runSuite({ CONTRACT_PROXY: '1' });
    expect(proxied.code).not.toBe(0);
    for (const defect of defects) expect(proxied.output).toContain(defect.operationId);
  }, 120_000);
});
