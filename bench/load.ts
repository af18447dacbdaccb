/**
 * The bench's load generator and process helpers: autocannon as a separate process (it must not
 * share an event loop with the server it measures), and servers started as their own processes
 * when their memory is measured.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { bin, repoRoot } from '../scripts/lib/paths.js';

export const KEY = 'sk_bench_key';
export const duration = Number(process.env.BENCH_DURATION ?? 5);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

export interface Result {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers and transport errors. */
  errors: number;
}

export interface LoadOptions {
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** A fixed number of requests instead of BENCH_DURATION seconds. */
  amount?: number;
  seconds?: number;
}

export async function load(url: string, options: LoadOptions = {}): Promise<Result> {
  const method = options.method ?? 'GET';
  const args = ['--json', '-c', String(connections), '-H', `authorization=Bearer ${KEY}`, '-m', method];
  args.push(...(options.amount ? ['-a', String(options.amount)] : ['-d', String(options.seconds ?? duration)]));
  if (method === 'POST') args.push('-H', 'content-type=application/json', '-b', options.body ?? '{}');
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  const { stdout } = await promisify(execFile)(bin('autocannon'), [...args, url], { maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number; total: number }; duration: number; latency: { p50: number; p99: number }; non2xx: number; errors: number };
  const rps = options.amount ? r.requests.total / r.duration : r.requests.average;
  return { rps: Math.round(rps), p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

export interface BenchProject {
  projectId: string;
  brandVoice: string;
  language: string;
  initialInfluencer: { influencerId: string; jobId: string } | null;
}

/** A project on the server at `url` (with an app description, so it starts with an influencer). */
export async function newProject(url: string, appDescription = true): Promise<BenchProject> {
  const body = JSON.stringify(appDescription ? { name: 'Bench', appDescription: 'A bench app.' } : { name: 'Bench' });
  const answer = await fetch(`${url}/v1/projects`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body });
  return (await answer.json()) as BenchProject;
}

/** Resident set size of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Runs `script` (TypeScript, through tsx in the same process, so the pid is the server's) until it prints a URL. */
export async function serverProcess(script: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
    if (match) {
      child.stdout!.resume();
      return {
        url: match[1]!,
        pid: child.pid!,
        async stop() {
          if (child.exitCode !== null) return;
          const exited = once(child, 'exit');
          process.kill(child.pid!, 'SIGTERM');
          await exited;
        },
      };
    }
  }
  throw new Error(`${script} exited before printing its URL`);
}
