/**
 * MSW request handlers for every operation of the contract, stateful in memory. Requests are
 * validated by the contract's own request validation (`compileRequests`, as the mock and the
 * sandbox validate them), errors answer in the contract's envelope with its status for each code,
 * and every answer carries `X-Request-Id`.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Influencer, InfluencerCloneRequest, InfluencerCreateRequest, InfluencerPatchRequest, ProjectCreateRequest } from '../../generated/schema.js';
import { ApiError, envelope, notFound } from '../contract/errors.js';
import { newRequestId } from '../contract/ids.js';
import { colonPath, loadContract, type Contract, type OperationId } from '../contract/model.js';
import { compileRequests, type ClientRecord, type CompiledRequest } from '../contract/requests.js';
import type { CreateHandlersOptions } from './index.js';
import { createStore, type Store } from './store.js';

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Call {
  params: ClientRecord;
  query: ClientRecord;
  body: unknown;
}

type Operation = (call: Call) => Answer;

const ok = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({ status, body, headers });

/** A page cursor: the offset, opaque to the client and inside the contract's Cursor pattern. */
const encodeCursor = (offset: number) => `o${offset.toString(36)}`;
function decodeCursor(cursor: unknown): number {
  const match = typeof cursor === 'string' ? /^o([0-9a-z]+)$/.exec(cursor) : null;
  if (!match) throw new ApiError('VALIDATION', 'Invalid query.', { fieldErrors: { cursor: ['Unknown cursor: pass back only a nextCursor this API returned.'] } });
  return parseInt(match[1]!, 36);
}

function operations(store: Store): Record<OperationId, Operation> {
  const project = (id: unknown) => store.project(String(id)) ?? throwing(notFound('Project'));
  const influencer = (id: unknown): Influencer => store.influencer(String(id)) ?? throwing(notFound('Influencer'));
  return {
    createProject: ({ body }) => {
      const created = store.createProject(body as ProjectCreateRequest); // validated against ProjectCreateRequest
      return ok(201, created, { location: `/v1/projects/${created.projectId}` });
    },
    getProject: ({ params }) => ok(200, project(params.projectId)),
    createInfluencer: ({ params, body }) => {
      const job = store.createInfluencer(project(params.projectId), body as InfluencerCreateRequest); // validated
      return ok(202, job, { location: job.locationUrl });
    },
    listInfluencers: ({ params, query }) => {
      const all = store.influencersOf(String(project(params.projectId).projectId));
      const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
      const limit = Number(query.limit);
      const data = all.slice(offset, offset + limit);
      return ok(200, { data, nextCursor: offset + limit < all.length ? encodeCursor(offset + limit) : null });
    },
    getInfluencer: ({ params }) => ok(200, influencer(params.influencerId)),
    patchInfluencer: ({ params, body }) => ok(200, store.patch(influencer(params.influencerId), body as InfluencerPatchRequest)), // validated
    deleteInfluencer: ({ params }) => {
      const target = influencer(params.influencerId);
      return ok(200, { influencerId: target.influencerId, status: 'deleted', deletedAt: store.remove(target) });
    },
    cloneInfluencer: ({ params, body }) => {
      const job = store.cloneInfluencer(influencer(params.influencerId), body as InfluencerCloneRequest); // validated
      return ok(202, job, { location: job.locationUrl });
    },
    getJob: ({ params }) => ok(200, store.job(String(params.jobId)) ?? throwing(notFound('Job'))),
  };
}

function throwing(error: Error): never {
  throw error;
}

function presentedKey(request: Request): string {
  const authorization = request.headers.get('authorization');
  const apiKey = request.headers.get('x-api-key');
  const bearer = authorization === null ? undefined : /^bearer +(\S+)$/i.exec(authorization.trim())?.[1];
  if (authorization !== null && bearer === undefined) throw new ApiError('UNAUTHENTICATED', 'Authorization must be `Bearer <api key>`.');
  if (bearer !== undefined && apiKey !== null && bearer !== apiKey) throw new ApiError('UNAUTHENTICATED', 'Authorization and X-Api-Key name different keys.');
  const key = bearer ?? apiKey ?? '';
  if (key === '') throw new ApiError('UNAUTHENTICATED', 'Missing API key: send `Authorization: Bearer <api key>`.');
  return key;
}

const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : typeof value === 'object' && value !== null
      ? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(value);

export function createContractHandlers(options: CreateHandlersOptions = {}, contract: Contract = loadContract()): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? 'https://api.layers.com').replace(/\/+$/, '');
  const store = createStore(contract, { jobMs: options.jobDurationMs ?? 0, mediaBaseUrl: baseUrl });
  const requests = compileRequests(contract);
  const byId = operations(store);
  const challenge = contract.doc.components?.headers?.WWWAuthenticate?.example;
  const replays = new Map<string, { fingerprint: string; answer: Answer }>();

  const respond = (answer: Answer, requestId: string) =>
    HttpResponse.json(answer.body as Record<string, unknown>, { status: answer.status, headers: { ...answer.headers, 'x-request-id': requestId } });

  async function handle(compiled: CompiledRequest, request: Request, params: Record<string, string>): Promise<Answer> {
    const key = presentedKey(request);
    if (options.apiKey !== undefined && key !== options.apiKey) throw new ApiError('UNAUTHENTICATED', 'Unknown API key.');
    const url = new URL(request.url);
    const call: Call = {
      params: compiled.validatePath(params),
      query: compiled.parseQuery(url.search.slice(1)),
      body: undefined,
    };
    const idempotencyKey = compiled.takesIdempotencyKey ? compiled.idempotencyKey(request.headers.has('idempotency-key') ? [request.headers.get('idempotency-key')!] : []) : undefined;
    // parseBody reads only length and bytes, which a Uint8Array has in every runtime.
    if (compiled.takesBody) call.body = compiled.parseBody(new Uint8Array(await request.arrayBuffer()) as Buffer, request.headers.get('content-type') ?? undefined);
    const operation = byId[compiled.op.operationId];
    if (idempotencyKey === undefined) return operation(call);
    const slot = `${key}\u0000${compiled.op.operationId}\u0000${idempotencyKey}`;
    const fingerprint = `${request.method} ${url.pathname} ${canonical(call.body)}`;
    const earlier = replays.get(slot);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request.');
      return { ...earlier.answer, headers: { ...earlier.answer.headers, 'idempotency-replayed': 'true' } };
    }
    const answer = operation(call);
    replays.set(slot, { fingerprint, answer });
    return answer;
  }

  return contract.operations.map((op) => {
    const compiled = requests.get(op.operationId)!; // compiled from the same operations
    return http[op.method as 'get'](`${baseUrl}${colonPath(op.path)}`, async ({ request, params }) => {
      const requestId = newRequestId();
      try {
        return respond(await handle(compiled, request, params as Record<string, string>), requestId);
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL', 'The MSW double failed; this is a bug in @layers/partner-api/msw.');
        const headers = { ...apiError.headers, ...(apiError.status === 401 && challenge ? { 'www-authenticate': String(challenge) } : {}) };
        return respond({ status: apiError.status, body: envelope(apiError, requestId), headers }, requestId);
      }
    });
  });
}
