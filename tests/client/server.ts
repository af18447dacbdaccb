/**
 * A scripted node:http server on 127.0.0.1:0 for client tests. Each request is recorded and
 * answered by the next step of the script (the last step repeats). Servers close after each test.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { LayersClient, type LayersClientOptions } from '../../src/client/index.js';

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

export const PRJ = 'prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39';
export const INF = 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c';
export const INF2 = 'inf_9b1e2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
export const JOB = 'job_01HXZ9G7KMV2QX8Y1S5RJW3B7T';
const TS = '2026-04-18T12:04:11.000Z';

export const influencer = (overrides: Record<string, unknown> = {}) => ({
  influencerId: INF,
  projectId: PRJ,
  name: 'Nova',
  gender: 'non_binary',
  ageRange: 'young_adult',
  brandVoice: 'casual',
  language: 'en',
  status: 'ready',
  referenceImages: [],
  createdAt: TS,
  updatedAt: TS,
  ...overrides,
});

export const job = (status: 'running' | 'succeeded' | 'failed', overrides: Record<string, unknown> = {}) => ({
  jobId: JOB,
  kind: 'influencer_create',
  status,
  influencerId: INF,
  locationUrl: `/v1/jobs/${JOB}`,
  createdAt: TS,
  updatedAt: TS,
  completedAt: status === 'running' ? null : TS,
  error: status === 'failed' ? { code: 'RENDER_FAILED', message: 'The portrait render did not converge.' } : null,
  ...overrides,
});

export const project = {
  projectId: PRJ,
  name: 'Bloom Habits',
  appDescription: 'A habit tracker that turns daily streaks into a cozy garden.',
  targetGender: 'female',
  brandVoice: 'warm',
  language: 'en-US',
  initialInfluencer: { influencerId: INF, jobId: JOB },
  createdAt: TS,
  updatedAt: TS,
};

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
