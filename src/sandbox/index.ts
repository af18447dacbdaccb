/** The sandbox, assembled: storage (PGlite or PostgreSQL), migrations, keys, HTTP server, job runner. */
import type { AddressInfo } from 'node:net';
import { countApiKeys, ensureApiKey, newApiKey } from './auth.js';
import { ReadCache } from './cache.js';
import { startJobRunner, TIMINGS, type JobRunner, type Timing } from './jobs.js';
import { routes } from './routes.js';
import { createSandboxServer } from './server.js';
import type { Db } from './storage/db.js';
import { migrate } from './storage/migrations.js';
import { openPglite } from './storage/pglite.js';
import { openPostgres } from './storage/postgres.js';

export const ALL_SCOPES = [...new Set(routes.map((r) => r.scope))].sort();
export const DEFAULT_ORG = 'org_sandbox';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** PostgreSQL connection string; without it, PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; without it (and without databaseUrl), in memory. */
  dataDir?: string;
  timing?: Timing | keyof typeof TIMINGS;
  /** Ensures this key exists in DEFAULT_ORG with every scope. */
  apiKey?: string;
  /** More keys, for tests: other orgs, fewer scopes. */
  extraKeys?: Array<{ key: string; orgId: string; scopes: string[] }>;
  log?: (line: string) => void;
}

export interface RunningSandbox {
  url: string;
  db: Db;
  runner: JobRunner;
  /** Set when the sandbox had no key and made one (printed once by `npm run sandbox`). */
  generatedKey?: string;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? ((line: string) => console.error(line));
  const timing = typeof options.timing === 'object' ? options.timing : TIMINGS[options.timing ?? 'fast'];
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  await migrate(db);

  let generatedKey: string | undefined;
  if (options.apiKey) await ensureApiKey(db, options.apiKey, DEFAULT_ORG, ALL_SCOPES, 'SANDBOX_API_KEY');
  else if ((await countApiKeys(db)) === 0) {
    generatedKey = newApiKey();
    await ensureApiKey(db, generatedKey, DEFAULT_ORG, ALL_SCOPES, 'generated at first start');
  }
  for (const extra of options.extraKeys ?? []) await ensureApiKey(db, extra.key, extra.orgId, extra.scopes, 'extra');

  // PGlite is this process's own: it may cache reads. PostgreSQL may be shared with other processes.
  const cache = db.kind === 'pglite' ? new ReadCache() : undefined;
  const runner = startJobRunner(db, timing, (error) => log(`job runner: ${(error as Error).stack ?? String(error)}`), (influencerId, jobId) => {
    cache?.influencers.delete(influencerId);
    cache?.jobs.delete(jobId);
  });
  const server = createSandboxServer({ db, timing, log, afterWrite: () => runner.wake(), ...(cache ? { cache } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    runner,
    ...(generatedKey ? { generatedKey } : {}),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.stop();
      await db.close();
    },
  };
}
