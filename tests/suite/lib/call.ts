/** One HTTP call to the target for a contract operation: recorded for coverage, checked against the contract. */
import type { ContractOperation, OperationId } from '../../../src/contract/model.js';
import { operation } from '../../support/contract.js';
import { record } from './coverage.js';
import type { Target } from './target.js';
import { validateResponse } from './validate-response.js';

export interface CallInit {
  path?: Record<string, string>;
  query?: Record<string, string | number>;
  /** JSON-encoded and sent as application/json. */
  body?: unknown;
  /** Sent as-is (malformed JSON, other media types). */
  rawBody?: string | Uint8Array;
  contentType?: string;
  /** Default: `Authorization: Bearer <target key>`. */
  auth?: 'bearer' | 'apiKey' | 'none' | { bearer?: string; apiKey?: string };
  headers?: Record<string, string>;
  /** Ask a Prism-backed target for this documented status (`Prefer: code=N`). */
  preferCode?: number;
  /** The request breaks the contract on purpose: sent to the server directly, never via the proxy. */
  invalid?: boolean;
}

export interface CallResult {
  op: ContractOperation;
  status: number;
  headers: Headers;
  bodyText: string;
  json: any;
  violations: string[];
}

export async function call(target: Target, operationId: OperationId, init: CallInit = {}): Promise<CallResult> {
  const op = operation(operationId);
  let path = op.path;
  for (const [name, value] of Object.entries(init.path ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const url = new URL((init.invalid ? target.directUrl : target.baseUrl) + path);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, String(value));

  const headers = new Headers(init.headers);
  const auth = init.auth ?? 'bearer';
  if (auth === 'bearer') headers.set('authorization', `Bearer ${target.apiKey}`);
  else if (auth === 'apiKey') headers.set('x-api-key', target.apiKey);
  else if (typeof auth === 'object') {
    if (auth.bearer) headers.set('authorization', `Bearer ${auth.bearer}`);
    if (auth.apiKey) headers.set('x-api-key', auth.apiKey);
  }
  if (init.preferCode) headers.set('prefer', `code=${init.preferCode}`);
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (init.rawBody !== undefined) {
    body = typeof init.rawBody === 'string' ? init.rawBody : new Uint8Array(init.rawBody);
    headers.set('content-type', init.contentType ?? 'application/json');
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers.set('content-type', init.contentType ?? 'application/json');
  }

  const response = await fetch(url, { method: op.method.toUpperCase(), headers, body, signal: AbortSignal.timeout(30_000) });
  const bodyText = await response.text();
  record(operationId, response.status);
  let json: unknown;
  try {
    json = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    json = undefined;
  }
  const violations = validateResponse(op, { status: response.status, headers: response.headers, bodyText });
  return { op, status: response.status, headers: response.headers, bodyText, json, violations };
}

/** A readable failure message: what was expected, what came, and every contract violation. */
export function explain(result: CallResult, expectedStatus: number, expectedCode?: string): string {
  const lines = [`${result.op.operationId}: expected ${expectedStatus}${expectedCode ? ` ${expectedCode}` : ''}, got ${result.status} ${result.bodyText.slice(0, 300)}`];
  return [...lines, ...result.violations].join('\n  ');
}
