/**
 * Assembles the npm package `@layers/partner-api` in dist/package/ and `npm pack`s it into dist/.
 * Prints the tarball path.
 *
 *   src/client/, generated/   ESM: tsc (no Node types, so the client stays browser-safe)
 *   cjs/                      CommonJS: the client compiled again by tsc (`module: commonjs`), with
 *                             its declarations, under a `{"type":"commonjs"}` package.json, so
 *                             `module: Node16` CJS projects and `moduleResolution: node10` get
 *                             types for `require` (openapi-fetch has its own `require` build)
 *   msw/, cjs/msw/            `@layers/partner-api/msw`: src/msw bundled by esbuild with the
 *                             contract modules it validates with (Ajv included, msw external); the
 *                             Node built-ins those modules touch are replaced (see `webBuiltins`)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { readBundle } from '../src/contract/bundle.js';
import { isJsonObject } from '../src/contract/oas.js';
import { filesUnder } from './lib/files.js';
import { bin, bundleJsonPath, repoRoot, typesPath } from './lib/paths.js';

export const packageDir = join(repoRoot, 'dist/package');

function devDependencyVersion(name: string): string {
  const rootPackage: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const version = isJsonObject(rootPackage) && isJsonObject(rootPackage.devDependencies) ? rootPackage.devDependencies[name] : undefined;
  if (typeof version !== 'string') throw new Error(`package.json has no devDependency ${name}`);
  return version;
}

function packedFilename(npmPackJson: string): string {
  const packed: unknown = JSON.parse(npmPackJson);
  const first: unknown = Array.isArray(packed) ? packed[0] : undefined;
  if (!isJsonObject(first) || typeof first.filename !== 'string') throw new Error('npm pack reported no tarball');
  return first.filename;
}

/**
 * The contract modules read the bundle with node:fs (src/contract/bundle.ts) and draw ids from
 * node:crypto (src/contract/ids.ts). In the MSW bundle, which also runs in browsers, the bundle is
 * inlined and ids come from Web Crypto; nothing else of those modules is reachable from src/msw.
 */
export function webBuiltins(): Plugin {
  const modules: Record<string, string> = {
    'node:fs': `const text = ${JSON.stringify(JSON.stringify(withoutProse(JSON.parse(readFileSync(bundleJsonPath, 'utf8')))))};\nexport function readFileSync() { return text; }`,
    'node:url': 'export function fileURLToPath(url) { return String(url); }',
    'node:crypto': [
      'export const randomUUID = () => globalThis.crypto.randomUUID();',
      'export const randomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));',
      "export function createHash() { throw new Error('createHash is not available in @layers/partner-api/msw'); }",
    ].join('\n'),
  };
  return {
    name: 'web-builtins',
    setup(b) {
      b.onResolve({ filter: /^node:(fs|url|crypto)$/ }, (args) => ({ path: args.path, namespace: 'web-builtin' }));
      b.onLoad({ filter: /.*/, namespace: 'web-builtin' }, (args) => ({ contents: modules[args.path], loader: 'js' }));
    },
  };
}

/** Keys of prose only people read (descriptions, summaries, code samples, the decision record); a schema's `properties` keep every name. */
const PROSE = new Set(['description', 'summary', 'x-codeSamples', 'externalDocs', 'x-decisions', 'x-badges', 'x-lifecycle']);
function withoutProse(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutProse(item));
  if (!isJsonObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => inProperties || !(PROSE.has(key) && (typeof value === 'string' || key.startsWith('x-') || key === 'externalDocs')))
      .map(([key, value]) => [key, withoutProse(value, key === 'properties' && !inProperties)]),
  );
}

async function bundleMsw(format: 'esm' | 'cjs', outfile: string): Promise<void> {
  const result = await build({
    entryPoints: [join(repoRoot, 'src/msw/index.ts')],
    bundle: true,
    format,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    external: ['msw'],
    // bundle.ts builds a path from import.meta.url at load; the web node:url answers any string.
    define: { 'import.meta.url': '"file:///@layers/partner-api/msw/index.js"' },
    plugins: [webBuiltins()],
    outfile,
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  const leaked = inputs.filter((path) => /^node:|src\/sandbox\//.test(path));
  if (leaked.length) throw new Error(`the msw bundle reaches ${leaked.join(', ')}`);
}

/** The client as CommonJS, by tsc: its `__importDefault` honours openapi-fetch's `__esModule` (`require('openapi-fetch').default`). */
function compileClientCjs(outDir: string): void {
  execFileSync(bin('tsc'), ['-p', 'tsconfig.package.json', '--module', 'commonjs', '--moduleResolution', 'node10', '--verbatimModuleSyntax', 'false', '--outDir', outDir], { cwd: repoRoot, stdio: 'inherit' });
}

/** src/msw/index.d.ts alone: the entry's declarations name only msw's HttpHandler and its own options. */
function mswDeclarations(outDir: string): void {
  const scratch = join(tmpdir(), `layers-msw-dts-${process.pid}`);
  const config = join(repoRoot, `tsconfig.msw-dts.${process.pid}.json`);
  writeFileSync(config, JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: '.', outDir: scratch }, include: ['src/msw/index.ts'] }));
  try {
    execFileSync(bin('tsc'), ['-p', config], { cwd: repoRoot, stdio: 'inherit' });
  } finally {
    rmSync(config, { force: true });
  }
  mkdirSync(outDir, { recursive: true });
  const dts = readFileSync(join(scratch, 'src/msw/index.d.ts'), 'utf8');
  if (/from '\.\//.test(dts)) throw new Error(`src/msw/index.d.ts must not import its own modules:\n${dts}`);
  writeFileSync(join(outDir, 'index.d.ts'), dts);
  rmSync(scratch, { recursive: true, force: true });
}

/** What the package is built from: the sources, the generated contract and types, this script, the compilers' settings and versions. */
const BUILD_INPUTS = ['src', 'generated', 'scripts/pack-package.ts', 'scripts/lib/paths.ts', 'tsconfig.json', 'tsconfig.package.json', 'package.json', 'package-lock.json'];
const builtFrom = join(repoRoot, 'dist/package.inputs.json');

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((input) => filesUnder(join(repoRoot, input)))) hash.update(`${relative(repoRoot, file)}\0${sha256(readFileSync(file))}\n`);
  return hash.digest('hex');
}

/** The tarball a build from these same inputs packed, unchanged since; else undefined. */
function previousBuild(inputs: string): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(builtFrom, 'utf8'));
  } catch {
    return undefined; // none yet, or not ours to read: build
  }
  if (!isJsonObject(record) || record.inputs !== inputs || typeof record.tarball !== 'string' || typeof record.sha256 !== 'string') return undefined;
  if (!existsSync(record.tarball) || !existsSync(join(packageDir, 'package.json')) || sha256(readFileSync(record.tarball)) !== record.sha256) return undefined;
  return record.tarball;
}

/**
 * Builds and packs the package, or returns the tarball of a build from the same inputs: the gate's
 * package stage and the consumer flows (tests/consumer) build once between them.
 */
export async function buildPackage(): Promise<string> {
  const inputs = inputsHash();
  const previous = previousBuild(inputs);
  if (previous) return previous;
  rmSync(builtFrom, { force: true });
  const tarball = await buildPackageFresh();
  writeFileSync(builtFrom, JSON.stringify({ inputs, tarball, sha256: sha256(readFileSync(tarball)) }) + '\n');
  return tarball;
}

async function buildPackageFresh(): Promise<string> {
  rmSync(packageDir, { recursive: true, force: true });
  execFileSync(bin('tsc'), ['-p', 'tsconfig.package.json'], { cwd: repoRoot, stdio: 'inherit' });
  mkdirSync(join(packageDir, 'generated'), { recursive: true });
  copyFileSync(typesPath, join(packageDir, 'generated/schema.d.ts'));
  // A runtime module behind the types-only entry, so `import type {} from '@layers/partner-api/types'` resolves everywhere.
  writeFileSync(join(packageDir, 'generated/schema.js'), 'export {};\n');
  // At the package root, so `moduleResolution: node10` (which ignores `exports`) finds it at the same subpath.
  copyFileSync(bundleJsonPath, join(packageDir, 'openapi.json'));
  copyFileSync(join(repoRoot, 'src/client/README.md'), join(packageDir, 'README.md'));

  // CommonJS: the same declarations, read as CommonJS under cjs/package.json.
  const cjs = join(packageDir, 'cjs');
  compileClientCjs(cjs);
  mkdirSync(join(cjs, 'generated'), { recursive: true });
  copyFileSync(typesPath, join(cjs, 'generated/schema.d.ts'));
  writeFileSync(join(cjs, 'generated/schema.js'), '"use strict";\n');
  writeFileSync(join(cjs, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

  await bundleMsw('esm', join(packageDir, 'msw/index.js'));
  await bundleMsw('cjs', join(cjs, 'msw/index.js'));
  mswDeclarations(join(packageDir, 'msw'));
  copyFileSync(join(packageDir, 'msw/index.d.ts'), join(cjs, 'msw/index.d.ts'));

  const entry = (esm: string, commonjs: string) => ({
    import: { types: `./${esm}.d.ts`, default: `./${esm}.js` },
    require: { types: `./cjs/${commonjs}.d.ts`, default: `./cjs/${commonjs}.js` },
  });
  const manifest = {
    name: '@layers/partner-api',
    version: readBundle().info.version,
    description: 'Typed client, types, MSW test double and OpenAPI contract of the Layers Partner API (influencers).',
    license: 'UNLICENSED',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20.19' },
    exports: {
      '.': entry('src/client/index', 'src/client/index'),
      './msw': entry('msw/index', 'msw/index'),
      './types': entry('generated/schema', 'generated/schema'),
      './openapi.json': './openapi.json',
      './package.json': './package.json',
    },
    main: './cjs/src/client/index.js',
    module: './src/client/index.js',
    types: './cjs/src/client/index.d.ts',
    // `moduleResolution: node10` ignores `exports`; this maps the subpaths for it.
    typesVersions: { '*': { types: ['./cjs/generated/schema.d.ts'], msw: ['./cjs/msw/index.d.ts'] } },
    files: ['src', 'generated', 'msw', 'cjs', 'openapi.json', 'README.md'],
    dependencies: { 'openapi-fetch': devDependencyVersion('openapi-fetch') },
    peerDependencies: { msw: `^${devDependencyVersion('msw')}` },
    peerDependenciesMeta: { msw: { optional: true } },
  };
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', join(repoRoot, 'dist')], { cwd: packageDir, encoding: 'utf8' });
  return join(repoRoot, 'dist', packedFilename(out));
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await buildPackage());
