/**
 * The sandbox as a process (`npm run sandbox`): killed with SIGKILL mid-job and started again on
 * the same data, it loses no influencer and no job, and finishes the job. Ctrl-C exits cleanly.
 * Uses the storage the gate is testing: PostgreSQL when DATABASE_URL is set, else a PGlite data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.js';
import { STORAGE } from './harness.js';

const dataDir = mkdtempSync(join(tmpdir(), 'layers-sandbox-restart-'));
const KEY = `sk_test_restart_${Date.now()}`;
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startProcess(timing: string): Promise<{ child: ChildProcess; url: string }> {
  // The same Node as the test run (the gate also runs this on Node 24).
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts'], {
    cwd: repoRoot,
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DATA_DIR: dataDir, SANDBOX_API_KEY: KEY, SANDBOX_TIMING: timing },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /sandbox listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}): ${out}`)));
  });
  return { child, url };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function api(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response.json();
}

describe(`sandbox process restart (${STORAGE})`, () => {
  it('finishes a job interrupted by SIGKILL after a restart, losing nothing', async () => {
    // Slow enough to kill it mid-job: training after 100 ms, done 3 s later.
    const first = await startProcess('100,3000');
    const project = await api(first.url, 'POST', '/v1/projects', { name: 'Crash test' });
    const accepted = await api(first.url, 'POST', `/v1/projects/${project.projectId}/influencers`, {});
    for (let i = 0; i < 100 && (await api(first.url, 'GET', `/v1/influencers/${accepted.influencerId}`)).status !== 'training'; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await api(first.url, 'GET', `/v1/jobs/${accepted.jobId}`)).status).toBe('running');
    first.child.kill('SIGKILL');
    expect(await exited(first.child)).toBeNull();

    const second = await startProcess('100,3000');
    expect((await api(second.url, 'GET', `/v1/projects/${project.projectId}`)).projectId).toBe(project.projectId);
    let job: any;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      job = await api(second.url, 'GET', `/v1/jobs/${accepted.jobId}`);
      if (job.status !== 'running') break;
    }
    expect(job.status).toBe('succeeded');
    expect((await api(second.url, 'GET', `/v1/influencers/${accepted.influencerId}`)).status).toBe('ready');
    const list = await api(second.url, 'GET', `/v1/projects/${project.projectId}/influencers`);
    expect(list.data.map((i: { influencerId: string }) => i.influencerId)).toEqual([accepted.influencerId]);

    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }, 120_000);
});
