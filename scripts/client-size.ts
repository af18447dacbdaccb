/** Prints the client's size, minified and gzipped, without and with openapi-fetch. */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { repoRoot } from './lib/paths.js';

async function measure(external: string[]): Promise<{ min: number; gzip: number }> {
  const result = await build({
    entryPoints: [join(repoRoot, 'src/client/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external,
    write: false,
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no output');
  const code = output.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const own = await measure(['openapi-fetch']);
const all = await measure([]);
const kb = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
console.log('client size (esbuild --minify, gzip -9)');
console.log(`  client only (openapi-fetch external): ${kb(own.min)} min, ${kb(own.gzip)} min+gzip`);
console.log(`  client + openapi-fetch:               ${kb(all.min)} min, ${kb(all.gzip)} min+gzip`);
