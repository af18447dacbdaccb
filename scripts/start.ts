/**
 * `npm start` (after `npm run build && npm run docs`): the docs and the mock, on loopback.
 * DOCS_PORT (default 8080) and MOCK_PORT (default 4010) pick the ports; 0 picks a free one.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startMock } from './lib/mock.js';
import { serveDirectory } from './lib/static-server.js';
import { repoRoot } from './lib/paths.js';

const docs = await serveDirectory(join(repoRoot, 'dist/docs'), Number(process.env.DOCS_PORT ?? 8080));
const mock = await startMock({ port: Number(process.env.MOCK_PORT ?? 4010) });
console.log(`docs     http://127.0.0.1:${(docs.address() as AddressInfo).port}/`);
console.log(`mock     ${mock.url}   (Prism, answers from the contract's examples; see README "The mock")`);
console.log('Ctrl-C stops both.');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([mock.stop(), new Promise<void>((resolve) => docs.close(() => resolve()))]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
