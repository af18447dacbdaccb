import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db } from './db.js';

function wrap(q: PGlite | Transaction): Omit<Db, 'transaction' | 'close' | 'kind'> {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
  };
}

/**
 * PostgreSQL's default shared_buffers (128 MB) is all resident in PGlite's WASM memory; a sandbox's
 * working set is far smaller, and pages outside the buffers are still in this process (MEMFS) or
 * the OS page cache.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** Embedded PostgreSQL (WASM). `dataDir` persists across restarts; without it the database lives in memory. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), startParams: START_PARAMS });
  await pg.waitReady;
  const db: Db = {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) =>
      pg.transaction(async (tx) => {
        const inner: Db = { kind: 'pglite', ...wrap(tx), transaction: (f) => f(inner), close: async () => {} };
        return fn(inner);
      }),
    close: () => pg.close(),
  };
  return db;
}
