/** The idempotency_keys table: one row per (org, operation, key), holding the stored answer. */
import { statement, type Db } from './db.js';

const KEY = 'org_id = $1 AND operation_id = $2 AND idempotency_key = $3';
const EXPIRE = statement('expire_idempotency_key', `DELETE FROM idempotency_keys WHERE ${KEY} AND created_at < now() - $4::interval`);
const CLAIM = statement(
  'claim_idempotency_key',
  'INSERT INTO idempotency_keys (org_id, operation_id, idempotency_key, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1 AS claimed',
);
const FIND = statement('find_idempotency_answer', `SELECT request_hash, response_status, response_headers, response_body FROM idempotency_keys WHERE ${KEY}`);
const STORE = statement('store_idempotency_answer', `UPDATE idempotency_keys SET response_status = $4, response_headers = $5::jsonb, response_body = $6 WHERE ${KEY}`);

export interface StoredAnswer {
  request_hash: string;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

type KeyId = [orgId: string, operationId: string, key: string];

export async function expireKey(db: Db, id: KeyId, ttl: string): Promise<void> {
  await db.run(EXPIRE, [...id, ttl]);
}

/** Claims the key for this request; false when a row exists (then read it with findKeyAnswer). */
export async function claimKey(db: Db, id: KeyId, requestHash: string): Promise<boolean> {
  const inserted = await db.run(CLAIM, [...id, requestHash]);
  return inserted.length > 0;
}

export async function findKeyAnswer(db: Db, id: KeyId): Promise<StoredAnswer | undefined> {
  return (await db.run<StoredAnswer>(FIND, id))[0];
}

export async function storeKeyAnswer(db: Db, id: KeyId, status: number, headers: Record<string, string>, body: string): Promise<void> {
  await db.run(STORE, [...id, status, JSON.stringify(headers), body]);
}
