/**
 * A freshly initialised PGlite cluster, kept on disk so that a new database starts from a copy of
 * it instead of running initdb again. initdb is most of a PGlite start (about 1.3 s of 1.8 s of CPU
 * on the 2-core CI machine, where a copy loads in about 0.4 s), and every sandbox in memory, every
 * test file and every sandbox process the gate starts would otherwise pay it.
 *
 * The copy is what initdb made, dumped before a single statement ran, so a database started from
 * it is the one initdb would have made: migrations still run on it, as on any new database. It is
 * keyed by the PGlite version (a new version makes a new copy), written to a temporary name and
 * renamed into place (two processes making it at once both write a whole file), and a copy that
 * will not load is deleted and the database made by initdb instead. It is a cache: where it cannot
 * be written (a read-only node_modules), every start runs initdb, as before.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { isJsonObject } from '../../contract/oas.js';

/** `node_modules/@electric-sql/pglite`, found from one of the files it exports. */
const pgliteDir = dirname(dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite/initdb.wasm'))));

function pgliteVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(pgliteDir, 'package.json'), 'utf8'));
  const version = isJsonObject(manifest) ? manifest.version : undefined;
  if (typeof version !== 'string' || !/^[\w.+-]+$/.test(version)) throw new Error(`cannot read the PGlite version in ${pgliteDir}`);
  return version;
}

let templatePath: string | undefined;

/** Where the copy lives: node_modules/.cache, the place build tools keep what they can remake (read once per process). */
export function defaultTemplatePath(): string {
  templatePath ??= join(dirname(dirname(pgliteDir)), '.cache', 'layers-sandbox', `pglite-${pgliteVersion()}-initdb.tar.gz`);
  return templatePath;
}

/**
 * The last copy read, for a few seconds: a process that opens database after database (a test
 * run) gunzips the 40 MB copy once, not at every open, while one that opens a single database
 * does not keep it. Keyed by the file's identity and times, so a copy replaced, damaged or
 * deleted is read again.
 */
const HOLD_MS = 10_000;
let held: { path: string; stamp: string; copy: Blob; timer: NodeJS.Timeout } | undefined;

function stampOf(path: string): string | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}

function hold(path: string, stamp: string, copy: Blob): void {
  if (held) clearTimeout(held.timer);
  const timer = setTimeout(() => (held = undefined), HOLD_MS);
  timer.unref();
  held = { path, stamp, copy, timer };
}

/**
 * The copy as a tarball PGlite can load, or undefined when there is none. gzip's CRC catches a
 * damaged file; the tar magic, a file that is not a tarball at all.
 */
export function readTemplate(path: string): Blob | undefined {
  const stamp = stampOf(path);
  if (!stamp) return undefined;
  if (held?.path === path && held.stamp === stamp) {
    hold(path, stamp, held.copy);
    return held.copy;
  }
  const copy = readTarball(path);
  if (copy) hold(path, stamp, copy);
  return copy;
}

function readTarball(path: string): Blob | undefined {
  let tar: Buffer;
  try {
    tar = gunzipSync(readFileSync(path));
  } catch {
    return undefined;
  }
  // Every tar header names its format at byte 257; anything else is not a copy this module wrote.
  if (tar.subarray(257, 262).toString('latin1') !== 'ustar') return undefined;
  // A Blob takes views of an ArrayBuffer; gunzip's output is one (never a SharedArrayBuffer).
  const { buffer } = tar;
  return buffer instanceof ArrayBuffer ? new Blob([new Uint8Array(buffer, tar.byteOffset, tar.byteLength)]) : undefined;
}

/** Saves a cluster initdb has just made. Best effort: a cache that cannot be written only costs time. */
export async function saveTemplate(pg: PGlite, path: string): Promise<void> {
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const tar = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(partial, gzipSync(tar));
    renameSync(partial, path);
  } catch {
    // Read-only or full disk: the next start runs initdb again.
    try {
      rmSync(partial, { force: true });
    } catch {
      // Its directory could not be made either.
    }
  }
}

export function dropTemplate(path: string): void {
  rmSync(path, { force: true });
}
