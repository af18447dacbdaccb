/** Counts per operation and check, the end-of-run table, and failure messages that say how to replay. */
import type { OperationId } from '../../../src/contract/model.js';
import type { CallResult } from '../../suite/lib/call.js';
import { operation } from '../../support/contract.js';
import type { FuzzRequest } from './generate.js';

export interface OperationStats {
  validSent: number;
  invalidSent: number;
  serverErrors: number;
  contractViolations: number;
  wrongRejections: number;
  stateChanged: number;
  /** No response at all, or a connection broken right after the response. */
  connectionErrors: number;
  /** Invalid requests whose effect on the database was compared (sandbox). */
  stateChecks: number;
  /** Valid requests the mock answered with a documented non-2xx (allowed on the mock). */
  validNon2xx: number;
  /** Invalid requests sent, by kind of fault. */
  kinds: Map<string, number>;
}

export const stats = new Map<string, OperationStats>();

export function statsOf(operationId: string): OperationStats {
  let s = stats.get(operationId);
  if (!s) {
    s = { validSent: 0, invalidSent: 0, serverErrors: 0, contractViolations: 0, wrongRejections: 0, stateChanged: 0, connectionErrors: 0, stateChecks: 0, validNon2xx: 0, kinds: new Map() };
    stats.set(operationId, s);
  }
  return s;
}

export function countsTable(title: string, operationIds: string[]): string {
  const cols = ['valid sent', 'invalid sent', '5xx', 'contract violations', 'wrong rejection', 'state changed', 'no response/reset'] as const;
  const width = Math.max(...operationIds.map((id) => id.length), 'operation'.length, 'total'.length);
  const lines = [title, `${'operation'.padEnd(width)}  ${cols.join('  ')}`];
  const total = [0, 0, 0, 0, 0, 0, 0];
  const row = (name: string, values: Array<number | string>) => `${name.padEnd(width)}  ${values.map((v, i) => String(v).padStart(cols[i]!.length)).join('  ')}`;
  for (const id of operationIds) {
    const s = statsOf(id);
    const values = [s.validSent, s.invalidSent, s.serverErrors, s.contractViolations, s.wrongRejections, s.stateChanged, s.connectionErrors];
    values.forEach((v, i) => (total[i]! += v));
    lines.push(row(id, values));
  }
  lines.push(row('total', total));
  return lines.join('\n');
}

export function kindsTable(operationIds: string[]): string {
  const lines = ['invalid requests by kind of fault:'];
  for (const id of operationIds) {
    const kinds = [...statsOf(id).kinds.entries()].map(([k, n]) => `${k} ×${n}`).join(', ');
    lines.push(`  ${id}: ${kinds || '(none)'}`);
  }
  return lines.join('\n');
}

const clip = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

export function describeRequest(request: FuzzRequest, resolvedPath?: Record<string, string>): string {
  const op = operation(request.operationId);
  let path = op.path;
  for (const [name, value] of Object.entries(resolvedPath ?? request.path)) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const qs = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
  const auth = request.auth === undefined ? 'Authorization: Bearer <target key>' : request.auth === 'apiKey' ? 'X-Api-Key: <target key>' : request.auth === 'none' ? '(no key)' : JSON.stringify(request.auth);
  const lines = [`${op.method.toUpperCase()} ${clip(path + qs, 300)}`, `  auth: ${auth}`];
  if (request.headers) lines.push(`  headers: ${clip(JSON.stringify(request.headers), 300)}`);
  if (request.rawBody !== undefined) lines.push(`  content-type: ${request.contentType ?? 'application/json'}`, `  raw body: ${clip(typeof request.rawBody === 'string' ? JSON.stringify(request.rawBody) : `bytes ${Buffer.from(request.rawBody).toString('hex')}`)}`);
  else if (request.body !== undefined) lines.push(`  content-type: ${request.contentType ?? 'application/json'}`, `  body: ${clip(JSON.stringify(request.body))}`);
  else lines.push('  (no body)');
  return lines.join('\n');
}

export function describeResponse(result: CallResult): string {
  return [`${result.status} content-type: ${result.headers.get('content-type') ?? '(none)'}`, `  body: ${clip(result.bodyText)}`].join('\n');
}

export interface FailureReport {
  target: string;
  seed: number;
  runs: number;
  operationId: OperationId;
  check: string;
  problems: string[];
  request: FuzzRequest;
  resolvedPath?: Record<string, string>;
  result?: CallResult;
  extra?: string[];
}

export function failureMessage(f: FailureReport): string {
  const op = operation(f.operationId);
  return [
    `fuzz: ${f.operationId} (${op.method.toUpperCase()} ${op.path}) — ${f.check}`,
    `replay: FUZZ_TARGET=${f.target} FUZZ_SEED=${f.seed} FUZZ_RUNS=${f.runs} npx vitest run tests/fuzz --typecheck.enabled=false`,
    'problems:',
    ...f.problems.map((p) => `  - ${p}`),
    'request:',
    `  ${describeRequest(f.request, f.resolvedPath)}`,
    'response:',
    `  ${f.result ? describeResponse(f.result) : '(none)'}`,
    ...(f.extra ?? []),
  ].join('\n');
}
