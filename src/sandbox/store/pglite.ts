import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Param, Statement } from './db.js';
import { defaultTemplatePath, dropTemplate, readTemplate, saveTemplate } from './pglite-template.js';

/**
 * A parameter as an SQL literal, for EXECUTE of a prepared statement: PGlite runs a simple query in
 * one call, where `query` takes six (parse, describe, bind, describe, execute, sync). Safe because
 * standard_conforming_strings is on (checked at open): inside '…' only a quote is special, and it
 * is doubled. A NUL cannot be sent in a query at all; the contract's patterns keep it out of input.
 */
export function sqlLiteral(value: Param): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot send ${value} to PostgreSQL`);
    return String(value);
  }
  const text = value instanceof Date ? value.toISOString() : value;
  if (text.includes('\0')) throw new Error('cannot send a NUL character to PostgreSQL');
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * PostgreSQL's default shared_buffers (128 MB) is all resident in PGlite's WASM memory; a sandbox's
 * working set is far smaller, and pages outside the buffers are still in this process (MEMFS) or
 * the OS page cache.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

export interface PgliteOptions {
  /** The initdb copy a new database starts from (pglite-template.ts); false runs initdb every time. */
  template?: string | false;
}

function templateOf(options: PgliteOptions): string | false {
  if (options.template !== undefined) return options.template;
  try {
    return defaultTemplatePath();
  } catch {
    return false;
  }
}

/**
 * A running PGlite: a database that already exists resumes; a new one loads the initdb copy, or runs
 * initdb (and, in memory, saves what it made as the copy). A copy that fails to load is dropped: in
 * memory the database is made by initdb instead; in a data directory, which the failed load may have
 * written into, the start fails and says so.
 */
async function startPglite(dataDir: string | undefined, template: string | false): Promise<PGlite> {
  const dir = dataDir ? { dataDir } : {};
  const isNew = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
  const copy = isNew && template ? readTemplate(template) : undefined;
  if (template && copy) {
    const pg = new PGlite({ ...dir, startParams: START_PARAMS, loadDataDir: copy });
    try {
      await pg.waitReady;
      return pg;
    } catch (error) {
      dropTemplate(template);
      await pg.close().catch(() => {});
      if (dataDir) throw new Error(`could not start a new database in ${dataDir} from ${template} (now deleted); empty the directory and start again`, { cause: error });
    }
  }
  const pg = new PGlite({ ...dir, startParams: START_PARAMS });
  await pg.waitReady;
  if (template && !dataDir) await saveTemplate(pg, template);
  return pg;
}

/** Embedded PostgreSQL (WASM). `dataDir` persists across restarts; without it the database lives in memory. */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Db> {
  const pg = await startPglite(dataDir, templateOf(options));
  const [setting] = (await pg.query<{ standard_conforming_strings: string }>('SHOW standard_conforming_strings')).rows;
  if (setting?.standard_conforming_strings !== 'on') throw new Error('PGlite must run with standard_conforming_strings on (sqlLiteral relies on it)');
  // Prepared statements belong to the session (PGlite has one) and survive a rollback.
  const prepared = new Map<string, Promise<void>>();
  const wrap = (q: PGlite | Transaction): Omit<Db, 'transaction' | 'close' | 'kind'> => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    async run<T>(statement: Statement, params: readonly Param[]) {
      let ready = prepared.get(statement.name);
      if (!ready) {
        ready = q.exec(`PREPARE ${statement.name} AS ${statement.sql}`).then(() => {});
        prepared.set(statement.name, ready);
        ready.catch(() => prepared.delete(statement.name));
      }
      await ready;
      const args = params.length ? `(${params.map(sqlLiteral).join(', ')})` : '';
      const [result] = await q.exec(`EXECUTE ${statement.name}${args}`);
      return (result?.rows ?? []) as T[];
    },
  });
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
