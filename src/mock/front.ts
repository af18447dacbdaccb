/**
 * The mock: Prism over the bundled contract, behind the contract front (src/http) that the
 * sandbox uses too. The front authenticates (any key; the mock has no key store), validates every
 * request against the contract exactly as the sandbox does, and only then asks Prism for the
 * operation's example. So a partner gets the sandbox's real 4xx answers (the field that is wrong,
 * not a canned example), and Prism never sees a request it could trip over.
 *
 * The fixes this module makes to Prism's answers are listed in FIXES (each has a test in
 * tests/mock/); everything else in a 2xx answer is Prism's: example selection and `Prefer`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { readBundle } from '../contract/bundle.js';
import { ApiError } from '../contract/errors.js';
import type { OpenApiDocument } from '../contract/oas.js';
import { presentedKey } from '../http/credentials.js';
import { createFront, type FrontAnswer } from '../http/front.js';
import { headerValues } from '../http/headers.js';
import type { HttpLimits } from '../http/limits.js';
import { loadContract } from '../contract/model.js';
import { checkDefaultExamples, createdLocation, preferFor, readPreference } from './prefer.js';
import { BoundedMap } from '../lib/bounded-map.js';
import { startPrism, type RunningPrism } from './prism.js';

/** What the mock changes about Prism, by name. */
export const FIXES = {
  /** Prism prefers a schema's own `examples` over the response's named examples; the copy it serves has none. */
  responseExamplesWin: 'schema-level examples are removed from the document Prism serves',
  /** Every request is validated by the contract front before Prism sees it (real field errors; no Prism crash on odd input). */
  frontValidates: 'requests are validated by the shared contract front, as the sandbox validates them',
  /** Prism takes only `Bearer` with a capital B; the scheme name is case-insensitive. */
  bearerCaseInsensitive: 'the Authorization scheme is normalized to `Bearer`',
  /** Prism's own error answers (`application/problem+json`) become the contract's envelope. */
  problemToEnvelope: 'Prism problem+json answers are mapped into the error envelope',
  /** If Prism exits, it is started again; requests meanwhile get a clear 500, never a hang. */
  restartPrism: 'a Prism that exits is restarted',
  /** Every canned error example carries one requestId; the answer carries this request's, equal to X-Request-Id. */
  requestIds: 'error bodies and X-Request-Id name this request (Prism\'s own X-Request-Id and sl-violations headers are dropped)',
  /** A job read that asks for no example answers `succeeded`, so waitForJob and the *AndWait helpers end at once. */
  jobsFinish: 'getJob answers its `succeeded` example unless Prefer asks for another',
  /** A page read with a cursor answers `last_page` (nextCursor null), so pagination ends after two pages. */
  pagesEnd: 'listInfluencers with a cursor answers its `last_page` example unless Prefer asks for another',
  /** Prism answers an undocumented `Prefer: code=` or example name with 404 "No such operation". */
  preferChecked: 'an undocumented Prefer code or example name is a 422 listing what can be asked for',
  /** Prism's `dynamic=true` makes up values that break the contract's formats (year-5250 dates). */
  dynamicRefused: 'Prefer: dynamic=true is refused with a 422 saying what to use instead',
  /** Prism copies the header examples, so a first request said `Idempotency-Replayed: true`; the mock never replays. */
  noReplayHeader: 'Idempotency-Replayed is never sent (the mock stores nothing, so nothing is a replay)',
  /** Prism copies the `Location` example (a job path) onto createProject's 201. */
  createdLocation: 'a 201\'s Location is the created resource\'s path, from the body\'s id',
  /** Prism negotiates on Accept and failed (500) on `Accept: text/html`; the API always answers JSON. */
  acceptIgnored: 'Accept is not forwarded to Prism: every answer is JSON, as the sandbox\'s',
} as const;

export interface RunningMock {
  url: string;
  prism: RunningPrism;
  stop(): Promise<void>;
}

/** A mock's answer, before it is sent; a `transform` may rewrite it (the broken-server test fixture does). */
export interface MockAnswer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface MockOptions {
  port?: number;
  logLevel?: 'error' | 'warn' | 'info';
  transform?: (answer: MockAnswer) => MockAnswer;
  limits?: Partial<HttpLimits>;
  log?: (line: string) => void;
}

export function mockDocument(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc);
  for (const schema of Object.values(copy.components?.schemas ?? {})) delete schema.examples;
  return copy;
}

const PROBLEM_CODES: Record<number, ApiError['code']> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'VALIDATION' };

/** Prism's problem+json as the envelope's error (exported for its unit test: the front now pre-empts every case seen on the wire). */
export function problemToError(status: number, text: string): ApiError {
  let title = '';
  try {
    const problem: unknown = JSON.parse(text);
    if (typeof problem === 'object' && problem !== null && typeof (problem as { title?: unknown }).title === 'string') title = (problem as { title: string }).title;
  } catch {
    // not JSON: no title
  }
  const code = PROBLEM_CODES[status];
  if (code) return new ApiError(code, title ? `The mock could not answer: ${title}` : 'The mock could not answer this request.');
  return new ApiError('INTERNAL', `Prism failed${title ? `: ${title}` : ''}.`);
}

/** An error envelope from Prism's examples with this request's id. */
function withRequestId(text: string, requestId: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'object' && parsed.error !== null) {
      return JSON.stringify({ ...parsed, error: { ...parsed.error, requestId } });
    }
  } catch {
    // not JSON: leave it to the contract checks
  }
  return text;
}

/**
 * Headers forwarded to Prism: the ones an operation reads (`prefer` is checked and completed first).
 * Not `accept`: the API answers JSON whatever it says, as the sandbox does, and Prism turned
 * `Accept: text/html` into a 500.
 */
const FORWARDED = ['idempotency-key'];
/** Prism's headers the mock does not pass on: hop-by-hop ones, its made-up ids and violation reports, and replay claims. */
const DROPPED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'x-request-id', 'sl-violations', 'idempotency-replayed']);

interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Prism's answers kept at once (oldest out first), and the largest request body a kept answer is keyed by. */
const ANSWERS_KEPT = 2_000;
const KEYED_BODY_BYTES = 2_048;

/**
 * Prism's static mode answers a request from the contract's examples alone: the same request
 * (method, target, forwarded headers, body) always gets the same answer. So the front keeps them
 * and asks Prism once per distinct request; per-request parts (X-Request-Id, the envelope's
 * requestId, Location, a transform) are applied to every answer afterwards. The proxy then costs
 * a map lookup instead of a round trip through Prism's validation and example selection.
 */
function cacheKey(method: string, target: string, headers: Record<string, string>, body: Buffer): string | undefined {
  if (body.length > KEYED_BODY_BYTES) return undefined;
  return `${method} ${target}\n${headers.prefer ?? ''}\n${headers['idempotency-key'] ?? ''}\n${body.toString('latin1')}`;
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), 'layers-mock-'));
  const specPath = join(dir, 'openapi.mock.json');
  const contract = loadContract(readBundle());
  checkDefaultExamples(contract);
  writeFileSync(specPath, JSON.stringify(mockDocument(contract.doc)));

  let stopping = false;
  const answers = new BoundedMap<string, UpstreamAnswer>(ANSWERS_KEPT);
  let prism = await startPrism({ mode: 'mock', spec: specPath, logLevel: options.logLevel ?? 'error' });
  let pool = new Pool(prism.url, { connections: 16, keepAliveTimeout: 10_000 });
  let restarting: Promise<void> | undefined;
  const supervise = (running: RunningPrism) => {
    void running.exited.then(() => {
      if (stopping) return;
      log(`mock: Prism (pid ${running.pid}) exited; starting it again`);
      restarting = (async () => {
        await pool.close().catch(() => {});
        prism = await startPrism({ mode: 'mock', spec: specPath, logLevel: options.logLevel ?? 'error' });
        pool = new Pool(prism.url, { connections: 16, keepAliveTimeout: 10_000 });
        supervise(prism);
      })()
        .catch((error: unknown) => log(`mock: could not restart Prism: ${String(error)}`))
        .finally(() => (restarting = undefined));
    });
  };
  supervise(prism);

  const front = await createFront<string>({
    ...(options.limits ? { limits: options.limits } : {}),
    log,
    authenticate: (request) => presentedKey(request),
    async handle(request, input, key, req): Promise<FrontAnswer> {
      if (restarting) await restarting;
      const preferValues = headerValues(req.raw, 'prefer');
      const prefer = preferFor(request.op, readPreference(request.op, preferValues), input.query, preferValues.length ? preferValues.join(', ') : undefined);
      const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...(prefer ? { prefer } : {}) };
      for (const name of FORWARDED) {
        const values = headerValues(req.raw, name);
        if (values.length) headers[name] = values.join(', ');
      }
      const hasBody = input.rawBody.length > 0;
      if (hasBody) headers['content-type'] = 'application/json';
      const kept = cacheKey(request.op.method, req.url, headers, input.rawBody);
      let upstream = kept === undefined ? undefined : answers.get(kept);
      if (!upstream) {
        try {
          const response = await pool.request({
            method: request.op.method.toUpperCase() as 'GET',
            path: req.url,
            headers,
            ...(hasBody ? { body: input.rawBody } : {}),
          });
          upstream = { status: response.statusCode, headers: response.headers, text: await response.body.text() };
        } catch (error) {
          log(`mock: Prism did not answer: ${String(error)}`);
          throw new ApiError('INTERNAL', 'The mock could not reach Prism; it is being restarted. Retry shortly.');
        }
        if (kept !== undefined) answers.set(kept, upstream);
      }
      const { status, headers: upstreamHeaders, text } = upstream;
      const contentType = String(upstreamHeaders['content-type'] ?? '');
      if (contentType.startsWith('application/problem+json')) throw problemToError(status, text);
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(upstreamHeaders)) {
        if (value === undefined || DROPPED.has(name)) continue;
        out[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      // Prism's examples all carry one canned requestId; the answer names this request, as the header does.
      const body = status >= 400 ? withRequestId(text, req.id) : text;
      const path = req.url.split('?')[0] ?? '/';
      if (status === 201) {
        const location = createdLocation(contract, request.op, path, body);
        if (location) out.location = location;
      }
      let answer: MockAnswer = { method: request.op.method.toUpperCase(), path, status, headers: out, body };
      if (options.transform) answer = options.transform(answer);
      return { status: answer.status, body: answer.body, headers: answer.headers };
    },
  });

  await listen(front.server, options.port ?? 0);
  const { port } = front.server.address() as AddressInfo; // a TCP listener's address is an AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get prism() {
      return prism;
    },
    async stop() {
      stopping = true;
      front.server.closeAllConnections();
      await new Promise<void>((resolve) => front.server.close(() => resolve()));
      await pool.close().catch(() => {});
      await prism.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
