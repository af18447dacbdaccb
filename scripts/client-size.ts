/**
 * Prints the size, minified and gzipped, of the client entry (without and with openapi-fetch) and
 * of the `@layers/partner-api/msw` entry (msw external), and fails if the client entry takes in
 * anything of the MSW double or its validator (src/msw, src/contract, Ajv).
 */
import { build, type Plugin } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { webBuiltins } from './pack-package.js';
import { repoRoot } from './lib/paths.js';

async function measure(entry: string, external: string[], plugins: Plugin[] = []): Promise<{ min: number; gzip: number; inputs: string[] }> {
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external,
    plugins,
    define: { 'import.meta.url': '"file:///x.js"' },
    write: false,
    metafile: true,
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no output');
  const code = output.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs) };
}

const own = await measure('src/client/index.ts', ['openapi-fetch']);
const all = await measure('src/client/index.ts', []);
const msw = await measure('src/msw/index.ts', ['msw'], [webBuiltins()]);
const foreign = own.inputs.filter((path) => /src\/(msw|contract)\/|node_modules\/ajv/.test(path));
if (foreign.length) throw new Error(`the client entry takes in ${foreign.join(', ')}`);
const kb = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
console.log('client size (esbuild --minify, gzip -9)');
console.log(`  client only (openapi-fetch external): ${kb(own.min)} min, ${kb(own.gzip)} min+gzip`);
console.log(`  client + openapi-fetch:               ${kb(all.min)} min, ${kb(all.gzip)} min+gzip`);
console.log(`  @layers/partner-api/msw (msw external; Ajv and the contract inside): ${kb(msw.min)} min, ${kb(msw.gzip)} min+gzip — a separate entry, not in the client's`);
