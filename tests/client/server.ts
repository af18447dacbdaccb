/**
 * A scripted node:http server on 127.0.0.1:0 for client tests. Each request is recorded and
 * answered by the next step of the script (the last step repeats). Servers close after each test.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { LayersClient, type LayersClientOptions } from '../../src/client/index.js';
import { responseExample, type Schemas } from '../support/contract.js';

type Influencer = Schemas['Influencer'];
type Job = Schemas['Job'];

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Step = (res: ServerResponse, req: Recorded) => void;

export interface TestServer {
  url: string;
  requests: Recorded[];
  /** Resolves when the server has received `n` requests. */
  received(n: number): Promise<void>;
}

const open = new Set<() => Promise<void>>();
afterEach(async () => {
  await Promise.all([...open].map((close) => close()));
  open.clear();
});

export async function startServer(...script: Step[]): Promise<TestServer> {
  const requests: Recorded[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const recorded = { method: req.method!, url: req.url!, headers: req.headers, body, at: performance.now() };
      requests.push(recorded);
      waiters.splice(0).forEach((wake) => wake());
      const step = script[Math.min(requests.length - 1, script.length - 1)];
      if (!step) throw new Error('startServer needs at least one step');
      step(res, recorded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.add(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async received(n) {
      while (requests.length < n) await new Promise<void>((wake) => waiters.push(wake));
    },
  };
}

/** A client for the server with tiny backoffs, so retries cost about a millisecond. */
export function clientFor(server: TestServer, options: Partial<LayersClientOptions> = {}): LayersClient {
  return new LayersClient({ apiKey: 'sk_test_123', baseUrl: server.url, retryBaseDelayMs: 1, ...options });
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

export const envelope = (status: number, code: string, headers: Record<string, string> = {}, details?: unknown): Step =>
  json(status, { error: { code, message: `${code} happened`, requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T', ...(details ? { details } : {}) } }, headers);

/** Closes the connection without answering. */
export const drop: Step = (res) => {
  res.socket?.destroy();
};

/** Never answers. */
export const hang: Step = () => {};

// The fixtures are the contract's own examples (each checked against its schema when loaded).
export const project = responseExample('getProject', 'project', 'Project');
const ready = responseExample('getInfluencer', 'ready', 'Influencer');
const cloned = responseExample('getInfluencer', 'cloned', 'Influencer');
const jobs = {
  running: responseExample('getJob', 'running', 'Job'),
  succeeded: responseExample('getJob', 'succeeded', 'Job'),
  failed: responseExample('getJob', 'failed', 'Job'),
};

export const PRJ = project.projectId;
export const INF = ready.influencerId;
/** A second influencer: the clone of INF. */
export const INF2 = cloned.influencerId;
export const JOB = jobs.running.jobId;

export const influencer = (overrides: Partial<Influencer> = {}): Influencer => ({ ...ready, ...overrides });

export const job = (status: Job['status'], overrides: Partial<Job> = {}): Job => ({ ...jobs[status], ...overrides });

/** Runs `start`, settles its promise and reports how long that took from the call. */
export async function timed<T>(start: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const begin = performance.now();
  try {
    const value = await start();
    return { ms: performance.now() - begin, value };
  } catch (error) {
    return { ms: performance.now() - begin, error };
  }
}
