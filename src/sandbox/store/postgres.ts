import pg from 'pg';
import type { Db, Param, Statement } from './db.js';

// timestamptz comes back as Date either way; bigint (int8) as a JS number, which the seq column fits.
pg.types.setTypeParser(20, (value) => Number(value));

/** PostgreSQL through a `pg` pool; several sandbox processes may share one database. */
export async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  await pool.query('select 1');
  const db: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    // pg prepares a named statement on each connection at its first use there.
    async run<T>(statement: Statement, params: readonly Param[]) {
      return (await pool.query({ name: statement.name, text: statement.sql, values: [...params] })).rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Db = {
        kind: 'postgres',
        async query<T>(sql: string, params: unknown[] = []) {
          return (await client.query(sql, params)).rows as T[];
        },
        async run<T>(statement: Statement, params: readonly Param[]) {
          return (await client.query({ name: statement.name, text: statement.sql, values: [...params] })).rows as T[];
        },
        transaction: (f) => f(tx),
        close: async () => {},
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return db;
}
