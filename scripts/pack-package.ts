/**
 * Assembles the npm package `@layers/partner-api` in dist/package/ from src/client (compiled by
 * tsc with no Node types, so it stays browser-safe) and generated/ (types + bundled contract),
 * then `npm pack`s it into dist/. Prints the tarball path.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundle } from '../src/contract/bundle.js';
import { isJsonObject } from '../src/contract/oas.js';
import { bin, bundleJsonPath, repoRoot, typesPath } from './lib/paths.js';

export const packageDir = join(repoRoot, 'dist/package');

/** The package's one dependency, pinned to the version this repository builds and tests with. */
function openapiFetchVersion(): string {
  const rootPackage: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const version = isJsonObject(rootPackage) && isJsonObject(rootPackage.devDependencies) ? rootPackage.devDependencies['openapi-fetch'] : undefined;
  if (typeof version !== 'string') throw new Error('package.json has no devDependency openapi-fetch');
  return version;
}

function packedFilename(npmPackJson: string): string {
  const packed: unknown = JSON.parse(npmPackJson);
  const first: unknown = Array.isArray(packed) ? packed[0] : undefined;
  if (!isJsonObject(first) || typeof first.filename !== 'string') throw new Error('npm pack reported no tarball');
  return first.filename;
}

export function buildPackage(): string {
  rmSync(packageDir, { recursive: true, force: true });
  execFileSync(bin('tsc'), ['-p', 'tsconfig.package.json'], { cwd: repoRoot, stdio: 'inherit' });
  mkdirSync(join(packageDir, 'generated'), { recursive: true });
  copyFileSync(typesPath, join(packageDir, 'generated/schema.d.ts'));
  // A runtime module behind the types-only entry, so `import type {} from '@layers/partner-api/types'` resolves everywhere.
  writeFileSync(join(packageDir, 'generated/schema.js'), 'export {};\n');
  copyFileSync(bundleJsonPath, join(packageDir, 'generated/openapi.json'));
  copyFileSync(join(repoRoot, 'src/client/README.md'), join(packageDir, 'README.md'));

  const manifest = {
    name: '@layers/partner-api',
    version: readBundle().info.version,
    description: 'Typed client, types and OpenAPI contract of the Layers Partner API (influencers).',
    license: 'UNLICENSED',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20.19' },
    exports: {
      '.': { types: './src/client/index.d.ts', default: './src/client/index.js' },
      './types': { types: './generated/schema.d.ts', default: './generated/schema.js' },
      './openapi.json': './generated/openapi.json',
      './package.json': './package.json',
    },
    main: './src/client/index.js',
    types: './src/client/index.d.ts',
    files: ['src', 'generated', 'README.md'],
    dependencies: { 'openapi-fetch': openapiFetchVersion() },
  };
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', join(repoRoot, 'dist')], { cwd: packageDir, encoding: 'utf8' });
  return join(repoRoot, 'dist', packedFilename(out));
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(buildPackage());
