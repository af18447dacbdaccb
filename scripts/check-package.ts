/**
 * The package gate: pack @layers/partner-api, lint the package (publint, arethetypeswrong in its
 * strict profile: node10, node16 CJS, node16 ESM, bundler), then install the tarball into
 * throwaway strict-TypeScript consumers: an ESM one (NodeNext) that (1) type-checks every
 * TypeScript code sample the docs show and (2) makes a real call over loopback; a CommonJS one
 * (`module: Node16`, `"type": "commonjs"`) that type-checks and makes the same call with
 * `require`; and one on `moduleResolution: node10` that type-checks every entry point (those two
 * without @types/node).
 * The partner flows against mock, sandbox and MSW run from the tarball in tests/consumer/.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage, packageDir } from './pack-package.js';
import { loadContract } from '../src/contract/model.js';
import { isJsonObject } from '../src/contract/oas.js';
import { bin, repoRoot } from './lib/paths.js';

const run = (cmd: string, args: string[], cwd = repoRoot) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

const tarball = await buildPackage();
console.log(`packed ${tarball}`);
run(bin('publint'), ['--strict', packageDir]);
// attw cannot resolve a JSON entry point under node10 (it does not enable resolveJsonModule there);
// the node10 consumer below imports `@layers/partner-api/openapi.json` with tsc, which does.
run(bin('attw'), [tarball, '--profile', 'strict', '--exclude-entrypoints', './openapi.json']);

const contract = loadContract();

/** The body the consumer's getInfluencer call is answered with: the contract's own `ready` example. */
function readyInfluencer(): string {
  const ok = contract.operation('getInfluencer').responses.find((r) => r.status === 200);
  const ready = ok?.examples.find((e) => e.name === 'ready');
  if (!ready) throw new Error('getInfluencer has no 200 example named ready');
  return JSON.stringify(ready.value);
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the stub server is not listening on TCP');
  return address.port;
}

/** The consumer prints { name, notFound, title }; anything else is a failure. */
function consumerSawExpected(out: string): boolean {
  const result: unknown = JSON.parse(out);
  return isJsonObject(result) && result.name === 'Nova' && result.notFound === 'NOT_FOUND'
    && typeof result.title === 'string' && result.title.startsWith('Layers Partner API');
}

/**
 * `@layers/partner-api/msw` under the consumer's settings. With skipLibCheck: msw 2's own CommonJS
 * declarations import the ESM-only `rettime` (TS1479 inside node_modules/msw), which is msw's to fix.
 */
function typeCheckMswEntry(dir: string): void {
  writeFileSync(join(dir, 'msw.ts'), `
import { createHandlers, type CreateHandlersOptions } from '@layers/partner-api/msw';
const options: CreateHandlersOptions = { baseUrl: 'http://localhost', jobDurationMs: 10 };
export const handlers = createHandlers(options);
`);
  writeFileSync(join(dir, 'tsconfig.msw.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: true, noEmit: true }, include: ['msw.ts'] }));
  run(bin('tsc'), ['-p', 'tsconfig.msw.json'], dir);
}

/**
 * The CommonJS and node10 consumers have no @types/node, as a browser or edge project has none: the
 * package's declarations (checked, skipLibCheck off) must not need Node's. TypeScript's own lib
 * files are not checked (checking @types/node and the libs was ~5 s of each consumer's tsc).
 */
const withoutNodeTypes = { lib: ['ES2022', 'DOM'], types: [], skipDefaultLibCheck: true };

const consumer = mkdtempSync(join(tmpdir(), 'layers-consumer-'));
try {
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer);
  // msw is the partner's own (optional peer) dependency: this project's copy, linked, so no network is needed.
  symlinkSync(join(repoRoot, 'node_modules/msw'), join(consumer, 'node_modules/msw'), 'dir');
  // A Node project's settings: @types/node beside the package's declarations, both checked; not
  // TypeScript's own lib files (skipDefaultLibCheck: ~3 s of this tsc's CPU, and nothing of ours).
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
      noUncheckedIndexedAccess: true, skipLibCheck: false, skipDefaultLibCheck: true, outDir: 'out', types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')],
    },
    include: ['*.ts', 'samples/*.ts'],
  }, null, 2));

  mkdirSync(join(consumer, 'samples'));
  let samples = 0;
  for (const op of contract.operations) {
    for (const sample of op.codeSamples.filter((s) => s.lang === 'TypeScript')) {
      writeFileSync(join(consumer, 'samples', `${op.operationId}.ts`), `${sample.source}\nexport { result };\n`);
      samples += 1;
    }
  }

  writeFileSync(join(consumer, 'main.ts'), `
import { LayersClient, LayersApiError } from '@layers/partner-api';
import type { Influencer } from '@layers/partner-api/types';
import contract from '@layers/partner-api/openapi.json' with { type: 'json' };

const layers = new LayersClient({ apiKey: 'sk_test_consumer', baseUrl: process.env.BASE_URL! });
const influencer: Influencer = await layers.getInfluencer({ influencerId: 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c' });
let notFound = '';
try {
  await layers.getInfluencer({ influencerId: 'inf_00000000-0000-4000-8000-000000000000' });
} catch (error) {
  if (error instanceof LayersApiError) notFound = error.code;
}
console.log(JSON.stringify({ name: influencer.name, notFound, title: contract.info.title }));
`);
  run(bin('tsc'), ['-p', 'tsconfig.json'], consumer);
  console.log(`consumer type-checks against the tarball, with ${samples} TypeScript code samples from the docs`);

  // CommonJS (module: Node16 in a "type": "commonjs" package): require() of the cjs/ build and its types.
  const cjs = join(consumer, 'cjs');
  mkdirSync(cjs);
  writeFileSync(join(cjs, 'package.json'), JSON.stringify({ name: 'consumer-cjs', private: true, type: 'commonjs' }));
  writeFileSync(join(cjs, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'Node16', moduleResolution: 'Node16', strict: true, skipLibCheck: false, resolveJsonModule: true, outDir: 'out', ...withoutNodeTypes },
    include: ['main.ts'],
  }, null, 2));
  writeFileSync(join(cjs, 'main.ts'), `
declare const process: { env: Record<string, string | undefined> };
import { LayersClient, LayersApiError, LayersNotFoundError } from '@layers/partner-api';
import type { Influencer } from '@layers/partner-api/types';
import contract = require('@layers/partner-api/openapi.json');

const options = { baseUrl: process.env.BASE_URL };
async function main(): Promise<void> {
  const layers = new LayersClient({ apiKey: 'sk_test_consumer', baseUrl: options.baseUrl! });
  const influencer: Influencer = await layers.getInfluencer({ influencerId: 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c' });
  let notFound = '';
  try {
    await layers.getInfluencer({ influencerId: 'inf_00000000-0000-4000-8000-000000000000' });
  } catch (error) {
    if (error instanceof LayersNotFoundError && error instanceof LayersApiError) notFound = error.code;
  }
  console.log(JSON.stringify({ name: influencer.name, notFound, title: contract.info.title }));
}
void main();
`);
  run(bin('tsc'), ['-p', 'tsconfig.json'], cjs);
  typeCheckMswEntry(cjs);
  if (!readFileSync(join(cjs, 'out/main.js'), 'utf8').includes('require("@layers/partner-api")')) throw new Error('the CommonJS consumer did not compile to require()');
  console.log('CommonJS consumer (module: Node16, type commonjs) type-checks against the tarball');

  // moduleResolution: node10 ignores exports: the subpaths resolve through typesVersions and the root openapi.json.
  const node10 = join(consumer, 'node10');
  mkdirSync(node10);
  writeFileSync(join(node10, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'CommonJS', moduleResolution: 'node10', strict: true, skipLibCheck: false, resolveJsonModule: true, esModuleInterop: true, noEmit: true, ...withoutNodeTypes },
    include: ['main.ts'],
  }, null, 2));
  writeFileSync(join(node10, 'main.ts'), `
import { LayersClient, type WithResponse } from '@layers/partner-api';
import type { Influencer, paths } from '@layers/partner-api/types';
import contract from '@layers/partner-api/openapi.json';

export const layers: LayersClient = new LayersClient({ apiKey: 'k' });
export const read: Promise<WithResponse<Influencer>> = layers.getInfluencer({ influencerId: 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c' });
export type Paths = keyof paths;
export const title: string = contract.info.title;
`);
  run(bin('tsc'), ['-p', 'tsconfig.json'], node10);
  typeCheckMswEntry(node10);
  console.log('node10 consumer (moduleResolution: node10) type-checks every entry point');

  const body = readyInfluencer();
  const server = createServer((req, res) => {
    const auth = req.headers.authorization === 'Bearer sk_test_consumer';
    if (auth && req.url === '/v1/influencers/inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Influencer not found.', requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  try {
    // Async on purpose: this process's server must keep answering while the consumer runs.
    const { stdout: out } = await promisify(execFile)('node', ['out/main.js'], {
      cwd: consumer,
      env: { ...process.env, BASE_URL: `http://127.0.0.1:${port}` },
    });
    if (!consumerSawExpected(out)) throw new Error(`consumer call returned ${out}`);
    console.log(`consumer made a real call: ${out.trim()}`);
    const { stdout: cjsOut } = await promisify(execFile)('node', ['cjs/out/main.js'], { cwd: consumer, env: { ...process.env, BASE_URL: `http://127.0.0.1:${port}` } });
    if (!consumerSawExpected(cjsOut)) throw new Error(`CommonJS consumer call returned ${cjsOut}`);
    console.log(`CommonJS consumer made a real call with require(): ${cjsOut.trim()}`);
    // The CommonJS build of /msw, required as a jest-style CommonJS test would.
    writeFileSync(join(consumer, 'cjs/msw-run.cjs'), `
const { setupServer } = require('msw/node');
const { createHandlers } = require('@layers/partner-api/msw');
const { LayersClient, LayersValidationError } = require('@layers/partner-api');
const server = setupServer(...createHandlers());
server.listen({ onUnhandledRequest: 'error' });
(async () => {
  const layers = new LayersClient({ apiKey: 'sk_test' });
  const project = await layers.createProject({ name: 'Bloom' });
  const nova = await layers.createInfluencerAndWait({ projectId: project.projectId }, {}, { initialIntervalMs: 1 });
  const invalid = await layers.createInfluencer({ projectId: project.projectId }, { name: 'x' }).catch((e) => e);
  console.log(JSON.stringify({ status: nova.status, invalid: invalid instanceof LayersValidationError && Object.keys(invalid.details.fieldErrors) }));
  server.close();
})();
`);
    const { stdout: mswOut } = await promisify(execFile)('node', ['cjs/msw-run.cjs'], { cwd: consumer });
    if (mswOut.trim() !== JSON.stringify({ status: 'ready', invalid: ['name'] })) throw new Error(`the CommonJS msw consumer printed ${mswOut}`);
    console.log(`CommonJS consumer ran the MSW handlers with require(): ${mswOut.trim()}`);
  } finally {
    server.close();
  }
} finally {
  rmSync(consumer, { recursive: true, force: true });
}
