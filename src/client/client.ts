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
import { LayersApiError, LayersJobFailedError } from './errors.js';
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
}

export interface RequestOptions {
  /** Aborts the in-flight request and any backoff sleep; the call rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's. */
  timeoutMs?: number;
}

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

function toApiError(operationId: string, response: Response, body: unknown): LayersApiError {
  const e = (body as Partial<ErrorEnvelope> | null | undefined)?.error;
  const base = {
    status: response.status,
    operationId,
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
  };
  return new LayersApiError(
    e && typeof e.code === 'string' && typeof e.message === 'string'
      ? { ...base, code: e.code, message: e.message, requestId: e.requestId, details: e.details }
      : { ...base, code: 'UNEXPECTED_RESPONSE', message: `${operationId}: unexpected HTTP ${response.status} response` },
  );
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
      headers: { Authorization: `Bearer ${options.apiKey}` },
      fetch: createTransport(this.#transport),
    });
  }

  async #call<T>(
    operationId: string,
    send: (init: CallInit) => Promise<{ data?: T; error?: unknown; response: Response }>,
    { signal, timeoutMs, idempotencyKey }: PostRequestOptions = {},
  ): Promise<T> {
    const transport = createTransport(timeoutMs === undefined ? this.#transport : { ...this.#transport, timeoutMs });
    let status = 0;
    try {
      const { data, error, response } = await send({
        signal,
        headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
        fetch: async (request) => {
          const response = await transport(request);
          status = response.status;
          return response;
        },
      });
      if (response.ok && data !== undefined) return data;
      throw toApiError(operationId, response, error);
    } catch (e) {
      // openapi-fetch throws a bare SyntaxError when a 2xx body is not JSON.
      if (!(e instanceof SyntaxError)) throw e;
      throw new LayersApiError({ status, operationId, code: 'UNEXPECTED_RESPONSE', message: `${operationId}: HTTP ${status} body is not JSON` });
    }
  }

  createProject(body: ProjectCreateRequest, options?: PostRequestOptions): Promise<Project> {
    return this.#call('createProject', (init) => this.raw.POST('/v1/projects', { ...init, body }), options);
  }

  getProject(params: PathParams<'getProject'>, options?: RequestOptions): Promise<Project> {
    return this.#call('getProject', (init) => this.raw.GET('/v1/projects/{projectId}', { ...init, params: { path: params } }), options);
  }

  /** Starts an `influencer_create` job; see createInfluencerAndWait to get the ready influencer. */
  createInfluencer(params: PathParams<'createInfluencer'>, body?: InfluencerCreateRequest, options?: PostRequestOptions): Promise<Job> {
    return this.#call(
      'createInfluencer',
      (init) => this.raw.POST('/v1/projects/{projectId}/influencers', { ...init, params: { path: params }, body }),
      options,
    );
  }

  listInfluencers({ projectId, ...query }: ListInfluencersParams, options?: RequestOptions): Promise<InfluencerList> {
    return this.#call(
      'listInfluencers',
      (init) => this.raw.GET('/v1/projects/{projectId}/influencers', { ...init, params: { path: { projectId }, query } }),
      options,
    );
  }

  getInfluencer(params: PathParams<'getInfluencer'>, options?: RequestOptions): Promise<Influencer> {
    return this.#call('getInfluencer', (init) => this.raw.GET('/v1/influencers/{influencerId}', { ...init, params: { path: params } }), options);
  }

  /** Never retried: PATCH is not idempotent and carries no Idempotency-Key. */
  patchInfluencer(params: PathParams<'patchInfluencer'>, body: InfluencerPatchRequest, options?: RequestOptions): Promise<Influencer> {
    return this.#call(
      'patchInfluencer',
      (init) => this.raw.PATCH('/v1/influencers/{influencerId}', { ...init, params: { path: params }, body }),
      options,
    );
  }

  deleteInfluencer(params: PathParams<'deleteInfluencer'>, body?: InfluencerDeleteRequest, options?: RequestOptions): Promise<InfluencerDeleted> {
    return this.#call(
      'deleteInfluencer',
      (init) => this.raw.DELETE('/v1/influencers/{influencerId}', { ...init, params: { path: params }, body }),
      options,
    );
  }

  cloneInfluencer(params: PathParams<'cloneInfluencer'>, body: InfluencerCloneRequest, options?: PostRequestOptions): Promise<Job> {
    return this.#call(
      'cloneInfluencer',
      (init) => this.raw.POST('/v1/influencers/{influencerId}/clone', { ...init, params: { path: params }, body }),
      options,
    );
  }

  getJob(params: PathParams<'getJob'>, options?: RequestOptions): Promise<Job> {
    return this.#call('getJob', (init) => this.raw.GET('/v1/jobs/{jobId}', { ...init, params: { path: params } }), options);
  }

  /** Polls the job until it is `succeeded` or `failed` and returns it; a failed job resolves, it does not throw. */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<Job> {
    return pollJob((signal) => this.getJob({ jobId }, { signal }), options);
  }

  /** Creates an influencer and resolves with it once `ready`; throws LayersJobFailedError if its job fails. */
  async createInfluencerAndWait(
    params: PathParams<'createInfluencer'>,
    body?: InfluencerCreateRequest,
    options: AndWaitOptions = {},
  ): Promise<Influencer> {
    const { signal, idempotencyKey } = options;
    return this.#settle(await this.createInfluencer(params, body, { signal, idempotencyKey }), options);
  }

  /** Clones an influencer and resolves with the clone once `ready`; throws LayersJobFailedError if its job fails. */
  async cloneInfluencerAndWait(
    params: PathParams<'cloneInfluencer'>,
    body: InfluencerCloneRequest,
    options: AndWaitOptions = {},
  ): Promise<Influencer> {
    const { signal, idempotencyKey } = options;
    return this.#settle(await this.cloneInfluencer(params, body, { signal, idempotencyKey }), options);
  }

  async #settle(job: Job, options: AndWaitOptions): Promise<Influencer> {
    const done = isTerminal(job) ? job : await this.waitForJob(job.jobId, options);
    if (done.status === 'failed') throw new LayersJobFailedError(done);
    return this.getInfluencer({ influencerId: done.influencerId }, { signal: options.signal });
  }

  /** Iterates over every influencer of the project, fetching pages as needed (from `cursor` when given). */
  paginateInfluencers(params: ListInfluencersParams, options?: RequestOptions): AsyncGenerator<Influencer, void, undefined> {
    const { cursor, ...rest } = params;
    return paginate((next) => this.listInfluencers({ ...rest, cursor: next }, options), cursor);
  }
}
