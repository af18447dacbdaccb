/**
 * The sandbox's API keys: presented as src/http/credentials.ts says, stored hashed
 * (store/keys.ts), each in one org with its scopes.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../contract/errors.js';
import type { CompiledRequest } from '../contract/requests.js';
import { presentedKey } from '../http/credentials.js';
import type { Db } from './store/db.js';
import { findKey } from './store/keys.js';

export interface Principal {
  orgId: string;
  scopes: readonly string[];
}

export const newApiKey = () => `sk_sandbox_${randomBytes(24).toString('base64url')}`;

/** Authenticates and checks the operation's scopes. Keys are never revoked in the sandbox, so a lookup that succeeded is cached for the process. */
export function createAuthenticator(db: Db): (request: IncomingMessage, op: CompiledRequest) => Promise<Principal> {
  const cache = new Map<string, Principal>();
  const lookup = async (key: string): Promise<Principal> => {
    const cached = cache.get(key);
    if (cached) return cached;
    const row = await findKey(db, key);
    if (!row) throw new ApiError('UNAUTHENTICATED', 'Unknown API key.');
    const principal = { orgId: row.org_id, scopes: row.scopes };
    if (cache.size < 10_000) cache.set(key, principal);
    return principal;
  };
  return async (request, { op }) => {
    const principal = await lookup(presentedKey(request));
    if (op.scopes.length && !op.scopes.some((scope) => principal.scopes.includes(scope))) {
      const [own, ...others] = op.scopes;
      throw new ApiError('FORBIDDEN_SCOPE', `This key lacks the ${own} scope${others.length ? ` (${others.join(' or ')} also grants it)` : ''}.`);
    }
    return principal;
  };
}
