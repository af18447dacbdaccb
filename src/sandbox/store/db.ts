/** The one storage seam: SQL over PGlite (embedded) or PostgreSQL (pg). Both speak the same SQL. */
export type Param = string | number | boolean | Date | null;

/**
 * A statement planned once per connection and then run by name. For the hot paths: PGlite parses
 * and plans every `query` again (its planning is as slow as running a small statement), and a
 * prepared one runs in a single call into it.
 */
export interface Statement {
  readonly name: string;
  readonly sql: string;
}

export function statement(name: string, sql: string): Statement {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`statement name ${name} must be a lower-case SQL identifier`);
  return { name, sql };
}

export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a prepared statement (prepared on this connection at its first use). */
  run<T = Record<string, unknown>>(statement: Statement, params: readonly Param[]): Promise<T[]>;
  /** Runs `fn` in a transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}
