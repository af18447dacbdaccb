/**
 * `npx tsx bench/profile.ts <read|create> [seconds]`: one sandbox (PGlite in memory) in this
 * process under autocannon (its own process), with the V8 CPU profiler on for the load only.
 * Prints req/s and the functions with the most self time, grouped by where they live, and
 * writes the .cpuprofile to /tmp (open it in Chrome DevTools).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startSandbox } from '../src/sandbox/index.js';
import { KEY, load, newProject } from './load.js';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number }

const kind = process.argv[2] === 'read' ? 'read' : 'create';
const seconds = Number(process.argv[3] ?? 5);
const sandbox = await startSandbox({ apiKey: KEY, log: () => {} });
const project = await newProject(sandbox.url);
const url = kind === 'read' ? `${sandbox.url}/v1/influencers/${project.initialInfluencer!.influencerId}` : `${sandbox.url}/v1/projects/${project.projectId}/influencers`;
const options = kind === 'read' ? {} : { method: 'POST' as const };
await load(url, { ...options, seconds: 1 });

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const result = await load(url, { ...options, seconds });
const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
session.disconnect();
await sandbox.close();

const where = (url: string) =>
  url === '' ? '(native)' : url.includes('/pglite/') ? 'pglite' : url.includes('node_modules/') ? url.replace(/.*node_modules\/((?:@[^/]+\/)?[^/]+).*/, '$1') : url.startsWith('node:') ? 'node' : url.includes('/src/') ? url.replace(/.*\/src\//, 'src/') : url;
const self = new Map<string, number>();
const byPlace = new Map<string, number>();
const counts = new Map<number, number>();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const total = profile.samples.length;
for (const node of profile.nodes) {
  const n = counts.get(node.id) ?? 0;
  if (!n) continue;
  const place = where(node.callFrame.url);
  const name = `${node.callFrame.functionName || '(anonymous)'}  ${place}${place.startsWith('src/') ? `:${node.callFrame.lineNumber + 1}` : ''}`;
  self.set(name, (self.get(name) ?? 0) + n);
  byPlace.set(place, (byPlace.get(place) ?? 0) + n);
}
const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
console.log(`${kind}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`);
console.log('\nself time by place');
for (const [place, n] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(n)}  ${place}`);
console.log('\nself time by function');
for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(n)}  ${name}`);
const file = `/tmp/sandbox-${kind}.cpuprofile`;
writeFileSync(file, JSON.stringify(profile));
console.log(`\nprofile: ${file}`);
process.exit(0);
