import type { ErrorCode, ErrorDetails, Job, TransportErrorCode } from '../../generated/schema.js';

/** Base class of every error the client throws. */
export class LayersError extends Error {}

export interface LayersApiErrorInit {
  status: number;
  /** The contract's `ErrorCode` or `TransportErrorCode`, or `UNEXPECTED_RESPONSE` when the body is not the error envelope (a proxy's HTML page, invalid JSON). */
  code: ErrorCode | TransportErrorCode | 'UNEXPECTED_RESPONSE';
  message: string;
  operationId: string;
  /** The envelope's `requestId`, else the response's `X-Request-Id`: quote it to support. */
  requestId?: string;
  details?: ErrorDetails;
  /** From the `Retry-After` header, when the response carried one. */
  retryAfterSeconds?: number;
  /** The response's headers. */
  headers?: Headers;
  /** How many attempts the call made (1 + retries). */
  attempts?: number;
}

/**
 * The API answered with a non-2xx status (after any retries), or with a 2xx body that is not JSON.
 * The client throws the subclass for the status (LayersValidationError, LayersNotFoundError, ...),
 * so `instanceof` picks a category and `code` the exact reason.
 */
export class LayersApiError extends LayersError implements LayersApiErrorInit {
  override name = 'LayersApiError';
  declare readonly status: number;
  declare readonly code: ErrorCode | TransportErrorCode | 'UNEXPECTED_RESPONSE';
  declare readonly operationId: string;
  declare readonly requestId?: string;
  declare readonly details?: ErrorDetails;
  declare readonly retryAfterSeconds?: number;
  declare readonly headers?: Headers;
  declare readonly attempts?: number;

  constructor(init: LayersApiErrorInit) {
    super(init.message);
    Object.assign(this, init);
  }
}

/** 400, 415, 422, 431: the request is wrong (`details.fieldErrors` names the fields); resending it unchanged fails again. */
export class LayersValidationError extends LayersApiError {
  override name = 'LayersValidationError';
}
/** 401: the API key is missing, malformed or unknown. */
export class LayersAuthenticationError extends LayersApiError {
  override name = 'LayersAuthenticationError';
}
/** 403: the key lacks the operation's scope. */
export class LayersPermissionError extends LayersApiError {
  override name = 'LayersPermissionError';
}
/** 404: no such resource in this key's org (or deleted). */
export class LayersNotFoundError extends LayersApiError {
  override name = 'LayersNotFoundError';
}
/** 409: a state conflict, or `IDEMPOTENCY_KEY_IN_USE` still after the retries. */
export class LayersConflictError extends LayersApiError {
  override name = 'LayersConflictError';
}
/** 429 after the retries; `retryAfterSeconds` says when to try again. */
export class LayersRateLimitError extends LayersApiError {
  override name = 'LayersRateLimitError';
}
/** 5xx after the retries (including a proxy's HTML error page). */
export class LayersServerError extends LayersApiError {
  override name = 'LayersServerError';
}

/** The LayersApiError subclass for an HTTP status (the contract maps each code to one status). */
export function apiErrorFor(init: LayersApiErrorInit): LayersApiError {
  const { status } = init;
  if (status === 400 || status === 415 || status === 422 || status === 431) return new LayersValidationError(init);
  if (status === 401) return new LayersAuthenticationError(init);
  if (status === 403) return new LayersPermissionError(init);
  if (status === 404) return new LayersNotFoundError(init);
  if (status === 409) return new LayersConflictError(init);
  if (status === 429) return new LayersRateLimitError(init);
  if (status >= 500) return new LayersServerError(init);
  return new LayersApiError(init);
}

export interface LayersConnectionErrorInit {
  method: string;
  url: string;
  attempts: number;
  /** The system error code found in the fetch error's cause chain (`ECONNREFUSED`, `ENOTFOUND`, ...), when there is one. */
  code?: string;
  cause: unknown;
}

/** The first error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...) in an error's `cause` chain, including AggregateError members. */
export function causeCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 8) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  if (Array.isArray(errors)) {
    for (const member of errors) {
      const found = causeCode(member, depth + 1);
      if (found) return found;
    }
  }
  return causeCode(cause, depth + 1);
}

/** The request could not reach the API (DNS, refused or dropped connection), after all retries. `cause` holds the last fetch error. */
export class LayersConnectionError extends LayersError {
  override name = 'LayersConnectionError';
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly code?: string;

  constructor({ method, url, attempts, code, cause }: LayersConnectionErrorInit) {
    const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`${method} ${url}: could not connect (${reason}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`, { cause });
    this.method = method;
    this.url = url;
    this.attempts = attempts;
    if (code !== undefined) this.code = code;
  }
}

/** A request attempt (after all retries), or `waitForJob`, ran out of time. */
export class LayersTimeoutError extends LayersError {
  override name = 'LayersTimeoutError';
}

/** Thrown by the `*AndWait` helpers when the job ends `failed`; `job.error` says why. */
export class LayersJobFailedError extends LayersError {
  override name = 'LayersJobFailedError';
  constructor(readonly job: Job) {
    super(`Job ${job.jobId} failed: ${job.error?.code ?? 'UNKNOWN'}: ${job.error?.message ?? 'no detail'}`);
  }
}
