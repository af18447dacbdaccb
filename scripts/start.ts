/**
 * `npm start` (after `npm run build && npm run docs`): the docs, the mock and the sandbox, on loopback.
 * DOCS_PORT (default 8080), MOCK_PORT (default 4010) and SANDBOX_PORT (default 4020) pick the ports
 * (0: a free one). The sandbox reads the same environment as `npm run sandbox` (src/sandbox/config.ts).
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readSandboxEnv, startSandbox } from '../src/sandbox/index.js';
import { startMock } from '../src/mock/index.js';
import { serveDirectory } from './lib/static-server.js';
import { repoRoot } from './lib/paths.js';

const docs = await serveDirectory(join(repoRoot, 'dist/docs'), Number(process.env.DOCS_PORT ?? 8080));
const mock = await startMock({ port: Number(process.env.MOCK_PORT ?? 4010) });
const { storage: _storage, ...sandboxOptions } = readSandboxEnv();
const sandbox = await startSandbox(sandboxOptions);
console.log(`docs     http://127.0.0.1:${(docs.address() as AddressInfo).port}/`);
console.log(`mock     ${mock.url}   (Prism, answers from the contract's examples; see README "The mock")`);
console.log(`sandbox  ${sandbox.url}   (stateful; see README "The sandbox")`);
if (sandbox.generatedKey) console.log(`         created an API key with every scope (shown once, stored hashed): ${sandbox.generatedKey}`);
console.log('Ctrl-C stops all three.');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([mock.stop(), sandbox.close(), new Promise<void>((resolve) => docs.close(() => resolve()))]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
