/**
 * The pinned fetch of Scalar's bundle (src/docs/site/scalar-bundle.ts), against a stand-in `npm`
 * that hands out a tarball made here: the file is kept only when the tarball's sha512 is the pinned
 * one, a kept file is not fetched again, and a failed fetch says why and leaves nothing behind.
 * The real package is fetched by the docs browser test, which renders the site with it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pinnedFile, SCALAR_STANDALONE, type PackagePin } from '../../src/docs/site/scalar-bundle.js';

const root = mkdtempSync(join(tmpdir(), 'layers-scalar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A tarball laid out as npm packs one (`package/...`), and a stand-in npm that copies it to --pack-destination. */
function fakeRegistry(content: string) {
  const src = join(root, `src-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(src, 'package/dist/browser'), { recursive: true });
  writeFileSync(join(src, 'package/dist/browser/standalone.js'), content);
  writeFileSync(join(src, 'package/README.md'), 'not wanted');
  const tarball = join(src, 'pkg.tgz');
  execFileSync('tar', ['-czf', tarball, '-C', src, 'package']);
  const calls = join(src, 'calls');
  const npm = join(src, 'npm');
  writeFileSync(npm, `#!/bin/sh\necho "$@" >> '${calls}'\nfor last; do :; done\ncp '${tarball}' "$last/"\n`);
  chmodSync(npm, 0o755);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const pin: PackagePin = { name: '@example/renderer', version: '1.2.3', integrity, file: 'dist/browser/standalone.js' };
  const callCount = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').length : 0);
  return { npm, pin, calls, callCount };
}

describe('the pinned Scalar bundle', () => {
  it('pins the version and integrity npm recorded for @scalar/api-reference', () => {
    expect(SCALAR_STANDALONE).toMatchObject({ name: '@scalar/api-reference', file: 'dist/browser/standalone.js' });
    expect(SCALAR_STANDALONE.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(SCALAR_STANDALONE.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });

  it('fetches by name@version through npm pack, keeps only the wanted file, and asks no more once kept', () => {
    const { npm, pin, calls, callCount } = fakeRegistry('window.Scalar = {};\n');
    const cacheDir = join(root, 'cache-ok');
    const file = pinnedFile({ pin, cacheDir, npm });
    expect(readFileSync(file, 'utf8')).toBe('window.Scalar = {};\n');
    expect(readFileSync(calls, 'utf8')).toMatch(/^pack @example\/renderer@1\.2\.3 --prefer-offline .*--pack-destination /);
    expect(readdirSync(cacheDir)).toEqual(['example-renderer-1.2.3']);
    expect(readdirSync(join(cacheDir, 'example-renderer-1.2.3'))).toEqual(['standalone.js']);

    expect(pinnedFile({ pin, cacheDir, npm: join(root, 'no-such-npm') })).toBe(file);
    expect(callCount()).toBe(1);
  });

  it('refuses a tarball whose sha512 is not the pinned one, and keeps nothing', () => {
    const { npm, pin } = fakeRegistry('tampered();\n');
    const cacheDir = join(root, 'cache-bad');
    const wrong = { ...pin, integrity: SCALAR_STANDALONE.integrity };
    expect(() => pinnedFile({ pin: wrong, cacheDir, npm })).toThrow(/integrity is sha512-\S+, not the pinned sha512-VvNp/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('says what failed when npm cannot fetch, and keeps nothing', () => {
    const { pin } = fakeRegistry('x');
    const cacheDir = join(root, 'cache-offline');
    const npm = join(root, 'failing-npm');
    writeFileSync(npm, '#!/bin/sh\necho "npm error code E404" >&2\nexit 1\n');
    chmodSync(npm, 0o755);
    expect(() => pinnedFile({ pin, cacheDir, npm })).toThrow('npm pack @example/renderer@1.2.3 failed: npm error code E404');
    expect(() => pinnedFile({ pin, cacheDir, npm: join(root, 'no-such-npm') })).toThrow(/npm pack @example\/renderer@1\.2\.3 failed: spawnSync .*ENOENT/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('says so when the package has no such file', () => {
    const { npm, pin } = fakeRegistry('x');
    const cacheDir = join(root, 'cache-nofile');
    expect(() => pinnedFile({ pin: { ...pin, file: 'dist/missing.js' }, cacheDir, npm })).toThrow(/unpacking dist\/missing\.js from @example\/renderer@1\.2\.3 failed: .*Not found in archive/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
