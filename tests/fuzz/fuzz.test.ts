/**
 * A Schemathesis-style fuzz run derived from the contract (see tests/fuzz/README.md).
 *
 * For every operation: VALID requests generated from its schemas (lib/generate.ts), and INVALID
 * requests, each a valid one with exactly one fault (lib/mutate.ts), confirmed invalid by the
 * contract's own validator before it is sent. Every response is checked: no 5xx, conforms to the
 * contract (tests/suite/lib/call.ts), invalid requests rejected with the documented status and
 * code, and on the sandbox nothing invalid changed the database (lib/world.ts snapshots).
 *
 * FUZZ_TARGET=mock (default) | sandbox · FUZZ_SEED (default 20240611) · FUZZ_RUNS (default 25).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, type CallInit, type CallResult } from '../suite/lib/call.js';
import { operation, operations } from '../support/contract.js';
import { FRESH_INFLUENCER, validRequestArbitrary, type FuzzRequest, type ValidContext } from './lib/generate.js';
import { mutationKinds, type InvalidContext, type Mutation } from './lib/mutate.js';
import { countsTable, describeRequest, failureMessage, kindsTable, statsOf } from './lib/report.js';
import { snapshotDiff, startWorld, type FuzzWorld } from './lib/world.js';

const TARGET = process.env.FUZZ_TARGET ?? 'mock';
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Requests spent shrinking a failure before the smallest failing request so far is reported. */
const SHRINK_BUDGET = Number(process.env.FUZZ_SHRINK_BUDGET ?? 60);
const TIMEOUT = 120_000;
/** FUZZ_VERBOSE=1 logs every request with its answer and timing. */
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
if (!Number.isSafeInteger(SEED) || !Number.isSafeInteger(RUNS) || RUNS < 1) throw new Error('FUZZ_SEED and FUZZ_RUNS must be integers (FUZZ_RUNS ≥ 1)');

const STATELESS = TARGET === 'mock';
const SKIP_STATE = 'the mock remembers nothing (every id answers, no database): unknown, deleted and other-org ids, issued cursors and state changes can only be checked on the sandbox';
const SKIP_KEYS = 'the mock accepts any key (it checks only that one is present): wrong and disagreeing keys can only be checked on the sandbox';

const operationIds = operations.map((op) => op.operationId);
console.log(`fuzz: target ${TARGET}, FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS} (valid requests per operation; invalid requests: ≥${RUNS} per operation, split over the kinds of fault)`);
if (STATELESS) console.log(`fuzz: on the mock, checks skipped: ${SKIP_STATE}; ${SKIP_KEYS}`);

let world: FuzzWorld;
let keyCounter = 0;
/**
 * Set when the target died answering a request (the mock's Prism crashed) or gave no response at all
 * (reset, timeout): shrinking then would only find noise or wait on timeouts, so the failing
 * request is reported as generated.
 */
let stopShrinking = false;
/** The mock's Prism process died on the last request. */
let targetDied = false;

beforeAll(async () => {
  world = await startWorld(TARGET);
}, TIMEOUT);

beforeEach(async () => {
  const note = await world.revive();
  if (note) console.log(`fuzz: ${note}`);
  targetDied = false;
  stopShrinking = false;
});

afterAll(async () => {
  console.log(`\n${countsTable(`fuzz counts, target ${TARGET}, FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS}`, operationIds)}\n`);
  console.log(`${kindsTable(operationIds)}\n`);
  if (STATELESS) {
    const non2xx = operationIds.map((id) => [id, statsOf(id).validNon2xx] as const).filter(([, n]) => n > 0);
    console.log(`mock: valid requests answered with a documented non-2xx: ${non2xx.length ? non2xx.map(([id, n]) => `${id} ×${n}`).join(', ') : 'none'}\n`);
  }
  await world?.stop();
});

/** What the generators may use of the target: real ids on the sandbox, generated ones on the mock. */
function contexts(): { valid: ValidContext; invalid: InvalidContext } {
  const uniqueKey = (key: string) => `${key}.${++keyCounter}`;
  const r = world.resources;
  if (!r) return { valid: {}, invalid: { apiKey: world.target.apiKey } };
  const ids = { projectId: [r.projectId], influencerId: r.influencerIds, jobId: r.jobIds };
  return {
    valid: {
      ids,
      cursors: r.cursors,
      uniqueKey,
      // Deleting needs a live influencer each time: the runner creates one just before the request.
      idsFor: (operationId, param) => (operationId === 'deleteInfluencer' && param === 'influencerId' ? fc.constant(FRESH_INFLUENCER) : undefined),
    },
    invalid: { ids, cursors: r.cursors, uniqueKey, apiKey: world.target.apiKey, otherKey: r.other.key, deletedInfluencerId: r.deletedInfluencerId, other: r.other },
  };
}

/** fast-check prints counterexamples with this, so a 100k-character body stays readable. */
function printable<T extends object>(value: T, text: () => string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: text, enumerable: false });
  return value;
}

function toInit(request: FuzzRequest, path: Record<string, string>, invalid: boolean): CallInit {
  const init: CallInit = { path, invalid };
  if (request.query) init.query = request.query;
  if (request.rawBody !== undefined) init.rawBody = request.rawBody;
  else if (request.body !== undefined) init.body = request.body;
  if (request.contentType !== undefined) init.contentType = request.contentType;
  if (request.auth !== undefined) init.auth = request.auth;
  if (request.headers) init.headers = request.headers;
  return init;
}

/**
 * fc.assert over an async property; counts only first-time runs (not shrinking replays), and after
 * SHRINK_BUDGET shrinking steps stops sending, so the smallest failing request found so far is the
 * counterexample fast-check reports (with the seed and path).
 */
async function runProperty<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, check: (value: T, counting: boolean) => Promise<void>): Promise<void> {
  let failed = false;
  let shrinkSteps = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      if (failed && (stopShrinking || ++shrinkSteps > SHRINK_BUDGET)) return;
      try {
        await check(value, !failed);
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
    { seed: SEED, numRuns },
  );
}

/** The request sent before the current one: a network error can be the previous request's doing (same keep-alive connection). */
let previous: { request: FuzzRequest; path: Record<string, string> } | undefined;

interface Sent {
  path: Record<string, string>;
  result?: CallResult;
  /** No HTTP response at all (connection reset, timeout). */
  networkError?: string;
  /** The response came, but the connection it came on was broken for the next request. */
  brokenConnection?: string;
}

/**
 * A cheap request right after each fuzz request, on the same keep-alive connection: if the server
 * answered and then broke the connection, this request fails, and the failure is pinned on the
 * request that caused it rather than on whichever request happens to come next.
 */
async function probeConnection(): Promise<string | undefined> {
  try {
    const response = await fetch(`${world.target.directUrl}/v1/jobs/job_00000000000000000000000000`, { headers: { authorization: `Bearer ${world.target.apiKey}` }, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
  }
}

async function send(request: FuzzRequest, invalid: boolean): Promise<Sent> {
  const path = { ...request.path };
  for (const [name, value] of Object.entries(path)) if (value === FRESH_INFLUENCER) path[name] = await world.freshInfluencer();
  const before = previous;
  previous = { request, path };
  const started = Date.now();
  const log = (outcome: string) => VERBOSE && console.log(`fuzz: ${request.operationId} ${invalid ? 'invalid' : 'valid'} → ${outcome} (${Date.now() - started} ms) ${describeRequest(request, path).split('\n')[0]!.slice(0, 120)}`);
  try {
    const result = await call(world.target, request.operationId, toInit(request, path, invalid));
    log(String(result.status));
    if (world.name === 'mock' && result.status === 500 && result.bodyText.includes('could not reach Prism')) targetDied = stopShrinking = true;
    const broken = await probeConnection();
    if (broken) stopShrinking = true;
    return { path, result, ...(broken ? { brokenConnection: broken } : {}) };
  } catch (error) {
    log(`no response: ${(error as Error).message}`);
    stopShrinking = true;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const what = `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
    const hint = before ? `\n      the request sent just before (same keep-alive connection, possibly the cause):\n      ${describeRequest(before.request, before.path).replace(/\n/g, '\n      ')}` : '';
    return { path, networkError: `${what}${hint}` };
  }
}

/** Problems every response must not have: no response, 5xx, contract violations. */
function basicProblems(sent: Sent): string[] {
  if (!sent.result) return [`no HTTP response: ${sent.networkError ?? 'unknown error'}`];
  const { result } = sent;
  const problems: string[] = [];
  if (sent.brokenConnection) problems.push(`after answering, the server broke the keep-alive connection: the next request on it failed with ${sent.brokenConnection}`);
  if (result.status >= 500) problems.push(`server error ${result.status}${targetDied ? " (the mock's Prism process died on this request)" : ''}`);
  problems.push(...result.violations.map((v) => `contract violation: ${v}`));
  return problems;
}

async function checkValid(request: FuzzRequest, counting: boolean): Promise<void> {
  const expected = operation(request.operationId).successStatus;
  const sent = await send(request, false);
  const { result } = sent;
  const problems = basicProblems(sent);
  const wrong = !result || (!STATELESS && result.status !== expected);
  if (result && wrong) problems.push(`a valid request must get ${expected}, got ${result.status}${result.json?.error?.code ? ` ${String(result.json.error.code)}` : ''}`);
  if (counting) {
    const s = statsOf(request.operationId);
    s.validSent += 1;
    if (result && result.status >= 500) s.serverErrors += 1;
    if (result?.violations.length) s.contractViolations += 1;
    if (wrong) s.wrongRejections += 1;
    if (!result || sent.brokenConnection) s.connectionErrors += 1;
    if (STATELESS && result && !(result.status >= 200 && result.status < 300)) s.validNon2xx += 1;
  }
  if (problems.length) {
    throw new Error(
      failureMessage({
        target: TARGET,
        seed: SEED,
        runs: RUNS,
        operationId: request.operationId,
        check: `valid request, expected ${STATELESS ? 'a documented status' : expected}`,
        problems,
        request,
        resolvedPath: sent.path,
        ...(result ? { result } : {}),
      }),
    );
  }
}

async function checkInvalid(mutation: Mutation, counting: boolean): Promise<void> {
  const { request, expect: want } = mutation;
  const before = STATELESS ? undefined : await world.snapshot();
  const sent = await send(request, true);
  const { result } = sent;
  const changes = before ? snapshotDiff(before, await world.snapshot()) : [];
  const problems = basicProblems(sent);
  const code = result?.json?.error?.code as string | undefined;
  const wrong = !result || result.status !== want.status || code !== want.code;
  if (result && wrong) problems.push(`expected ${want.status} ${want.code}, got ${result.status}${code ? ` ${code}` : ''}`);
  if (changes.length) problems.push(`the invalid request changed the database: ${changes.join('; ')}`);
  if (counting) {
    const s = statsOf(request.operationId);
    s.invalidSent += 1;
    s.kinds.set(mutation.kind, (s.kinds.get(mutation.kind) ?? 0) + 1);
    if (result && result.status >= 500) s.serverErrors += 1;
    if (result?.violations.length) s.contractViolations += 1;
    if (wrong) s.wrongRejections += 1;
    if (!result || sent.brokenConnection) s.connectionErrors += 1;
    if (before) s.stateChecks += 1;
    if (changes.length) s.stateChanged += 1;
  }
  if (problems.length) {
    throw new Error(
      failureMessage({
        target: TARGET,
        seed: SEED,
        runs: RUNS,
        operationId: request.operationId,
        check: `invalid request (${mutation.kind}: ${mutation.note}), expected ${want.status} ${want.code}`,
        problems,
        request,
        resolvedPath: sent.path,
        ...(result ? { result } : {}),
        extra: [`why it is invalid: ${mutation.evidence}`],
      }),
    );
  }
}

describe.each(operationIds)('%s', (operationId) => {
  const op = operation(operationId);
  // Kind names and needs are known before the target runs; the arbitraries are rebuilt with real ids in each test.
  const kinds = mutationKinds(operationId, { apiKey: 'sk_placeholder' });
  // FUZZ_RUNS invalid requests per operation, split over the kinds this target can check (at least 3 each).
  const perKind = Math.max(3, Math.ceil(RUNS / kinds.filter((k) => !(STATELESS && k.needs)).length));

  it(`valid requests generated from the contract: ${op.successStatus} on the sandbox, a documented status on the mock`, async () => {
    const arbitrary = validRequestArbitrary(operationId, contexts().valid, world.target.apiKey).map((r) => printable(r, () => describeRequest(r)));
    await runProperty(arbitrary, RUNS, checkValid);
    expect(statsOf(operationId).validSent).toBeGreaterThan(0);
  }, TIMEOUT);

  it.for(kinds.map((k) => k.kind))(`invalid: %s → rejected as documented${STATELESS ? '' : ', database unchanged'}`, { timeout: TIMEOUT }, async (kind, ctx) => {
    const placeholder = kinds.find((k) => k.kind === kind)!;
    if (STATELESS && placeholder.needs) {
      ctx.skip(placeholder.needs === 'state' ? SKIP_STATE : SKIP_KEYS);
      return;
    }
    const real = mutationKinds(operationId, contexts().invalid).find((k) => k.kind === kind);
    if (!real) throw new Error(`mutation kind ${kind} disappeared`);
    const arbitrary = real.arbitrary.map((m) => printable(m, () => `${m.kind}: ${m.note}\n${describeRequest(m.request)}`));
    await runProperty(arbitrary, perKind, checkInvalid);
  });

  it('no invalid request changed the database (row counts per org, the targeted rows and their updated_at)', (ctx) => {
    if (STATELESS) {
      ctx.skip(SKIP_STATE);
      return;
    }
    const s = statsOf(operationId);
    expect(s.stateChecks, 'invalid requests whose effect on the database was compared').toBeGreaterThan(0);
    expect(s.stateChanged, 'invalid requests that changed the database').toBe(0);
  });
});

describe('coverage', () => {
  it('fuzzed every operation of the contract with valid and invalid requests', () => {
    const missing = operationIds.filter((id) => statsOf(id).validSent === 0 || statsOf(id).invalidSent === 0);
    expect(operationIds.length).toBeGreaterThan(0);
    expect(missing, 'operations without valid or without invalid requests').toEqual([]);
  });
});
