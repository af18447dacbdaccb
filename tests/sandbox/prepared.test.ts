/**
 * Prepared statements (Db.run) on the real storage: PGlite sends parameters as SQL literals
 * (store/pglite.ts sqlLiteral), so every value must come back exactly as sent, whatever it holds,
 * and none can change the statement. PostgreSQL (pg) binds them; the same checks run there when
 * DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statement, type Db } from '../../src/sandbox/store/db.js';
import { openPglite, sqlLiteral } from '../../src/sandbox/store/pglite.js';
import { openPostgres } from '../../src/sandbox/store/postgres.js';

const ECHO = statement('test_echo', 'SELECT $1::text AS text, $2::float8 AS number, $3::timestamptz AS at, $4::boolean AS flag');
const COUNT = statement('test_count', 'SELECT count(*)::int AS n FROM pg_class WHERE relname = $1');
const NONE = statement('test_no_params', 'SELECT 42 AS answer');

const TEXTS = [
  '',
  "it's",
  "''",
  "'); DROP TABLE influencers; --",
  "\\' OR 1=1 --",
  'back\\slash\\',
  '$$dollar$$ $tag$',
  'line\nbreak\ttab',
  'naïve – 東京 – 🦄',
  'E\'escape\'',
];

const backends: Array<[string, () => Promise<Db>]> = [['PGlite', () => openPglite()]];
if (process.env.DATABASE_URL) backends.push(['PostgreSQL', () => openPostgres(process.env.DATABASE_URL!)]);

describe.each(backends)('Db.run on %s', (_name, open) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(async () => db?.close());

  it('returns every text exactly as sent', async () => {
    for (const text of TEXTS) {
      const [row] = await db.run<{ text: string }>(ECHO, [text, 0, null, null]);
      expect(row?.text, JSON.stringify(text)).toBe(text);
    }
  });

  it('returns numbers, dates, booleans and nulls as sent', async () => {
    const at = new Date('2026-12-02T10:11:12.345Z');
    expect(await db.run(ECHO, [null, -12.5, at, true])).toEqual([{ text: null, number: -12.5, at, flag: true }]);
    expect(await db.run(ECHO, [null, 1e21, null, false])).toEqual([{ text: null, number: 1e21, at: null, flag: false }]);
  });

  it('runs the same statement in and out of transactions, and after a rollback', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.run(COUNT, ['pg_class']);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await db.run<{ n: number }>(COUNT, ['pg_class'])).toEqual([{ n: 1 }]);
    expect(await db.transaction((tx) => tx.run<{ n: number }>(COUNT, ["x' OR '1'='1"]))).toEqual([{ n: 0 }]);
    expect(await db.run(NONE, [])).toEqual([{ answer: 42 }]);
  });

  it('prepares once when first used by several callers at once', async () => {
    const once = statement('test_concurrent', 'SELECT $1::int + 1 AS n');
    const rows = await Promise.all(Array.from({ length: 8 }, (_, i) => db.run<{ n: number }>(once, [i])));
    expect(rows.map((r) => r[0]?.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('sqlLiteral', () => {
  it('quotes text by doubling quotes, and writes numbers, booleans, null and dates plainly', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b')).toBe("'a\\b'");
    expect(sqlLiteral(-3)).toBe('-3');
    expect(sqlLiteral(true)).toBe('TRUE');
    expect(sqlLiteral(false)).toBe('FALSE');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(new Date('2026-01-02T03:04:05.006Z'))).toBe("'2026-01-02T03:04:05.006Z'");
  });

  it('refuses what cannot be sent: a NUL character, NaN and infinities', () => {
    expect(() => sqlLiteral('a\0b')).toThrow(/NUL/);
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(() => sqlLiteral(n)).toThrow(/cannot send/);
  });
});

describe('statement', () => {
  it('takes only a lower-case SQL identifier as its name', () => {
    for (const name of ['', 'Find', '1st', 'a-b', 'a b', 'x;DROP']) expect(() => statement(name, 'SELECT 1'), name).toThrow(/identifier/);
    expect(statement('find_2', 'SELECT 1')).toEqual({ name: 'find_2', sql: 'SELECT 1' });
  });
});
