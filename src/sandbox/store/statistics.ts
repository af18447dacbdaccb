/**
 * Planner statistics for PGlite. PostgreSQL's autovacuum runs ANALYZE as tables grow; PGlite runs
 * no background workers, so without this a table that grew from 10 rows to 100,000 keeps the
 * planner's blind guesses, and a page of `listInfluencers` becomes a bitmap scan of the whole
 * project plus a sort (tens of milliseconds at 100,000) instead of an index range scan.
 * Like autovacuum: ANALYZE at start, then again once the writes since the last one exceed a
 * fraction of the rows counted then. ANALYZE samples at most 30,000 rows a table, so its cost is
 * bounded whatever the size.
 */
import type { Db } from './db.js';

const MIN_WRITES = 1_000;
const GROWTH = 0.2;

export interface Statistics {
  /** `n` rows were written (created, changed); may schedule an ANALYZE. */
  wrote(n: number): void;
}

export async function keepStatistics(db: Db, log: (line: string) => void): Promise<Statistics> {
  let rows = 0;
  let writes = 0;
  let running = false;
  const analyze = async () => {
    await db.query('ANALYZE');
    const [row] = await db.query<{ n: number | string }>("SELECT coalesce(sum(reltuples), 0) AS n FROM pg_class WHERE relname IN ('influencers', 'jobs', 'idempotency_keys')");
    rows = Math.max(Number(row?.n ?? 0), 0);
  };
  await analyze();
  return {
    wrote(n) {
      writes += n;
      if (running || writes < Math.max(MIN_WRITES, rows * GROWTH)) return;
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
