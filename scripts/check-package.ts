/**
 * The package gate: pack @layers/partner-api, lint the package (publint, arethetypeswrong), then
 * install the tarball into a throwaway strict-TypeScript consumer that (1) type-checks every
 * TypeScript code sample the docs show and (2) makes a real call over loopback.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage, packageDir } from './pack-package.js';
import { loadContract } from '../src/contract/model.js';
import { isJsonObject } from '../src/contract/oas.js';
import { bin, repoRoot } from './lib/paths.js';

const run = (cmd: string, args: string[], cwd = repoRoot) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

const tarball = buildPackage();
console.log(`packed ${tarball}`);
run(bin('publint'), ['--strict', packageDir]);
run(bin('attw'), [tarball, '--profile', 'esm-only']);

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

const consumer = mkdtempSync(join(tmpdir(), 'layers-consumer-'));
try {
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer);
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
      noUncheckedIndexedAccess: true, skipLibCheck: false, outDir: 'out', types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')],
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
  } finally {
    server.close();
  }
} finally {
  rmSync(consumer, { recursive: true, force: true });
}
