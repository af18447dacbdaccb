/** Starts in-process sandboxes for tests (PGlite in memory, or PostgreSQL when DATABASE_URL is set) and talks to them over real HTTP. */
import { randomBytes } from 'node:crypto';
import { ALL_SCOPES, startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export const STORAGE = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * Job phases long enough to watch: the first GET after a create lands in `pending` on a loaded
 * 2-core CI machine too (at 150 ms, a fresh-clone run saw it already in `training`).
 */
export const OBSERVABLE_PHASES = { toTrainingMs: 1_000, toDoneMs: 2_000 };

export interface TestSandbox extends RunningSandbox {
  key: string;
  otherOrgKey: string;
  otherOrgId: string;
  call(method: string, path: string, init?: { body?: unknown; raw?: string; headers?: Record<string, string>; key?: string }): Promise<{ status: number; headers: Headers; text: string; json: any }>;
  /** Polls a job until it leaves `running`. */
  settle(jobId: string, timeoutMs?: number): Promise<any>;
}

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const key = options.apiKey ?? `sk_test_${randomBytes(8).toString('hex')}`;
  const otherOrgKey = `sk_test_other_${randomBytes(8).toString('hex')}`;
  const otherOrgId = `org_other_${randomBytes(4).toString('hex')}`;
  const sandbox = await startSandbox({
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    apiKey: key,
    log: (line) => console.error(`[sandbox] ${line}`),
    ...options,
    extraKeys: [{ key: otherOrgKey, orgId: otherOrgId, scopes: ALL_SCOPES }, ...(options.extraKeys ?? [])],
  });
  const call: TestSandbox['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${init.key ?? key}`, ...init.headers };
    let body: string | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(sandbox.url + path, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  const settle: TestSandbox['settle'] = async (jobId, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = (await call('GET', `/v1/jobs/${jobId}`)).json;
      if (job.status !== 'running') return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ...sandbox, key, otherOrgKey, otherOrgId, call, settle };
}
