/**
 * The listing's promises with two sandbox processes creating into one project on one PostgreSQL,
 * while a client pages: the list order agrees with `createdAt`, no influencer appears twice in a
 * walk, and every influencer whose create was answered before a walk asked for its last page is
 * in that walk ("Influencers created while you page appear on a later page": a row that commits
 * behind a cursor would be skipped for ever). Real processes (`npm run sandbox`), real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, repoRoot } from '../../scripts/lib/paths.js';

const url = process.env.DATABASE_URL;
const key = `sk_test_pages_${randomBytes(8).toString('hex')}`;
// Idle sockets are dropped well before the servers' 5 s keep-alive timeout: on a stalled machine a
// request sent on a socket the server is closing fails with "other side closed".
const dispatcher = new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 1_000 });

interface Process {
  child: ChildProcess;
  url: string;
}

async function startProcess(): Promise<Process> {
  const child = spawn(bin('tsx'), ['scripts/sandbox.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url, SANDBOX_PORT: '0', SANDBOX_API_KEY: key, SANDBOX_TIMING: 'fast' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /sandbox listening on (\S+)/.exec(line);
    if (match) return { child, url: match[1]! };
  }
  throw new Error(`sandbox process ${child.pid} exited before listening`);
}

async function stopProcess(p: Process | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  const exited = once(p.child, 'exit');
  process.kill(p.child.pid!, 'SIGTERM');
  await exited;
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(base + path, {
    dispatcher,
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

describe.skipIf(!url)('listing on PostgreSQL with two sandbox processes creating at once', () => {
  let a: Process | undefined;
  let b: Process | undefined;
  beforeAll(async () => {
    [a, b] = await Promise.all([startProcess(), startProcess()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([stopProcess(a), stopProcess(b)]);
    await dispatcher.close();
  });

  it('orders by createdAt and never skips an influencer that committed behind a cursor', async () => {
    const project = await call(a!.url, 'POST', '/v1/projects', { name: 'Pages' });
    const listPath = (cursor?: string) => `/v1/projects/${project.projectId}/influencers?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answered = new Map<string, number>(); // influencerId → when its 202 arrived
    let creating = true;

    const creator = async (base: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const job = await call(base, 'POST', `/v1/projects/${project.projectId}/influencers`, {});
        answered.set(job.influencerId, performance.now());
      }
    };
    const creators = Promise.all(Array.from({ length: 16 }, (_, i) => creator(i % 2 ? a!.url : b!.url, 40))).finally(() => (creating = false));

    const walks: Array<{ seen: string[]; lastAsked: number; createdAt: string[] }> = [];
    const walker = async () => {
      while (creating) {
        const seen: string[] = [];
        const createdAt: string[] = [];
        let cursor: string | undefined;
        let lastAsked = 0;
        for (;;) {
          lastAsked = performance.now();
          // Alternate processes: a cursor from one is a cursor for the other.
          const page = await call(seen.length % 2 ? a!.url : b!.url, 'GET', listPath(cursor));
          for (const influencer of page.data) {
            seen.push(influencer.influencerId);
            createdAt.push(influencer.createdAt);
          }
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        walks.push({ seen, lastAsked, createdAt });
      }
    };
    await Promise.all([creators, walker(), walker(), walker()]);
    expect(answered.size).toBe(16 * 40);
    expect(walks.length).toBeGreaterThan(2);

    for (const walk of walks) {
      expect(new Set(walk.seen).size).toBe(walk.seen.length);
      const outOfOrder = walk.createdAt.findIndex((t, i) => i > 0 && t < walk.createdAt[i - 1]!);
      expect(outOfOrder, `page order disagrees with createdAt at position ${outOfOrder}`).toBe(-1);
      const seen = new Set(walk.seen);
      const missed = [...answered].filter(([id, at]) => at < walk.lastAsked && !seen.has(id)).map(([id]) => id);
      expect(missed, 'created before the last page was asked for, yet never listed').toEqual([]);
    }
    // After the creates, one walk sees them all, in createdAt order.
    const all: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(a!.url, 'GET', listPath(cursor));
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(all.map((i) => i.influencerId))).toEqual(new Set(answered.keys()));
    expect(all.map((i) => i.createdAt)).toEqual(all.map((i) => i.createdAt).sort());
  }, 120_000);
});
if (!url) console.warn('PostgreSQL pagination test skipped: set DATABASE_URL (see .ci/postgres.sh)');
