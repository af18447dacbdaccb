/**
 * The raw-HTTP abuse suite: every case of the corpus is sent as bytes over a socket to the mock
 * and to the sandbox (PGlite, or PostgreSQL when DATABASE_URL is set). Each answer must be the
 * documented status, in the contract's envelope, never 5xx; afterwards a plain request must still
 * be answered correctly and (sandbox) nothing in the database may have changed.
 * ABUSE_TARGET=mock|sandbox runs one target only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../../src/contract/errors.js';
import { loadContract, type ErrorCode } from '../../src/contract/model.js';
import { enumValues } from '../../src/contract/oas.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { startTestSandbox, type TestSandbox } from '../sandbox/harness.js';
import { validatorForSchema } from '../support/contract.js';
import { corpus, type AbuseCase, type CorpusContext, type Expect } from './corpus.js';
import { sendRaw, type RawResponse } from './raw.js';

const LIMITS = { headersTimeoutMs: 1000, requestTimeoutMs: 2000, keepAliveTimeoutMs: 500, idleTimeoutMs: 1500, maxConnections: 40 };
const validEnvelope = validatorForSchema('ErrorEnvelope');
const validTransportEnvelope = validatorForSchema('TransportErrorEnvelope');
const TRANSPORT_STATUSES = new Set(enumValues(loadContract().schema('TransportErrorCode'))!.map((code) => errorStatus(code as ErrorCode)));
const targets = (process.env.ABUSE_TARGET ? [process.env.ABUSE_TARGET] : ['mock', 'sandbox']) as Array<'mock' | 'sandbox'>;

interface Target {
  port: number;
  ctx: CorpusContext;
  /** A plain, valid request and what it must answer. */
  plain(): Promise<void>;
  /** A fingerprint of everything stored (sandbox), or '' (the mock stores nothing). */
  snapshot(): Promise<string>;
  stop(): Promise<void>;
}

function exampleValue(operationId: 'getProject' | 'getInfluencer', field: 'projectId' | 'influencerId'): string {
  const example = loadContract().operation(operationId).responses.find((r) => r.status === 200)?.examples[0]?.value;
  const value = typeof example === 'object' && example !== null && !Array.isArray(example) ? example[field] : undefined;
  if (typeof value !== 'string') throw new Error(`no ${field} in the ${operationId} example`);
  return value;
}

async function mockTarget(): Promise<Target> {
  const mock: RunningMock = await startMock({ limits: LIMITS, log: () => {} });
  const port = Number(new URL(mock.url).port);
  const ctx = { key: 'sk_mock_any', project: exampleValue('getProject', 'projectId'), influencer: exampleValue('getInfluencer', 'influencerId') };
  return {
    port,
    ctx,
    async plain() {
      const response = await fetch(`${mock.url}/v1/projects/${ctx.project}`, { headers: { authorization: `Bearer ${ctx.key}` } });
      expect(response.status).toBe(200);
      expect((await response.json()).projectId).toBe(ctx.project);
    },
    snapshot: async () => '',
    stop: () => mock.stop(),
  };
}

async function sandboxTarget(): Promise<Target> {
  const sandbox: TestSandbox = await startTestSandbox({ limits: LIMITS, log: () => {} });
  const project = (await sandbox.call('POST', '/v1/projects', { body: { name: 'Abuse' } })).json.projectId as string;
  const job = (await sandbox.call('POST', `/v1/projects/${project}/influencers`, { body: {} })).json;
  await sandbox.settle(job.jobId);
  const ctx = { key: sandbox.key, project, influencer: job.influencerId as string };
  return {
    port: Number(new URL(sandbox.url).port),
    ctx,
    async plain() {
      const response = await sandbox.call('GET', `/v1/influencers/${ctx.influencer}`);
      expect(response.status).toBe(200);
      expect(response.json.influencerId).toBe(ctx.influencer);
    },
    async snapshot() {
      const rows = await sandbox.db.query(
        `SELECT (SELECT count(*) FROM projects) AS p, (SELECT count(*) FROM influencers) AS i, (SELECT count(*) FROM influencers WHERE deleted_at IS NOT NULL) AS d,
                (SELECT count(*) FROM idempotency_keys) AS k,
                (SELECT max(updated_at) FROM influencers) AS iu, (SELECT max(updated_at) FROM projects) AS pu`,
      );
      return JSON.stringify(rows);
    },
    stop: () => sandbox.close(),
  };
}

function checkAnswer(answer: RawResponse, want: Expect, label: string): void {
  if (want.status === 'closed') {
    // The client left: there is nobody to answer; any answer written before the close must still be inside the contract.
    if (answer.status > 0) expect(answer.status, label).toBeLessThan(500);
    return;
  }
  expect(answer.status, `${label}: ${answer.body.slice(0, 300)}`).toBe(want.status);
  if (want.status === 404 && answer.body === '') return; // HEAD: no body by definition
  if (want.status >= 400) {
    expect(answer.headers['content-type'], label).toMatch(/^application\/json/);
    const body: unknown = JSON.parse(answer.body);
    const valid = TRANSPORT_STATUSES.has(answer.status) ? validTransportEnvelope : validEnvelope;
    expect(valid(body), `${label}: ${JSON.stringify(valid.errors)} ${answer.body.slice(0, 300)}`).toBe(true);
    const error = (body as { error: { code: ErrorCode; details?: { fieldErrors?: Record<string, string[]> } } }).error;
    expect(errorStatus(error.code), label).toBe(answer.status);
    expect(answer.headers['x-request-id'], `${label}: X-Request-Id equals the envelope's requestId`).toBe((body as { error: { requestId: string } }).error.requestId);
    if (answer.status === 401) expect(answer.headers['www-authenticate'], label).toMatch(/^Bearer realm="/);
    if (want.code) expect(error.code, label).toBe(want.code);
    if (want.field) expect(Object.keys(error.details?.fieldErrors ?? {}), `${label}: ${answer.body}`).toContain(want.field);
  }
}

for (const kind of targets) {
  describe(`abuse corpus against the ${kind}`, () => {
    let target: Target;
    let cases: AbuseCase[] = [];
    beforeAll(async () => {
      target = kind === 'mock' ? await mockTarget() : await sandboxTarget();
      cases = corpus(target.ctx);
    }, 60_000);
    afterAll(async () => target?.stop());

    // The case list is built per target (ids are filled in), so the tests iterate names from a context-free build.
    const names = corpus({ key: 'k', project: 'p', influencer: 'i' });
    for (const [index, template] of names.entries()) {
      if (template.sandboxOnly && kind === 'mock') continue;
      it(`${template.class}: ${template.name}`, async () => {
        const c = cases[index]!;
        const before = await target.snapshot();
        const answer = await sendRaw(target.port, c.request, { ...(c.pieces ? { pieces: c.pieces } : {}), ...(c.gapMs ? { gapMs: c.gapMs } : {}), ...(c.endAfterSend ? { endAfterSend: true } : {}) });
        checkAnswer(answer, (kind === 'mock' && c.mock) || c.expect, c.name);
        await target.plain();
        expect(await target.snapshot(), 'nothing stored changed').toBe(before);
      }, 20_000);
    }

    it('caps connections and closes idle keep-alive connections', async () => {
      const net = await import('node:net');
      const sockets = await Promise.all(
        Array.from({ length: LIMITS.maxConnections + 10 }, () => new Promise<import('node:net').Socket>((resolve) => {
          const s = net.connect(target.port, '127.0.0.1', () => resolve(s));
          s.on('error', () => resolve(s));
          // Read what the server sends, as a client does: a socket nobody reads never sees the FIN
          // behind the server's 408 (the headers timeout can answer an idle connection before the
          // idle timeout closes it silently), so it would look open for ever.
          s.resume();
        })),
      );
      const closedWithin = (ms: number) => Promise.all(sockets.map((s) => new Promise<boolean>((resolve) => {
        if (s.destroyed || s.readyState === 'closed') return resolve(true);
        const t = setTimeout(() => resolve(false), ms);
        s.once('close', () => { clearTimeout(t); resolve(true); });
      })));
      // Sockets that never send a request are closed by the idle timeout; those past the cap at once.
      // Generous margin (closing takes the headers or idle timeout, 1–1.5 s): on a loaded two-core
      // machine timers fire late, and this checks that the sockets are closed, not how fast.
      const closed = await closedWithin(LIMITS.idleTimeoutMs + 10_000);
      for (const s of sockets) s.destroy();
      expect(closed.filter((c) => !c).length, `sockets still open of ${sockets.length}`).toBe(0);
      await target.plain();
    }, 30_000);
  });
}
