/** Errors as the contract defines them: a code, its one status (x-http-status in ErrorCode), the envelope. */
import type { ErrorCode, ErrorDetails } from '../../generated/schema.js';
import { newRequestId } from './ids.js';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Error text may echo client input; the contract allows no control characters, lone surrogates, edge spaces or more than 500 characters. */
export function cleanText(text: string): string {
  const cleaned = text.replace(LONE_SURROGATE, '\uFFFD').replace(/[\x00-\x1F\x7F]+/g, ' ').trim().slice(0, 500).trim();
  return cleaned || 'Invalid input.';
}

export function envelope(error: ApiError, requestId = newRequestId()): string {
  const details = error.details && {
    ...(error.details.fieldErrors ? { fieldErrors: Object.fromEntries(Object.entries(error.details.fieldErrors).map(([k, v]) => [k, v.map(cleanText)])) } : {}),
    ...(error.details.formErrors ? { formErrors: error.details.formErrors.map(cleanText) } : {}),
  };
  return JSON.stringify({ error: { code: error.code, message: cleanText(error.message), requestId, ...(details ? { details } : {}) } });
}

export const notFound = (what: 'Project' | 'Influencer' | 'Job') => new ApiError('NOT_FOUND', `${what} not found.`);
