/**
 * Scalar's standalone browser bundle (one 3.5 MB file), fetched from the npm registry by version
 * and integrity rather than installed as a dependency.
 *
 * Why not a devDependency: the site inlines this one file, but installing the package brings its
 * Vue application's whole tree, 208 packages and half of node_modules' files (35,000 of 70,000),
 * which every `npm ci` paid for: 13.5 s of a 52 s install. `npm pack` fetches only the package's
 * own tarball (through npm's cache, so a machine that has it once needs no network again), its
 * sha512 is checked against the pin below (the same integrity package-lock.json recorded), and the
 * bundle is kept under node_modules/.cache, which every `npm ci` starts afresh. The tarball is
 * unpacked with the system's `tar`, which every machine this runs on has.
 *
 * To move to another version: `npm view @scalar/api-reference@<version> dist.integrity`, and set
 * both fields here.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackagePin {
  name: string;
  version: string;
  /** The tarball's Subresource Integrity string, as the registry and package-lock.json give it. */
  integrity: string;
  /** The one file wanted, inside the package. */
  file: string;
}

export const SCALAR_STANDALONE: PackagePin = {
  name: '@scalar/api-reference',
  version: '1.46.0',
  integrity: 'sha512-VvNppnIqU5f9yFRAjjRt4TAPyAvxikhkYOqd91JMAal2hPpdnggz0gM/d2CFF+mHYd9TqfOE4lKijMK4bEZWpg==',
  file: 'dist/browser/standalone.js',
};

export interface FetchOptions {
  pin?: PackagePin;
  cacheDir?: string;
  /** The npm command (tests point it at a command that fails, to show a cached file is not fetched again). */
  npm?: string;
}

const defaultCacheDir = fileURLToPath(new URL('../../../node_modules/.cache/docs-renderer/', import.meta.url));

const sriOf = (bytes: Buffer) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

function run(command: string, args: string[], what: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status === 0) return result.stdout;
  const reason = result.error ? result.error.message : (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
  throw new Error(`${what} failed: ${reason}`);
}

/** The path of the pinned file, fetched and checked on first use; a concurrent first use is safe (the file appears by rename). */
export function pinnedFile(options: FetchOptions = {}): string {
  const pin = options.pin ?? SCALAR_STANDALONE;
  const cacheDir = options.cacheDir ?? defaultCacheDir;
  const target = join(cacheDir, `${pin.name.replace(/^@/, '').replace(/\//g, '-')}-${pin.version}`, basename(pin.file));
  if (existsSync(target)) return target;

  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, '.fetch-'));
  try {
    const spec = `${pin.name}@${pin.version}`;
    run(options.npm ?? 'npm', ['pack', spec, '--prefer-offline', '--silent', '--pack-destination', work], `npm pack ${spec}`);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${spec} wrote no tarball`);
    const integrity = sriOf(readFileSync(join(work, tarball)));
    if (integrity !== pin.integrity) {
      throw new Error(`${spec}: the fetched tarball's integrity is ${integrity}, not the pinned ${pin.integrity}; nothing was kept`);
    }
    run('tar', ['-xzf', join(work, tarball), '-C', work, `package/${pin.file}`], `unpacking ${pin.file} from ${spec}`);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(work, 'package', pin.file), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}
