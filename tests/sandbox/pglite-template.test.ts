/**
 * A new PGlite database starts from a saved copy of what initdb made (store/pglite-template.ts).
 * Each test names its own copy in a temporary directory. Where a test must tell a database that
 * loaded a copy from one initdb made, the copy it plants holds a marker table initdb never makes.
 * initdb runs only where a test is about running it: it is most of a PGlite start.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/sandbox/store/db.js';
import { migrate } from '../../src/sandbox/store/migrations.js';
import { openPglite } from '../../src/sandbox/store/pglite.js';
import { defaultTemplatePath, readTemplate, saveTemplate } from '../../src/sandbox/store/pglite-template.js';

const root = mkdtempSync(join(tmpdir(), 'layers-pglite-template-'));
let n = 0;
const scratch = (name: string) => join(root, `${++n}-${name}`);
const marked = join(root, 'marked.tar.gz');
/** A copy of the marked copy, for a test to use (and change) alone. */
const markedCopy = () => {
  const path = scratch('marked.tar.gz');
  copyFileSync(marked, path);
  return path;
};

beforeAll(async () => {
  // From the default copy (made here if this machine has none yet), so that no initdb runs for it.
  const pg = new PGlite({ loadDataDir: await defaultCopy() });
  await pg.waitReady;
  await pg.exec('CREATE TABLE planted_marker (id int)');
  await saveTemplate(pg, marked);
  await pg.close();
}, 60_000);

async function defaultCopy(): Promise<Blob> {
  await (await openPglite()).close();
  const copy = readTemplate(defaultTemplatePath());
  if (!copy) throw new Error(`no copy at ${defaultTemplatePath()} after a start`);
  return copy;
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function hasMarker(db: Db): Promise<boolean> {
  const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'planted_marker'");
  return rows[0]?.n === 1;
}

const answers = async (db: Db) => (await db.query<{ one: number }>('SELECT 1 AS one'))[0]?.one === 1;

/** Opens a database, checks that it answers a query, and closes it. */
async function opensAndAnswers(dataDir: string | undefined, template: string): Promise<void> {
  const db = await openPglite(dataDir, { template });
  try {
    expect(await answers(db)).toBe(true);
  } finally {
    await db.close();
  }
}

/** A well-formed tarball that will not start: the first entry of a real copy, then the two empty blocks that end a tarball. */
function writeOneEntryCopy(path: string): void {
  const whole = gunzipSync(readFileSync(marked));
  const size = Number.parseInt(whole.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
  writeFileSync(path, gzipSync(Buffer.concat([whole.subarray(0, 512 + Math.ceil(size / 512) * 512), Buffer.alloc(1024)])));
}

/** What a database is, as far as the sandbox can tell: its catalog, encoding, collation and settings. */
async function fingerprint(db: Db) {
  const [database] = await db.query<Record<string, string>>(
    'SELECT current_database() AS name, current_user AS owner, pg_encoding_to_char(encoding) AS encoding, datcollate, datctype FROM pg_database WHERE datname = current_database()',
  );
  const relations = (await db.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relnamespace <> 'pg_toast'::regnamespace ORDER BY relname")).map((r) => r.relname);
  const settings = await db.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('standard_conforming_strings', 'TimeZone', 'DateStyle', 'shared_buffers', 'server_version', 'lc_messages') ORDER BY name",
  );
  return { database, relations, settings };
}

describe('a new database in memory', () => {
  const saved = join(root, 'saved.tar.gz');
  let made: Db;
  beforeAll(async () => {
    // Over a damaged copy, which is read as none (each way a copy can be damaged: below).
    copyFileSync(marked, saved);
    writeFileSync(saved, readFileSync(saved).subarray(0, 1000));
    made = await openPglite(undefined, { template: saved });
  }, 60_000);
  afterAll(async () => made?.close());

  it('runs initdb where there is no good copy, and saves what it made as the copy', async () => {
    expect(await hasMarker(made)).toBe(false);
    const tar = gunzipSync(readFileSync(saved));
    expect(tar.subarray(257, 262).toString('latin1')).toBe('ustar');
    expect(tar.includes(Buffer.from('PG_VERSION'))).toBe(true);
    expect(readTemplate(saved)?.size).toBe(tar.length);
  });

  it('starts from the copy when there is one', async () => {
    const db = await openPglite(undefined, { template: markedCopy() });
    try {
      expect(await hasMarker(db)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('is, from the copy, the database initdb makes, and migrates alike', async () => {
    const copied = await openPglite(undefined, { template: saved });
    try {
      const expected = await fingerprint(made);
      expect(expected.relations.length).toBeGreaterThan(100);
      expect(expected.settings.find((s) => s.name === 'shared_buffers')?.setting).toBe('4096'); // 32MB in 8 kB pages: START_PARAMS
      expect(await fingerprint(copied)).toEqual(expected);
      const steps = await migrate(made);
      expect(steps.length).toBeGreaterThan(0);
      expect(await migrate(copied)).toEqual(steps);
      expect(await fingerprint(copied)).toEqual(await fingerprint(made));
    } finally {
      await copied.close();
    }
  }, 60_000);

  it('is read once while the file is unchanged, and again once it is replaced', () => {
    const path = markedCopy();
    const first = readTemplate(path);
    expect(first).toBeDefined();
    expect(readTemplate(path)).toBe(first);
    copyFileSync(marked, path);
    const again = readTemplate(path);
    expect(again).not.toBe(first);
    expect(again?.size).toBe(first?.size);
    rmSync(path);
    expect(readTemplate(path)).toBeUndefined();
  });

  it('is not read when there is none', () => {
    expect(readTemplate(scratch('absent.tar.gz'))).toBeUndefined();
    expect(readTemplate(root)).toBeUndefined();
  });

  it.each([
    ['not gzip at all', () => Buffer.from('not a tarball')],
    ['a gzip cut short', (good: Buffer) => good.subarray(0, good.length >> 1)],
    ['gzip with a changed byte', (good: Buffer) => Buffer.concat([good.subarray(0, 5000), Buffer.from([good[5000]! ^ 0xff]), good.subarray(5001)])],
    ['gzip of something other than a tarball', () => gzipSync(Buffer.alloc(4096, 'x'))],
  ])('is not read when it is %s', (_name, damage) => {
    const path = markedCopy();
    expect(readTemplate(path)).toBeDefined();
    writeFileSync(path, damage(readFileSync(path)));
    expect(readTemplate(path)).toBeUndefined();
  });

  it('drops a tarball that will not start, and runs initdb instead', async () => {
    const path = scratch('one-file.tar.gz');
    writeOneEntryCopy(path);
    expect(readTemplate(path)).toBeDefined();
    await opensAndAnswers(undefined, path);
    // Dropped, then replaced by a copy of the database initdb just made.
    expect(readTemplate(path)?.size).toBeGreaterThan(1_000_000);
  }, 60_000);

  it('starts where the copy cannot be written, and leaves nothing behind', async () => {
    const blocker = scratch('a-file');
    writeFileSync(blocker, '');
    const path = join(blocker, 'under-a-file', 'copy.tar.gz');
    await opensAndAnswers(undefined, path);
    expect(existsSync(join(blocker, 'under-a-file'))).toBe(false);
  });
});

describe('a database in a data directory', () => {
  it('starts a new directory from the copy, and resumes an existing one whatever the copy holds', async () => {
    const path = markedCopy();
    const dir = scratch('data');
    const first = await openPglite(dir, { template: path });
    expect(await hasMarker(first)).toBe(true);
    await first.query('CREATE TABLE kept (id int)');
    await first.query('DROP TABLE planted_marker');
    await first.close();

    const again = await openPglite(dir, { template: path });
    try {
      expect((await again.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'kept'"))[0]?.n).toBe(1);
      expect(await hasMarker(again)).toBe(false);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('runs initdb in a new directory where there is no copy, and saves none from it', async () => {
    const path = scratch('absent.tar.gz');
    const dir = scratch('data');
    mkdirSync(dir);
    await opensAndAnswers(dir, path);
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses to start a new directory from a copy that will not start, and drops the copy', async () => {
    const path = scratch('one-file.tar.gz');
    writeOneEntryCopy(path);
    const dir = scratch('data');
    await expect(openPglite(dir, { template: path })).rejects.toThrow(`could not start a new database in ${dir} from ${path} (now deleted); empty the directory and start again`);
    expect(existsSync(path)).toBe(false);
  }, 60_000);
});

describe('the default copy', () => {
  it('lives in node_modules/.cache, named for the PGlite version', () => {
    const version = JSON.parse(readFileSync(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
    expect(defaultTemplatePath()).toBe(join(process.cwd(), 'node_modules/.cache/layers-sandbox', `pglite-${version}-initdb.tar.gz`));
  });
});
