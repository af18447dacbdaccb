/**
 * `npm start`: serves what `npm run build && npm run docs` produced, on loopback.
 * DOCS_PORT (default 8080) picks the port; 0 picks a free one.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serveDirectory } from './lib/static-server.js';
import { repoRoot } from './lib/paths.js';

const docsPort = Number(process.env.DOCS_PORT ?? 8080);
const docs = await serveDirectory(join(repoRoot, 'dist/docs'), docsPort);
const { port } = docs.address() as AddressInfo;
console.log(`docs     http://127.0.0.1:${port}/`);
console.log('Ctrl-C stops.');

function stop(): void {
  docs.close(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
