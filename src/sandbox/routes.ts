/**
 * The sandbox's routing and request validation, compiled from the bundled contract at start-up:
 * paths, methods, scopes, which bodies are required, and every schema. Nothing here restates a
 * rule of the contract; a change to openapi/ changes the sandbox after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { ErrorDetails, operations } from '../../generated/schema.js';
import { deref, isObject, listOperations, type JsonObject } from '../contract/openapi-walk.js';
import { createContractValidator } from '../contract/validator.js';
import { ApiError } from './errors.js';

export type OperationId = keyof operations;

export interface Route {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  pathParams: string[];
  scope: string;
  successStatus: number;
  takesIdempotencyKey: boolean;
  /** Throws ApiError VALIDATION; returns the typed values. */
  validatePath(values: Record<string, string>): void;
  validateQuery(query: URLSearchParams): Record<string, unknown>;
  body?: { required: boolean; validate: ValidateFunction };
  /** Validates the Idempotency-Key header against its parameter schema. */
  validateIdempotencyKey(value: string): void;
}

const doc = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8')) as JsonObject;
// Bodies get the contract's defaults filled in; query strings arrive as text and are coerced (`limit=20` → 20).
const strict = createContractValidator(doc, { useDefaults: true });
const coercing = createContractValidator(doc, { coerceTypes: true, useDefaults: true });

/** The contract's error-code → status map (ErrorCode's x-http-status). */
export const statusOf = (deref(doc, { $ref: '#/components/schemas/ErrorCode' }) as JsonObject)['x-http-status'] as Record<string, number>;

function fieldPath(error: ErrorObject, prefix = ''): string {
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = error.params.additionalProperty ?? error.params.missingProperty;
  const joined = [prefix, base, extra].filter((s) => s !== undefined && s !== '').join('.');
  return joined;
}

function message(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'Unrecognized key.';
  if (error.keyword === 'required') return 'Required.';
  if (error.keyword === 'enum') return `Must be one of ${(error.params.allowedValues as unknown[]).join(', ')}.`;
  if (error.keyword === 'minProperties') return 'Send at least one field.';
  const text = error.message ?? 'is invalid';
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Field paths the envelope can carry as keys (ErrorDetails.fieldErrors propertyNames); others are reported in formErrors. */
const FIELD_KEY = /^[A-Za-z0-9_.[\]-]{1,200}$/;

/** Ajv errors as the envelope's details: dotted field paths → messages; whole-body problems in formErrors. */
export function toDetails(errors: readonly ErrorObject[], prefix = ''): ErrorDetails {
  // A Map: client-chosen keys such as `constructor` or `__proto__` must not meet Object.prototype.
  const fieldErrors = new Map<string, string[]>();
  const formErrors: string[] = [];
  for (const error of errors) {
    // `if`/`oneOf` wrappers repeat what their branches said.
    if (error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const path = fieldPath(error, prefix);
    if (!path || !FIELD_KEY.test(path)) {
      const text = path ? `${JSON.stringify(path.slice(0, 80))}: ${message(error)}` : message(error);
      if (formErrors.length < 10 && !formErrors.includes(text)) formErrors.push(text);
      continue;
    }
    if (!fieldErrors.has(path) && fieldErrors.size >= 50) continue;
    const list = fieldErrors.get(path) ?? [];
    fieldErrors.set(path, list);
    if (!list.includes(message(error)) && list.length < 10) list.push(message(error));
  }
  return { ...(fieldErrors.size ? { fieldErrors: Object.fromEntries(fieldErrors) } : {}), ...(formErrors.length ? { formErrors } : {}) };
}

function compileRoute(op: ReturnType<typeof listOperations>[number]): Route {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pattern = new RegExp(`^${op.path.replace(/\{(\w+)\}/g, '([^/]+)')}$`);
  const security = (op.operation.security as Array<Record<string, string[]>>) ?? [];
  const scope = Object.values(security[0] ?? {})[0]?.[0] ?? '';
  const responses = op.operation.responses as JsonObject;
  const successStatus = Number(Object.keys(responses).find((s) => s.startsWith('2')));

  const pathSchema: JsonObject = {
    type: 'object',
    properties: Object.fromEntries(pathParams.map((p) => [String(p.name), p.schema as JsonObject])),
  };
  const querySchema: JsonObject = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(queryParams.map((p) => [String(p.name), p.schema as JsonObject])),
  };
  const validatePathFn = strict.forInline(pathSchema);
  const keyParam = op.parameters.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
  const validateKeyFn = keyParam ? strict.forInline(keyParam.schema as JsonObject) : undefined;
  const validateQueryFn = coercing.forInline(querySchema);

  const requestBody = deref(doc, op.operation.requestBody ?? null);
  let body: Route['body'];
  if (isObject(requestBody) && isObject(requestBody.content)) {
    const media = requestBody.content['application/json'] as JsonObject;
    body = { required: requestBody.required === true, validate: strict.forRef(String((media.schema as JsonObject).$ref)) };
  }

  return {
    operationId: String(op.operation.operationId) as OperationId,
    method: op.method.toUpperCase(),
    pattern,
    pathParams: pathParams.map((p) => String(p.name)),
    scope,
    successStatus,
    takesIdempotencyKey: op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
    validatePath(values) {
      if (!validatePathFn(values)) throw new ApiError('VALIDATION', 'Invalid path parameter.', toDetails(validatePathFn.errors ?? []));
    },
    validateQuery(query) {
      const values: Record<string, unknown> = {};
      for (const [key, value] of query) values[key] = value;
      if (!validateQueryFn(values)) {
        throw new ApiError('VALIDATION', 'Invalid query.', toDetails(validateQueryFn.errors ?? []));
      }
      return values;
    },
    body,
    validateIdempotencyKey(value) {
      if (validateKeyFn && !validateKeyFn(value)) {
        throw new ApiError('VALIDATION', 'Invalid Idempotency-Key header.', { fieldErrors: { 'Idempotency-Key': ['Must be 1–255 printable ASCII characters.'] } });
      }
    },
  };
}

export const routes: Route[] = listOperations(doc).map(compileRoute);

/** What an empty body of this operation becomes once the contract's defaults are filled in. */
export function bodyDefaults(operationId: OperationId): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  routes.find((r) => r.operationId === operationId)?.body?.validate(body);
  return body;
}

export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.pathParams.forEach((name, i) => (params[name] = safeDecode(m[i + 1]!)));
    return { route, params };
  }
  return undefined;
}

/** A malformed %-escape is left as it is; the id pattern then rejects it as VALIDATION. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
