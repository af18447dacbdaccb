/**
 * The sandbox's configuration: one reader of the environment (`readSandboxEnv`) used by
 * `npm run sandbox`, `npm start`, the tests and the workflows, and the job timings.
 *
 *   SANDBOX_PORT        port (default 4020; 0 picks a free one)
 *   SANDBOX_HOST        listen address (default 127.0.0.1)
 *   SANDBOX_PUBLIC_URL  base of portrait URLs in responses (default http://<host>:<port>)
 *   DATABASE_URL        PostgreSQL instead of PGlite
 *   SANDBOX_DATA_DIR    PGlite data directory (default .sandbox-data/ in the repo)
 *   SANDBOX_MEMORY=1    PGlite in memory instead
 *   SANDBOX_API_KEY     ensures a key with every scope
 *   SANDBOX_TIMING      fast (default) | realistic | <toTrainingMs>,<toDoneMs>
 *   SANDBOX_EXTRA_KEYS  JSON [{ "key", "orgId", "scopes": [...] }] (other orgs, fewer scopes)
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpLimits } from '../http/limits.js';

export interface Timing {
  /** Row is `pending` at once; it moves to `training` after this. */
  toTrainingMs: number;
  /** …and finishes this long after that. */
  toDoneMs: number;
}

export const TIMINGS: Record<'fast' | 'realistic', Timing> = {
  fast: { toTrainingMs: 20, toDoneMs: 120 },
  // What the pages describe: the row is pending at once, training within about a second, ready in about a minute.
  realistic: { toTrainingMs: 800, toDoneMs: 59_000 },
};

/** `fast`, `realistic`, or `<toTrainingMs>,<toDoneMs>` (tests that need a job in flight). */
export function parseTiming(value: string | undefined): Timing {
  if (!value || value === 'fast') return TIMINGS.fast;
  if (value === 'realistic') return TIMINGS.realistic;
  const match = /^(\d+),(\d+)$/.exec(value);
  if (!match) throw new Error(`SANDBOX_TIMING must be fast, realistic or <toTrainingMs>,<toDoneMs>; got ${value}`);
  return { toTrainingMs: Number(match[1]), toDoneMs: Number(match[2]) };
}

export interface ExtraKey {
  key: string;
  orgId: string;
  scopes: string[];
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Base URL of portrait links in responses; default the listen address. Never taken from a request. */
  publicUrl?: string;
  /** PostgreSQL connection string; without it, PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; without it (and without databaseUrl), in memory. */
  dataDir?: string;
  timing?: Timing | keyof typeof TIMINGS;
  /** Ensures this key exists in DEFAULT_ORG with every scope. */
  apiKey?: string;
  /** More keys, for tests: other orgs, fewer scopes. */
  extraKeys?: ExtraKey[];
  /** Render portraits on the API's own thread instead of a worker (only bench/ uses this, to compare). */
  inlinePortraits?: boolean;
  /** Transport limits (body size, timeouts, connections); defaults in src/http/limits.ts. */
  limits?: Partial<HttpLimits>;
  log?: (line: string) => void;
}

export const DEFAULT_ORG = 'org_sandbox';
export const DEFAULT_PORT = 4020;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function parseExtraKeys(text: string): ExtraKey[] {
  const parsed: unknown = JSON.parse(text);
  const ok = (k: unknown): k is ExtraKey => {
    if (typeof k !== 'object' || k === null) return false;
    const { key, orgId, scopes } = k as Record<string, unknown>;
    return typeof key === 'string' && typeof orgId === 'string' && Array.isArray(scopes) && scopes.every((s) => typeof s === 'string');
  };
  if (!Array.isArray(parsed) || !parsed.every(ok)) throw new Error('SANDBOX_EXTRA_KEYS must be a JSON array of { key, orgId, scopes: string[] }');
  return parsed;
}

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SANDBOX_PORT must be 0–65535; got ${text}`);
  return port;
}

/** The sandbox's options from the environment (see the list at the top of this file). */
export function readSandboxEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions & { storage: string } {
  const storage = env.DATABASE_URL ? 'PostgreSQL' : env.SANDBOX_MEMORY === '1' ? 'PGlite (memory)' : `PGlite (${env.SANDBOX_DATA_DIR ?? '.sandbox-data'})`;
  return {
    storage,
    port: parsePort(env.SANDBOX_PORT, DEFAULT_PORT),
    host: env.SANDBOX_HOST || '127.0.0.1',
    ...(env.SANDBOX_PUBLIC_URL ? { publicUrl: env.SANDBOX_PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : env.SANDBOX_MEMORY === '1' ? {} : { dataDir: env.SANDBOX_DATA_DIR || join(repoRoot, '.sandbox-data') }),
    ...(env.SANDBOX_API_KEY ? { apiKey: env.SANDBOX_API_KEY } : {}),
    ...(env.SANDBOX_EXTRA_KEYS ? { extraKeys: parseExtraKeys(env.SANDBOX_EXTRA_KEYS) } : {}),
    timing: parseTiming(env.SANDBOX_TIMING),
  };
}
