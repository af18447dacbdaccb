/**
 * `npm start`: builds the contract artifacts and the docs, then serves the docs, the mock and the
 * sandbox on loopback, one line per step (each build's own output is shown only if it fails).
 * DOCS_PORT (default 8080), MOCK_PORT (default 4010) and SANDBOX_PORT (default 4020) pick the
 * ports (0: a free one). The sandbox reads the same environment as `npm run sandbox`
 * (src/sandbox/config.ts). `--no-build` skips the two builds.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readSandboxEnv, startSandbox } from '../src/sandbox/index.js';
import { startMock } from '../src/mock/index.js';
import { buildSite } from '../src/docs/site/build-site.js';
import { defaultLocalServers } from '../src/docs/site/site-document.js';
import { serveDirectory } from './lib/static-server.js';
import { bin, redoclyEnv, repoRoot } from './lib/paths.js';

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs one step, printing `label … done (time)`; its own output is kept and shown only when it fails. */
async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  const at = Date.now();
  process.stdout.write(`${label} … `);
  try {
    const value = await run();
    process.stdout.write(`done (${seconds(at)})\n`);
    return value;
  } catch (error) {
    process.stdout.write('failed\n');
    throw error;
  }
}

/** A build script as a child process, quiet (Redocly's banners included) unless it fails. */
function quiet(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin('tsx'), [script], { cwd: repoRoot, env: redoclyEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}:\n${output}`))));
  });
}

function port(variable: string, fallback: number): number {
  const text = process.env[variable];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) fail(`${variable} must be a port number 0–65535 (0 picks a free one); got ${text}`);
  return value;
}

function fail(message: string): never {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

/** A listen error as a sentence naming the variable that moves the port. */
async function listening<T>(what: string, variable: string, value: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${value} (the ${what}) is in use. Stop whatever holds it, or set ${variable} to another port (0 picks a free one), e.g. ${variable}=0 npm start`);
    if (code === 'EACCES') fail(`port ${value} (the ${what}) needs privileges; set ${variable} to a port above 1023`);
    throw error;
  }
}

const ports = { docs: port('DOCS_PORT', 8080), mock: port('MOCK_PORT', 4010) };
const { storage, ...sandboxOptions } = readSandboxEnv();
const build = !process.argv.includes('--no-build');

if (build) {
  await step('[1/5] contract: openapi/ → generated/ (bundle, code samples, types)', () => quiet('scripts/build-contract.ts'));
  await step('[2/5] docs: dist/docs/', () => quiet('scripts/build-docs.ts'));
}
const docs = await step(`[3/5] docs server`, () => listening('docs server', 'DOCS_PORT', ports.docs, () => serveDirectory(join(repoRoot, 'dist/docs'), ports.docs)));
const mock = await step(`[4/5] mock (Prism behind the contract front)`, () => listening('mock', 'MOCK_PORT', ports.mock, () => startMock({ port: ports.mock })));
const sandbox = await step(`[5/5] sandbox (${storage})`, () => listening('sandbox', 'SANDBOX_PORT', sandboxOptions.port ?? 4020, () => startSandbox(sandboxOptions)));
// The site's server switcher names the ports the mock and sandbox really got (a port of 0 is only known now).
buildSite(join(repoRoot, 'dist/docs'), { localServers: defaultLocalServers({ SANDBOX_PORT: new URL(sandbox.url).port, MOCK_PORT: new URL(mock.url).port }) });

console.log('');
console.log(`docs     http://127.0.0.1:${(docs.address() as AddressInfo).port}/`);
console.log(`mock     ${mock.url}   (answers from the contract's examples; jobs read succeeded; see README "The mock")`);
console.log(`sandbox  ${sandbox.url}   (stateful; see README "The sandbox")`);
if (sandbox.generatedKey) console.log(`         API key with every scope, created now (stored hashed, shown once): ${sandbox.generatedKey}`);
else if (sandboxOptions.apiKey) console.log('         API key: the one in SANDBOX_API_KEY');
console.log(`         a new API key: npm run sandbox:key${sandboxOptions.databaseUrl ? '' : ' (with the sandbox stopped: PGlite has one writer)'}; or start with SANDBOX_API_KEY=<a key of yours>`);
console.log(`ready in ${seconds(started)}. Ctrl-C stops all three.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([mock.stop(), sandbox.close(), new Promise<void>((resolve) => docs.close(() => resolve()))]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
