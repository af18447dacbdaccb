/** The api_keys table: keys stored as SHA-256 hashes, each in one org with its scopes. */
import { createHash } from 'node:crypto';
import { statement, type Db } from './db.js';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

// Every request with a key not yet cached (src/sandbox/auth.ts), unknown keys included.
const FIND = statement('find_key', 'SELECT org_id, scopes FROM api_keys WHERE key_hash = $1');

export async function findKey(db: Db, key: string): Promise<{ org_id: string; scopes: string[] } | undefined> {
  return (await db.run<{ org_id: string; scopes: string[] }>(FIND, [hashKey(key)]))[0];
}

/** Ensures a key exists (idempotent): the key's hash, its org and its scopes. */
export async function ensureKey(db: Db, key: string, orgId: string, scopes: readonly string[], label = ''): Promise<void> {
  await db.query(
    `INSERT INTO api_keys (key_hash, org_id, scopes, label) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key_hash) DO UPDATE SET org_id = EXCLUDED.org_id, scopes = EXCLUDED.scopes`,
    [hashKey(key), orgId, [...scopes], label],
  );
}

export async function countKeys(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM api_keys');
  return Number(row?.n ?? 0);
}
