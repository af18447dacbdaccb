/**
 * Errors as the contract defines them: a code, its one status (ErrorCode's `x-http-status`), the
 * envelope, and the VALIDATION details built from Ajv's errors. Every limit here (how many field
 * errors, how long a message, which field keys) is read from ErrorDetails and ErrorEnvelope in the
 * contract, so the sandbox and the mock answer inside them by construction.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { components, KnownTransportErrorCode } from '../../generated/schema.js';
import { newRequestId } from './ids.js';
import { loadContract, type ErrorCode } from './model.js';
import { enumValues, type Schema } from './oas.js';

export type ErrorDetails = components['schemas']['ErrorDetails'];
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'] | components['schemas']['TransportErrorEnvelope'];

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus(this.code);
  }
}

const contract = loadContract();

type TransportCode = KnownTransportErrorCode;
const TRANSPORT_CODES = new Set(enumValues(contract.schema('TransportErrorCode')) ?? []);
const isTransportCode = (code: ErrorCode): code is TransportCode => TRANSPORT_CODES.has(code);

export function errorStatus(code: ErrorCode): number {
  const status = contract.errorStatus[code];
  if (status === undefined) throw new Error(`ErrorCode ${code} has no x-http-status in the contract`);
  return status;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the contract does not state ${what}`);
  return value;
}

/** The bounds the contract puts on an error body, read once from its schemas. */
export const errorLimits = (() => {
  const details = contract.schema('ErrorDetails');
  const fieldErrors = required(details.properties?.fieldErrors, 'ErrorDetails.fieldErrors');
  const perField = required(typeof fieldErrors.additionalProperties === 'object' ? fieldErrors.additionalProperties : undefined, 'fieldErrors values');
  const formErrors = required(details.properties?.formErrors, 'ErrorDetails.formErrors');
  const text: Schema = required(perField.items, 'fieldErrors messages');
  const message = required(contract.schema('ErrorEnvelope').properties?.error?.properties?.message, 'ErrorEnvelope.error.message');
  const keys = required(fieldErrors.propertyNames, 'fieldErrors key rule');
  return {
    maxFields: required(fieldErrors.maxProperties, 'fieldErrors.maxProperties'),
    maxMessagesPerField: required(perField.maxItems, 'fieldErrors maxItems'),
    maxFormErrors: required(formErrors.maxItems, 'formErrors.maxItems'),
    maxTextLength: required(text.maxLength, 'message maxLength'),
    maxMessageLength: required(message.maxLength, 'ErrorEnvelope message maxLength'),
    // With the `u` flag, as Ajv compiles OpenAPI patterns, so astral characters (emoji) pass as they do in validation.
    textPattern: new RegExp(required(text.pattern, 'message pattern'), 'u'),
    maxFieldKeyLength: required(keys.maxLength, 'fieldErrors key maxLength'),
    fieldKeyPattern: new RegExp(required(keys.pattern, 'fieldErrors key pattern')),
  };
})();

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\x00-\x1F\x7F-\x9F]+/g;

/** Error text may echo client input: made to fit the contract's text pattern and length. */
export function cleanText(text: string, maxLength = errorLimits.maxTextLength): string {
  const cleaned = text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, ' ').trim().slice(0, maxLength).replace(LONE_SURROGATE, '').trim();
  return cleaned && errorLimits.textPattern.test(cleaned) ? cleaned : 'Invalid input.';
}

export function isFieldKey(path: string): boolean {
  return path.length > 0 && path.length <= errorLimits.maxFieldKeyLength && errorLimits.fieldKeyPattern.test(path);
}

/** The envelope as sent: text cleaned, details capped as ErrorDetails says. */
export function envelope(error: ApiError, requestId: string = newRequestId()): ErrorEnvelope {
  if (isTransportCode(error.code)) return { error: { code: error.code, message: cleanText(error.message, errorLimits.maxMessageLength), requestId } };
  const fieldEntries = Object.entries(error.details?.fieldErrors ?? {}).filter(([key]) => isFieldKey(key)).slice(0, errorLimits.maxFields);
  const formErrors = (error.details?.formErrors ?? []).slice(0, errorLimits.maxFormErrors).map((t) => cleanText(t));
  const details: ErrorDetails = {
    ...(fieldEntries.length ? { fieldErrors: Object.fromEntries(fieldEntries.map(([k, v]) => [k, v.slice(0, errorLimits.maxMessagesPerField).map((t) => cleanText(t))])) } : {}),
    ...(formErrors.length ? { formErrors } : {}),
  };
  return {
    error: {
      code: error.code,
      message: cleanText(error.message, errorLimits.maxMessageLength),
      requestId,
      ...(error.details ? { details } : {}),
    },
  };
}

function fieldPath(error: ErrorObject, prefix: string): string {
  const base = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  const extra = error.params.additionalProperty ?? error.params.missingProperty;
  return [prefix, base, extra].filter((s) => typeof s === 'string' && s !== '').join('.');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'Unrecognized key.';
  if (error.keyword === 'required') return 'Required.';
  if (error.keyword === 'enum') return `Must be one of ${(error.params.allowedValues as unknown[]).join(', ')}.`;
  if (error.keyword === 'minProperties') return 'Send at least one field.';
  const text = error.message ?? 'is invalid';
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/**
 * Ajv errors as the envelope's details: dotted field paths → messages, whole-body problems and
 * paths that cannot be keys in formErrors; de-duplicated and capped as ErrorDetails says.
 */
export function toDetails(errors: readonly ErrorObject[], prefix = ''): ErrorDetails {
  // A Map: client-chosen keys such as `constructor` or `__proto__` must not meet Object.prototype.
  const fieldErrors = new Map<string, string[]>();
  const formErrors: string[] = [];
  for (const error of errors) {
    // `if`/`oneOf` wrappers repeat what their branches said.
    if (error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const path = fieldPath(error, prefix);
    const message = messageOf(error);
    if (!isFieldKey(path)) {
      const text = path ? `${JSON.stringify(path.slice(0, 80))}: ${message}` : message;
      if (formErrors.length < errorLimits.maxFormErrors && !formErrors.includes(text)) formErrors.push(text);
      continue;
    }
    let list = fieldErrors.get(path);
    if (!list) {
      if (fieldErrors.size >= errorLimits.maxFields) continue;
      fieldErrors.set(path, (list = []));
    }
    if (!list.includes(message) && list.length < errorLimits.maxMessagesPerField) list.push(message);
  }
  return { ...(fieldErrors.size ? { fieldErrors: Object.fromEntries(fieldErrors) } : {}), ...(formErrors.length ? { formErrors } : {}) };
}

export const notFound = (what: 'Project' | 'Influencer' | 'Job') => new ApiError('NOT_FOUND', `${what} not found.`);
