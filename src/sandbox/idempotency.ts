/**
 * Keyed POSTs run at most once per (org, operation, key) for 24 hours. The key row and the
 * resources are written in one transaction, so concurrent requests with one key serialize on the
 * row: the first creates, the others replay its answer. The key is bound to the whole request
 * (method, path with its parameters, canonical body), so the same key sent to another project,
 * or with keys reordered in the body, is told apart correctly.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../contract/errors.js';
import type { Db } from './store/db.js';
import { claimKey, expireKey, findKeyAnswer, storeKeyAnswer } from './store/idempotency.js';

const TTL = '24 hours';

export interface KeyedAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');
}

export async function runOnce(
  db: Db,
  scope: { orgId: string; operationId: string; key: string },
  requestHash: string,
  run: (tx: Db) => Promise<KeyedAnswer>,
): Promise<KeyedAnswer> {
  const id: [string, string, string] = [scope.orgId, scope.operationId, scope.key];
  return db.transaction(async (tx) => {
    await expireKey(tx, id, TTL);
    if (!(await claimKey(tx, id, requestHash))) {
      const prior = await findKeyAnswer(tx, id);
      if (!prior || prior.request_hash !== requestHash) throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request.');
      if (prior.response_status === null || prior.response_body === null) throw new ApiError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress.');
      return { status: prior.response_status, body: prior.response_body, headers: { ...prior.response_headers, 'idempotency-replayed': 'true' } };
    }
    const answer = await run(tx);
    await storeKeyAnswer(tx, id, answer.status, answer.headers, answer.body);
    return answer;
  });
}
