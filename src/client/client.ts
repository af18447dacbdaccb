import createClient, { type Client } from 'openapi-fetch';
import type {
  ErrorEnvelope,
  Influencer,
  InfluencerCloneRequest,
  InfluencerCreateRequest,
  InfluencerDeleted,
  InfluencerDeleteRequest,
  InfluencerList,
  InfluencerPatchRequest,
  Job,
  operations,
  paths,
  Project,
  ProjectCreateRequest,
} from '../../generated/schema.js';
import { apiErrorFor, LayersApiError, LayersJobFailedError } from './errors.js';
import { isTerminal, pollJob, type WaitForJobOptions } from './jobs.js';
import { paginate } from './pagination.js';
import { createTransport, parseRetryAfter, type TransportOptions } from './transport.js';

export interface LayersClientOptions {
  apiKey: string;
  /** Default `https://api.layers.com`. */
  baseUrl?: string;
  /** Default `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Retries after the first attempt, on 429, 5xx, 409 IDEMPOTENCY_KEY_IN_USE, timeouts and network errors, for GET/HEAD/DELETE and keyed POSTs (never PATCH). Default 3. */
  maxRetries?: number;
  /** Base of the exponential backoff with full jitter: retry n sleeps a random 0..base×2^n ms. Default 500. */
  retryBaseDelayMs?: number;
  /** Cap on any one backoff sleep, including a longer `Retry-After` from the server. Default 30000. */
  retryMaxDelayMs?: number;
  /** Per attempt, including reading the body. Default 60000. */
  timeoutMs?: number;
  /** Headers sent on every request (say `Prefer` for the mock, or a tracing header); `Authorization` is always the apiKey's. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  /** Aborts the in-flight request and any backoff sleep; the call rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's. */
  timeoutMs?: number;
  /** Headers for this call, over the client's `headers`. */
  headers?: Record<string, string>;
}

/** What the response of a successful call said besides its body: `result.lastResponse`. */
export interface LayersResponse {
  operationId: string;
  method: string;
  url: string;
  status: number;
  headers: Headers;
  /** `X-Request-Id`: quote it to support. */
  requestId?: string;
  /** `true` when the server replayed an earlier request with the same `Idempotency-Key` (`Idempotency-Replayed: true`). */
  idempotencyReplayed: boolean;
  /** The `Idempotency-Key` the call sent (POSTs), generated or yours. */
  idempotencyKey?: string;
  /** 1 + the retries the call made. */
  attempts: number;
}

/**
 * A response body with its metadata on a non-enumerable `lastResponse` (as Stripe's SDK does): it
 * stays out of JSON.stringify, spreads and structuredClone, so the body is still the contract's.
 */
export type WithResponse<T> = T & { readonly lastResponse: LayersResponse };

export interface PostRequestOptions extends RequestOptions {
  /** Sent as `Idempotency-Key`; a UUID is generated when omitted. The same key is reused on every retry of the call. */
  idempotencyKey?: string;
}

/** `timeoutMs` bounds the wait for the job (default 5 minutes); requests use the client's per-attempt timeout. */
export interface AndWaitOptions extends WaitForJobOptions {
  idempotencyKey?: string;
}

type PathParams<K extends keyof operations> = operations[K]['parameters']['path'];
export type ListInfluencersParams = PathParams<'listInfluencers'> &
  NonNullable<operations['listInfluencers']['parameters']['query']>;

interface CallInit {
  signal?: AbortSignal;
  headers: Record<string, string>;
  fetch: (request: Request) => Promise<Response>;
}

function toApiError(operationId: string, response: Response, body: unknown, attempts: number): LayersApiError {
  const e = (body as Partial<ErrorEnvelope> | null | undefined)?.error;
  const headerId = response.headers.get('X-Request-Id') ?? undefined;
  const base = {
    status: response.status,
    operationId,
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
    headers: response.headers,
    attempts,
  };
  return apiErrorFor(
    e && typeof e.code === 'string' && typeof e.message === 'string'
      ? { ...base, code: e.code, message: e.message, requestId: e.requestId ?? headerId, details: e.details }
      : { ...base, code: 'UNEXPECTED_RESPONSE', message: `${operationId}: unexpected HTTP ${response.status} response`, requestId: headerId },
  );
}

function attachResponse<T>(data: T, lastResponse: LayersResponse): WithResponse<T> {
  Object.defineProperty(data, 'lastResponse', { value: lastResponse, enumerable: false, configurable: true, writable: false });
  return data as WithResponse<T>; // the property was just defined
}

export class LayersClient {
  /** The underlying openapi-fetch client, with auth, Idempotency-Keys, timeouts and retries applied. */
  readonly raw: Client<paths>;
  readonly #transport: TransportOptions;

  constructor(options: LayersClientOptions) {
    if (!options?.apiKey) throw new TypeError('LayersClient: apiKey is required');
    this.#transport = {
      // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method of another object.
      fetch: (input, init) => (options.fetch ?? fetch)(input, init),
      maxRetries: options.maxRetries ?? 3,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      retryMaxDelayMs: options.retryMaxDelayMs ?? 30_000,
      timeoutMs: options.timeoutMs ?? 60_000,
    };
    this.raw = createClient<paths>({
      baseUrl: options.baseUrl ?? 'https://api.layers.com',
      headers: { ...options.headers, Authorization: `Bearer ${options.apiKey}` },
      fetch: createTransport(this.#transport),
    });
  }

  async #call<T>(
    operationId: string,
    // `data` is typed by the method's declared schema type: openapi-fetch's Readable<> mangles open enums (`string & {}`).
    send: (init: CallInit) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
    { signal, timeoutMs, idempotencyKey, headers }: PostRequestOptions = {},
  ): Promise<WithResponse<T>> {
    const base = this.#transport;
    let attempts = 0;
    const transport = createTransport({
      ...base,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      fetch: (input, init) => {
        attempts += 1;
        return base.fetch(input, init);
      },
    });
    let status = 0;
    let sent: Request | undefined;
    try {
      const { data, error, response } = await send({
        signal,
        headers: { ...headers, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
        fetch: async (request) => {
          sent = request;
          const response = await transport(request);
          status = response.status;
          return response;
        },
      });
      if (response.ok && data !== undefined) {
        const key = sent?.headers.get('Idempotency-Key') ?? undefined;
        const requestId = response.headers.get('X-Request-Id') ?? undefined;
        return attachResponse(data as T, {
          operationId,
          method: sent?.method ?? '',
          url: sent?.url ?? response.url,
          status: response.status,
          headers: response.headers,
          ...(requestId ? { requestId } : {}),
          idempotencyReplayed: response.headers.get('Idempotency-Replayed') === 'true',
          ...(key ? { idempotencyKey: key } : {}),
          attempts,
        });
      }
      throw toApiError(operationId, response, error, attempts);
    } catch (e) {
      // openapi-fetch throws a bare SyntaxError when a 2xx body is not JSON.
      if (!(e instanceof SyntaxError)) throw e;
      throw new LayersApiError({ status, operationId, code: 'UNEXPECTED_RESPONSE', message: `${operationId}: HTTP ${status} body is not JSON`, attempts });
    }
  }

  createProject(body: ProjectCreateRequest, options?: PostRequestOptions): Promise<WithResponse<Project>> {
    return this.#call<Project>('createProject', (init) => this.raw.POST('/v1/projects', { ...init, body }), options);
  }

  getProject(params: PathParams<'getProject'>, options?: RequestOptions): Promise<WithResponse<Project>> {
    return this.#call<Project>('getProject', (init) => this.raw.GET('/v1/projects/{projectId}', { ...init, params: { path: params } }), options);
  }

  /** Starts an `influencer_create` job; see createInfluencerAndWait to get the ready influencer. */
  createInfluencer(params: PathParams<'createInfluencer'>, body?: InfluencerCreateRequest, options?: PostRequestOptions): Promise<WithResponse<Job>> {
    return this.#call<Job>(
      'createInfluencer',
      (init) => this.raw.POST('/v1/projects/{projectId}/influencers', { ...init, params: { path: params }, body }),
      options,
    );
  }

  listInfluencers({ projectId, ...query }: ListInfluencersParams, options?: RequestOptions): Promise<WithResponse<InfluencerList>> {
    return this.#call<InfluencerList>(
      'listInfluencers',
      (init) => this.raw.GET('/v1/projects/{projectId}/influencers', { ...init, params: { path: { projectId }, query } }),
      options,
    );
  }

  getInfluencer(params: PathParams<'getInfluencer'>, options?: RequestOptions): Promise<WithResponse<Influencer>> {
    return this.#call<Influencer>('getInfluencer', (init) => this.raw.GET('/v1/influencers/{influencerId}', { ...init, params: { path: params } }), options);
  }

  /** Never retried: PATCH is not idempotent and carries no Idempotency-Key. */
  patchInfluencer(params: PathParams<'patchInfluencer'>, body: InfluencerPatchRequest, options?: RequestOptions): Promise<WithResponse<Influencer>> {
    return this.#call<Influencer>(
      'patchInfluencer',
      (init) => this.raw.PATCH('/v1/influencers/{influencerId}', { ...init, params: { path: params }, body }),
      options,
    );
  }

  deleteInfluencer(params: PathParams<'deleteInfluencer'>, body?: InfluencerDeleteRequest, options?: RequestOptions): Promise<WithResponse<InfluencerDeleted>> {
    return this.#call<InfluencerDeleted>(
      'deleteInfluencer',
      (init) => this.raw.DELETE('/v1/influencers/{influencerId}', { ...init, params: { path: params }, body }),
      options,
    );
  }

  cloneInfluencer(params: PathParams<'cloneInfluencer'>, body: InfluencerCloneRequest, options?: PostRequestOptions): Promise<WithResponse<Job>> {
    return this.#call<Job>(
      'cloneInfluencer',
      (init) => this.raw.POST('/v1/influencers/{influencerId}/clone', { ...init, params: { path: params }, body }),
      options,
    );
  }

  getJob(params: PathParams<'getJob'>, options?: RequestOptions): Promise<WithResponse<Job>> {
    return this.#call<Job>('getJob', (init) => this.raw.GET('/v1/jobs/{jobId}', { ...init, params: { path: params } }), options);
  }

  /**
   * Polls the job until it is `succeeded` or `failed` and returns it (its `lastResponse` is the last
   * poll's); a failed job resolves, it does not throw. Takes `{ jobId }` (or a Job) like every other
   * method; a bare id string still works.
   */
  waitForJob(job: PathParams<'getJob'> | string, options: WaitForJobOptions = {}): Promise<WithResponse<Job>> {
    const jobId = typeof job === 'string' ? job : job.jobId;
    const { headers } = options;
    return pollJob((signal) => this.getJob({ jobId }, { signal, ...(headers ? { headers } : {}) }), options);
  }

  /** Creates an influencer and resolves with it once `ready` (`lastResponse`: the final read's); throws LayersJobFailedError if its job fails. */
  async createInfluencerAndWait(
    params: PathParams<'createInfluencer'>,
    body?: InfluencerCreateRequest,
    options: AndWaitOptions = {},
  ): Promise<WithResponse<Influencer>> {
    const { signal, idempotencyKey, headers } = options;
    return this.#settle(await this.createInfluencer(params, body, { signal, idempotencyKey, headers }), options);
  }

  /** Clones an influencer and resolves with the clone once `ready`; throws LayersJobFailedError if its job fails. */
  async cloneInfluencerAndWait(
    params: PathParams<'cloneInfluencer'>,
    body: InfluencerCloneRequest,
    options: AndWaitOptions = {},
  ): Promise<WithResponse<Influencer>> {
    const { signal, idempotencyKey, headers } = options;
    return this.#settle(await this.cloneInfluencer(params, body, { signal, idempotencyKey, headers }), options);
  }

  async #settle(job: Job, options: AndWaitOptions): Promise<WithResponse<Influencer>> {
    const done = isTerminal(job) ? job : await this.waitForJob(job, options);
    if (done.status === 'failed') throw new LayersJobFailedError(done);
    const { signal, headers } = options;
    return this.getInfluencer({ influencerId: done.influencerId }, { signal, ...(headers ? { headers } : {}) });
  }

  /** Iterates over every influencer of the project, fetching pages as needed (from `cursor` when given). */
  paginateInfluencers(params: ListInfluencersParams, options?: RequestOptions): AsyncGenerator<Influencer, void, undefined> {
    const { cursor, ...rest } = params;
    return paginate((next) => this.listInfluencers({ ...rest, cursor: next }, options), cursor);
  }
}
