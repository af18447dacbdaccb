/**
 * `npm run workflows`: the Arazzo partner flows (openapi/arazzo/) run by `redocly respect`.
 * Against the mock by default (started here, stopped by its pid); against a live server when
 * LAYERS_BASE_URL and LAYERS_API_KEY are set. Respect also checks every response against the contract.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startMock } from './lib/mock.js';
import { redoclyEnv, repoRoot } from './lib/paths.js';

const live = process.env.LAYERS_BASE_URL;
const mock = live ? undefined : await startMock();
const baseUrl = live ?? mock!.url;
const inputs = live
  ? { apiKey: process.env.LAYERS_API_KEY ?? '' }
  : { apiKey: 'sk_test_workflows', preferJobSucceeded: 'example=succeeded', preferCloned: 'example=cloned', preferGone: 'code=404' };

// Async on purpose: the mock's front runs in this process and must keep answering.
const child = spawn(join(repoRoot, 'node_modules/.bin/redocly'), [
  'respect', 'openapi/arazzo/partner-flows.arazzo.yaml',
  '--server', `partner=${baseUrl}`,
  '--input', JSON.stringify(inputs),
  ...process.argv.slice(2),
], { cwd: repoRoot, env: redoclyEnv, stdio: 'inherit' });
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await mock?.stop();
process.exit(code);
