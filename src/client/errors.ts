import type { ErrorCode, ErrorDetails, Job, TransportErrorCode } from '../../generated/schema.js';

/** Base class of every error the client throws. */
export class LayersError extends Error {}

export interface LayersApiErrorInit {
  status: number;
  /** The contract's `ErrorCode` or `TransportErrorCode`, or `UNEXPECTED_RESPONSE` when the body is not the error envelope (a proxy's HTML page, invalid JSON). */
  code: ErrorCode | TransportErrorCode | 'UNEXPECTED_RESPONSE';
  message: string;
  operationId: string;
  requestId?: string;
  details?: ErrorDetails;
  /** From the `Retry-After` header, when the response carried one. */
  retryAfterSeconds?: number;
}

/** The API answered with a non-2xx status (after any retries), or with a 2xx body that is not JSON. */
export class LayersApiError extends LayersError implements LayersApiErrorInit {
  override name = 'LayersApiError';
  declare readonly status: number;
  declare readonly code: ErrorCode | TransportErrorCode | 'UNEXPECTED_RESPONSE';
  declare readonly operationId: string;
  declare readonly requestId?: string;
  declare readonly details?: ErrorDetails;
  declare readonly retryAfterSeconds?: number;

  constructor(init: LayersApiErrorInit) {
    super(init.message);
    Object.assign(this, init);
  }
}

/** The request could not reach the API (DNS, refused or dropped connection), after all retries. `cause` holds the last fetch error. */
export class LayersConnectionError extends LayersError {
  override name = 'LayersConnectionError';
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
