/**
 * `npm run workflows`: the Arazzo partner flows (openapi/arazzo/) run by `redocly respect`.
 * WORKFLOWS_TARGET=mock (default) starts the mock; =sandbox starts an in-memory sandbox (or
 * PostgreSQL with DATABASE_URL); LAYERS_BASE_URL + LAYERS_API_KEY point at a running server.
 * Respect also checks every response against the contract.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startSandbox } from '../src/sandbox/index.js';
import { startMock } from '../src/mock/index.js';
import { bin, redoclyEnv, repoRoot } from './lib/paths.js';

const live = process.env.LAYERS_BASE_URL;
const target = live ? 'live' : (process.env.WORKFLOWS_TARGET ?? 'mock');
let baseUrl: string;
let inputs: Record<string, string>;
let stop = async () => {};
if (target === 'live') {
  baseUrl = live!;
  inputs = { apiKey: process.env.LAYERS_API_KEY ?? '' };
} else if (target === 'sandbox') {
  const apiKey = `sk_test_workflows_${randomBytes(8).toString('hex')}`;
  const sandbox = await startSandbox({ ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}), apiKey, log: () => {} });
  baseUrl = sandbox.url;
  inputs = { apiKey };
  stop = () => sandbox.close();
} else {
  const mock = await startMock();
  baseUrl = mock.url;
  inputs = { apiKey: 'sk_test_workflows', preferJobSucceeded: 'example=succeeded', preferCloned: 'example=cloned', preferGone: 'code=404' };
  stop = () => mock.stop();
}
console.log(`workflows against ${target} at ${baseUrl}`);

// Async on purpose: the mock's front runs in this process and must keep answering.
const child = spawn(bin('redocly'), [
  'respect', 'openapi/arazzo/partner-flows.arazzo.yaml',
  '--server', `partner=${baseUrl}`,
  '--input', JSON.stringify(inputs),
  ...process.argv.slice(2),
], { cwd: repoRoot, env: redoclyEnv, stdio: 'inherit' });
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await stop();
process.exit(code);
