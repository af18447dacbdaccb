/**
 * Planner statistics for PGlite. PostgreSQL's autovacuum runs ANALYZE as tables grow; PGlite runs
 * no background workers, so without this a table that grew from 10 rows to 100,000 keeps the
 * planner's blind guesses, and a page of `listInfluencers` becomes a bitmap scan of the whole
 * project plus a sort (tens of milliseconds at 100,000) instead of an index range scan.
 *
 * ANALYZE of the tables that grow, at start and then each time the writes since the last one
 * reach the rows counted then (at least MIN_WRITES): the row count doubles between two runs, so
 * a sandbox that grows to n rows runs it about log2(n / MIN_WRITES) times. Between runs the planner
 * scales the last statistics by the table's current size, which keeps index range scans chosen.
 * ANALYZE samples at most 30,000 rows a table, so one run's cost is bounded whatever the size.
 */
import type { Db } from './db.js';

const MIN_WRITES = 2_000;
const TABLES = ['projects', 'influencers', 'idempotency_keys'] as const;

export interface Statistics {
  /** `n` rows were written (created, changed); may schedule an ANALYZE. */
  wrote(n: number): void;
}

export async function keepStatistics(db: Db, log: (line: string) => void): Promise<Statistics> {
  let rows = 0;
  let writes = 0;
  let running = false;
  const analyze = async () => {
    await db.query(`ANALYZE ${TABLES.join(', ')}`);
    const [row] = await db.query<{ n: number | string }>('SELECT coalesce(sum(greatest(reltuples, 0)), 0) AS n FROM pg_class WHERE relname = ANY($1)', [[...TABLES]]);
    rows = Number(row?.n ?? 0);
  };
  await analyze();
  return {
    wrote(n) {
      writes += n;
      if (running || writes < Math.max(MIN_WRITES, rows)) return;
      running = true;
      writes = 0;
      setImmediate(() => {
        analyze()
          .catch((error: unknown) => log(`ANALYZE failed: ${String(error)}`))
          .finally(() => (running = false));
      });
    },
  };
}
