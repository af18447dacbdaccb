/**
 * API keys (D27, D28): `Authorization: Bearer <key>` or `X-Api-Key: <key>`; both present and
 * different is ambiguous and refused. Keys are stored as SHA-256 hashes, belong to one org and
 * carry scopes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';
import type { Principal } from './handlers.js';
import type { Db } from './storage/db.js';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const newApiKey = () => `sk_sandbox_${randomBytes(24).toString('base64url')}`;

export function presentedKey(headers: IncomingHttpHeaders): string {
  const authorization = headers.authorization;
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const bearer = authorization && /^bearer /i.test(authorization) ? authorization.slice(7).trim() : undefined;
  if (authorization !== undefined && bearer === undefined) throw new ApiError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <API key>".');
  const apiKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'].trim() : undefined;
  if (bearer && apiKey && bearer !== apiKey) throw new ApiError('UNAUTHENTICATED', 'Authorization and X-Api-Key carry different keys.');
  const key = bearer || apiKey;
  if (!key) throw new ApiError('UNAUTHENTICATED', 'Missing API key: send Authorization: Bearer <key> or X-Api-Key.');
  return key;
}

/** Keys are never revoked in the sandbox, so a lookup that succeeded is cached for the process. */
export function createAuthenticator(db: Db): (headers: IncomingHttpHeaders) => Promise<Principal> {
  const cache = new Map<string, Principal>();
  return async (headers) => {
    const hash = hashKey(presentedKey(headers));
    const cached = cache.get(hash);
    if (cached) return cached;
    const [row] = await db.query<{ org_id: string; scopes: string[] }>('SELECT org_id, scopes FROM api_keys WHERE key_hash = $1', [hash]);
    if (!row) throw new ApiError('UNAUTHENTICATED', 'Unknown API key.');
    const principal = { orgId: row.org_id, scopes: row.scopes };
    cache.set(hash, principal);
    return principal;
  };
}

/** Ensures a key exists (idempotent): the key's hash, its org and its scopes. */
export async function ensureApiKey(db: Db, key: string, orgId: string, scopes: readonly string[], label = ''): Promise<void> {
  await db.query(
    `INSERT INTO api_keys (key_hash, org_id, scopes, label) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key_hash) DO UPDATE SET org_id = EXCLUDED.org_id, scopes = EXCLUDED.scopes`,
    [hashKey(key), orgId, [...scopes], label],
  );
}

export async function countApiKeys(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM api_keys');
  return Number(row?.n ?? 0);
}
