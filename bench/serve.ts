/**
 * `npm run bench`: the sandbox, the Prism mock (raw, and behind this project's front) and a bare
 * Node HTTP server (the ceiling) under the same load in one run, for a read and a create, on
 * loopback. autocannon runs as a separate process so it does not share an event loop with the
 * servers. Prints throughput and p50/p99 latency side by side, and the ratios the sandbox targets
 * (reads at ≥5× Prism's throughput, p99 within 3× of the bare ceiling's).
 *   BENCH_DURATION seconds per case (default 5), BENCH_CONNECTIONS (default 10).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSandbox } from '../src/sandbox/index.js';
import { startMock } from '../src/mock/index.js';
import { startPrism } from '../src/mock/index.js';
import { bin } from '../scripts/lib/paths.js';

const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const KEY = 'sk_bench_key';

interface Target { name: string; url: string; read: string; create: string; stop(): Promise<void> }
interface Result { rps: number; p50: number; p99: number; errors: number }

async function load(url: string, method: 'GET' | 'POST'): Promise<Result> {
  const args = ['--json', '-d', String(duration), '-c', String(connections), '-H', `authorization=Bearer ${KEY}`, '-m', method];
  if (method === 'POST') args.push('-H', 'content-type=application/json', '-b', '{}');
  const { stdout } = await promisify(execFile)(bin('autocannon'), [...args, url], { maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

async function bareServer(): Promise<Target> {
  const influencer = JSON.stringify({ influencerId: 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c', name: 'Nova', status: 'ready' });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.method === 'POST' ? 202 : 200, { 'content-type': 'application/json' }).end(influencer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { name: 'bare node:http (ceiling)', url, read: `${url}/x`, create: `${url}/x`, stop: () => new Promise((r) => server.close(() => r())) };
}

const EXAMPLE_READ = '/v1/influencers/inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c';
const EXAMPLE_CREATE = '/v1/projects/prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39/influencers';

async function sandboxTarget(): Promise<Target> {
  const sandbox = await startSandbox({ apiKey: KEY, log: () => {} });
  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  const project = (await (await fetch(`${sandbox.url}/v1/projects`, { method: 'POST', headers, body: '{"name":"Bench","appDescription":"A bench app."}' })).json()) as {
    projectId: string; initialInfluencer: { influencerId: string };
  };
  return {
    name: 'sandbox (PGlite, in memory)',
    url: sandbox.url,
    read: `${sandbox.url}/v1/influencers/${project.initialInfluencer.influencerId}`,
    create: `${sandbox.url}/v1/projects/${project.projectId}/influencers`,
    stop: () => sandbox.close(),
  };
}

async function prismTarget(): Promise<Target> {
  const prism = await startPrism({ mode: 'mock' });
  return { name: 'prism mock (raw, -v error)', url: prism.url, read: prism.url + EXAMPLE_READ, create: prism.url + EXAMPLE_CREATE, stop: () => prism.stop() };
}

async function mockTarget(): Promise<Target> {
  const mock = await startMock();
  return { name: 'mock (prism + envelope front)', url: mock.url, read: mock.url + EXAMPLE_READ, create: mock.url + EXAMPLE_CREATE, stop: () => mock.stop() };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const assetId = (n: number) => `med_${n.toString(32).toUpperCase().padStart(26, '0').split('').map((c) => CROCKFORD[parseInt(c, 32)]).join('')}`;

/**
 * GET influencer latency while another client fetches distinct 512 px portraits 6 at a time
 * (never the same twice, so no cache helps), next to the same GET with no portrait traffic.
 */
async function portraitLoad(inlinePortraits: boolean): Promise<{ idle: Result; underMedia: Result; portraits: number }> {
  const sandbox = await startSandbox({ apiKey: KEY, log: () => {}, inlinePortraits });
  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  const project = (await (await fetch(`${sandbox.url}/v1/projects`, { method: 'POST', headers, body: '{"name":"Bench","appDescription":"A bench app."}' })).json()) as { initialInfluencer: { influencerId: string } };
  const read = `${sandbox.url}/v1/influencers/${project.initialInfluencer.influencerId}`;
  await load(read, 'GET').catch(() => undefined);
  const idle = await load(read, 'GET');
  let stop = false;
  let fetched = 0;
  let next = Math.floor(Math.random() * 1e9);
  const fetcher = async () => {
    while (!stop) {
      await (await fetch(`${sandbox.url}/media/${assetId(next++)}.png`)).arrayBuffer();
      fetched++;
    }
  };
  const fetchers = Array.from({ length: 6 }, fetcher);
  const underMedia = await load(read, 'GET');
  stop = true;
  await Promise.all(fetchers);
  await sandbox.close();
  return { idle, underMedia, portraits: fetched };
}

const results: Array<{ name: string; read: Result; create: Result }> = [];
for (const start of [bareServer, sandboxTarget, prismTarget, mockTarget]) {
  const target = await start();
  await load(target.read, 'GET').catch(() => undefined); // warm-up, not recorded
  const read = await load(target.read, 'GET');
  const create = await load(target.create, 'POST');
  results.push({ name: target.name, read, create });
  await target.stop();
  console.error(`measured ${target.name}`);
}

const media = { worker: await portraitLoad(false), inline: await portraitLoad(true) };
console.error('measured portrait load');

const fmt = (r: Result) => `${r.rps.toFixed(0).padStart(7)} rps  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms${r.errors ? `  (${r.errors} non-2xx/errors)` : ''}`;
const width = Math.max(...results.map((r) => r.name.length));
console.log(`\nload: ${connections} connections, ${duration} s per case, loopback, node ${process.version}`);
console.log(`${'server'.padEnd(width)}  ${'read (GET influencer)'.padEnd(40)}  create (POST influencer)`);
for (const r of results) console.log(`${r.name.padEnd(width)}  ${fmt(r.read).padEnd(40)}  ${fmt(r.create)}`);
const [bare, sandbox, prism] = results as [typeof results[0], typeof results[0], typeof results[0]];
console.log('\nratios');
console.log(`  sandbox / prism throughput, read:   ${(sandbox.read.rps / prism.read.rps).toFixed(1)}x   (target ≥ 5x)`);
console.log(`  sandbox / prism throughput, create: ${(sandbox.create.rps / prism.create.rps).toFixed(1)}x`);
console.log(`  sandbox p99 / bare p99, read:       ${(Math.max(sandbox.read.p99, 1) / Math.max(bare.read.p99, 1)).toFixed(1)}x   (target ≤ 3x; p99 floored at 1 ms)`);
console.log('\nGET influencer while 6 clients fetch distinct 512 px portraits (sandbox, PGlite)');
for (const [name, m] of Object.entries(media)) {
  console.log(`  portraits rendered ${name.padEnd(6)}: idle p99 ${m.idle.p99} ms (${m.idle.rps.toFixed(0)} rps) · under portrait load p99 ${m.underMedia.p99} ms (${m.underMedia.rps.toFixed(0)} rps) · ${m.portraits} portraits served · ratio ${(Math.max(m.underMedia.p99, 1) / Math.max(m.idle.p99, 1)).toFixed(1)}x (target ≤ 3x)`);
}
