/**
 * How a request presents its API key, as the contract's security schemes say (D27, D28):
 * `Authorization: Bearer <key>` or `X-Api-Key: <key>`. A request that is ambiguous about its key
 * (either header twice, or both headers with different keys) is refused.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../contract/errors.js';
import { headerValues } from './headers.js';

/** The key a request presents, or a 401 saying what is wrong with how it was sent. */
export function presentedKey(request: IncomingMessage): string {
  const authorizations = headerValues(request, 'authorization');
  const apiKeys = headerValues(request, 'x-api-key');
  if (authorizations.length > 1 || apiKeys.length > 1) throw new ApiError('UNAUTHENTICATED', 'Send one Authorization or X-Api-Key header, once.');
  const authorization = authorizations[0];
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const bearer = authorization !== undefined && /^bearer /i.test(authorization) ? authorization.slice(7).trim() : undefined;
  if (authorization !== undefined && bearer === undefined) throw new ApiError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <API key>".');
  const apiKey = apiKeys[0]?.trim();
  if (bearer && apiKey && bearer !== apiKey) throw new ApiError('UNAUTHENTICATED', 'Authorization and X-Api-Key carry different keys.');
  const key = bearer || apiKey;
  if (!key) throw new ApiError('UNAUTHENTICATED', 'Missing API key: send Authorization: Bearer <key> or X-Api-Key.');
  return key;
}
