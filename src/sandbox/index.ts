/** The sandbox, assembled: storage (PGlite or PostgreSQL), migrations, keys, HTTP server. Nothing runs in the background: jobs follow their stored course (course.ts). */
import type { AddressInfo } from 'node:net';
import { loadContract } from '../contract/model.js';
import { newApiKey } from './auth.js';
import { DEFAULT_ORG, TIMINGS, type SandboxOptions } from './config.js';
import { createCursorCodec } from './cursor.js';
import { createPortraitRenderer } from './media.js';
import { createSandboxServer } from './server.js';
import { createReads } from './store/cache.js';
import type { Db } from './store/db.js';
import { countKeys, ensureKey } from './store/keys.js';
import { migrate } from './store/migrations.js';
import { openPglite } from './store/pglite.js';
import { openPostgres } from './store/postgres.js';
import { secret } from './store/secrets.js';
import { keepStatistics } from './store/statistics.js';

export { DEFAULT_ORG, readSandboxEnv, type SandboxOptions } from './config.js';

/** Every scope the contract declares (x-scopes). */
export const ALL_SCOPES = Object.keys(loadContract().scopes).sort();

export interface RunningSandbox {
  url: string;
  db: Db;
  /** Set when the sandbox had no key and made one. */
  generatedKey?: string;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? ((line: string) => console.error(line));
  const timing = typeof options.timing === 'object' ? options.timing : TIMINGS[options.timing ?? 'fast'];
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  await migrate(db);

  let generatedKey: string | undefined;
  if (options.apiKey) await ensureKey(db, options.apiKey, DEFAULT_ORG, ALL_SCOPES, 'SANDBOX_API_KEY');
  else if ((await countKeys(db)) === 0) {
    generatedKey = newApiKey();
    await ensureKey(db, generatedKey, DEFAULT_ORG, ALL_SCOPES, 'generated at first start');
  }
  for (const extra of options.extraKeys ?? []) await ensureKey(db, extra.key, extra.orgId, extra.scopes, 'extra');

  // PGlite is this process's own: it may cache reads. PostgreSQL may be shared with other processes.
  const reads = createReads(db.kind === 'pglite');
  // PostgreSQL's autovacuum keeps its statistics; PGlite has none.
  const statistics = db.kind === 'pglite' ? await keepStatistics(db, log) : undefined;
  const cursors = createCursorCodec(await secret(db, 'cursor'));
  const portraits = createPortraitRenderer({ inline: options.inlinePortraits === true });
  let mediaBase = options.publicUrl ?? '';
  const server = await createSandboxServer({
    db,
    timing,
    reads,
    cursors,
    portraits,
    get mediaBase() {
      return mediaBase;
    },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(statistics ? { afterWrite: () => statistics.wrote(1) } : {}),
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo; // a TCP listener's address is an AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  mediaBase ||= url;
  return {
    url,
    db,
    ...(generatedKey ? { generatedKey } : {}),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await portraits.close();
      await db.close();
    },
  };
}
