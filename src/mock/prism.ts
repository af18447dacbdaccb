/**
 * Starts Stoplight Prism on loopback over the bundled contract, as a child process this module
 * stops by its own pid. `mock` answers from the contract's examples; `proxy` forwards to a live
 * upstream and, with `--errors`, turns any request or response that violates the contract into an
 * error, so a second validator checks the same traffic.
 *
 * Prism runs on the Node that runs this module (process.execPath), not on whichever `node` is first
 * on PATH (its bin's `#!/usr/bin/env node`): a mock started on Node 24 is Prism on Node 24 too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundlePath } from '../contract/bundle.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Prism's CLI script, the file its `prism` bin links to. */
const prismCli = createRequire(import.meta.url).resolve('@stoplight/prism-cli');

export interface RunningPrism {
  url: string;
  pid: number;
  /** Resolves when the child exits, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Children still running; killed if this process exits, so no Prism outlives its parent. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface PrismOptions {
  mode: 'mock' | 'proxy';
  /** The OpenAPI document to serve; default generated/openapi.json. */
  spec?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Required for proxy mode. */
  upstream?: string;
  /** Prism's log level; its logging is its bottleneck, so the default is `error`. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /** Forward Prism's own output (default: only when logLevel is not error). */
  inheritOutput?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with code ${child.exitCode} before it was ready`);
    try {
      await fetch(`${url}/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`prism did not answer on ${url} within ${timeoutMs} ms`);
}

export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const port = options.port || (await freePort());
  const logLevel = options.logLevel ?? 'error';
  const args = [options.mode, options.spec ?? bundlePath, '--host', '127.0.0.1', '--port', String(port), '-v', logLevel];
  if (options.mode === 'proxy') {
    if (!options.upstream) throw new Error('proxy mode needs an upstream URL');
    args.splice(2, 0, options.upstream); // prism proxy <spec> <upstream> ...
    args.push('--errors');
  }
  const inherit = options.inheritOutput ?? logLevel !== 'error';
  const child = spawn(process.execPath, [prismCli, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', inherit ? 'inherit' : 'ignore', inherit ? 'inherit' : 'pipe'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => { children.delete(child); resolve(); }));
  let stderr = '';
  // Only the tail, for the start-up error below: a long-running Prism's output must not accumulate here.
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-16_384); });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(url, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    url,
    pid: child.pid!,
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(child.pid!, 'SIGTERM');
      }),
  };
}
