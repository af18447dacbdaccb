/**
 * The sandbox's HTTP layer: route → auth → scope → parameters → body → handler, every failure in
 * the contract's envelope, POSTs made idempotent, and the generated portraits under /media/.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, envelope } from './errors.js';
import { handlers, type HandlerContext, type HandlerResult, type Principal } from './handlers.js';
import type { Timing } from './jobs.js';
import { renderPortraitPng } from './portrait.js';
import { matchRoute, statusOf, toDetails, type Route } from './routes.js';
import type { Db } from './storage/db.js';
import { createAuthenticator } from './auth.js';
import type { ReadCache } from './cache.js';

const MAX_BODY_BYTES = 64 * 1024;
/** Past this an oversized body is not drained any further: the answer closes the connection. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;
const IDEMPOTENCY_TTL = '24 hours';
const MEDIA = /^\/media\/(med_[0-9A-HJKMNP-TV-Z]{26})(-thumb)?\.png$/;

export interface ServerOptions {
  db: Db;
  timing: Timing;
  cache?: ReadCache;
  /** Called after a write committed (the job runner re-reads its schedule). */
  afterWrite?: () => void;
  log?: (line: string) => void;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendError(res: ServerResponse, error: ApiError): void {
  send(res, statusOf[error.code] ?? 500, envelope(error), error.headers);
}

/**
 * Reads the body. An oversized one is still read to its end (and dropped) so the 422 reaches the
 * client and the connection stays usable; beyond MAX_DRAIN_BYTES the answer closes the connection.
 */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    else if (size > MAX_DRAIN_BYTES) break;
  }
  if (size > MAX_BODY_BYTES) {
    const close: Record<string, string> = size > MAX_DRAIN_BYTES ? { connection: 'close' } : {};
    throw new ApiError('VALIDATION', 'Invalid body.', { formErrors: [`Body larger than ${MAX_BODY_BYTES} bytes.`] }, close);
  }
  return Buffer.concat(chunks);
}

function parseBody(route: Route, req: IncomingMessage, raw: Buffer): unknown {
  if (!route.body) return undefined;
  if (raw.length === 0) {
    if (route.body.required) throw new ApiError('VALIDATION', 'Invalid body.', { formErrors: ['A JSON body is required.'] });
    const empty = {};
    route.body.validate(empty); // fills in the contract's defaults
    return empty;
  }
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be application/json.');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ApiError('VALIDATION', 'Invalid body.', { formErrors: [`Malformed JSON: ${(error as Error).message}`] });
  }
  if (!route.body.validate(body)) throw new ApiError('VALIDATION', 'Invalid body.', toDetails(route.body.validate.errors ?? []));
  return body;
}

/**
 * Runs a keyed POST at most once per (org, operation, key) for 24 hours. The key row and the
 * resources are written in one transaction, so concurrent requests with one key serialize on the
 * row: the first creates, the others replay its response. Same key, different body: 422.
 */
async function idempotent(db: Db, principal: Principal, route: Route, key: string, raw: Buffer, run: (tx: Db) => Promise<HandlerResult>): Promise<HandlerResult> {
  const hash = createHash('sha256').update(raw).digest('hex');
  return db.transaction(async (tx) => {
    const ids = [principal.orgId, route.operationId, key];
    await tx.query(`DELETE FROM idempotency_keys WHERE org_id = $1 AND operation_id = $2 AND idempotency_key = $3 AND created_at < now() - interval '${IDEMPOTENCY_TTL}'`, ids);
    const inserted = await tx.query('INSERT INTO idempotency_keys (org_id, operation_id, idempotency_key, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1', [...ids, hash]);
    if (inserted.length === 0) {
      const [prior] = await tx.query<{ request_hash: string; response_status: number | null; response_headers: Record<string, string> | null; response_body: string | null }>(
        'SELECT request_hash, response_status, response_headers, response_body FROM idempotency_keys WHERE org_id = $1 AND operation_id = $2 AND idempotency_key = $3',
        ids,
      );
      if (!prior || prior.request_hash !== hash) throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
      if (prior.response_status === null) throw new ApiError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress.');
      return { status: prior.response_status, body: JSON.parse(prior.response_body ?? 'null'), headers: { ...prior.response_headers, 'idempotency-replayed': 'true' } };
    }
    const result = await run(tx);
    await tx.query('UPDATE idempotency_keys SET response_status = $4, response_headers = $5::jsonb, response_body = $6 WHERE org_id = $1 AND operation_id = $2 AND idempotency_key = $3', [
      ...ids,
      result.status,
      JSON.stringify(result.headers ?? {}),
      JSON.stringify(result.body),
    ]);
    return result;
  });
}

export function createSandboxServer(options: ServerOptions): Server {
  const { db, timing } = options;
  const authenticate = createAuthenticator(db);
  const log = options.log ?? (() => {});

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox.local');
      const media = req.method === 'GET' ? MEDIA.exec(url.pathname) : null;
      if (media) {
        const png = renderPortraitPng(media[1]!, media[2] ? 128 : 512);
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'public, max-age=31536000, immutable' });
        res.end(png);
        return;
      }
      const matched = matchRoute(req.method ?? 'GET', url.pathname);
      if (!matched) throw new ApiError('NOT_FOUND', `No such operation: ${req.method} ${url.pathname}.`);
      const { route, params } = matched;

      const principal = await authenticate(req.headers);
      if (!principal.scopes.includes(route.scope)) throw new ApiError('FORBIDDEN_SCOPE', `This key lacks the ${route.scope} scope.`);
      route.validatePath(params);
      const query = route.validateQuery(url.searchParams);
      const raw = route.body ? await readBody(req) : Buffer.alloc(0);
      const body = parseBody(route, req, raw);
      const key = req.headers['idempotency-key'];
      // Portrait URLs use the host the client reached; a Host header that is not a plain host[:port] is not echoed.
      const host = req.headers.host;
      const origin = host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `http://${host}` : `http://127.0.0.1:${req.socket.localPort}`;
      const cache = options.cache;
      const context = (tx: Db): HandlerContext => ({ db: tx, principal, params, query, body, origin, timing, ...(cache ? { cache } : {}) });
      const handler = handlers[route.operationId];

      let result: HandlerResult;
      if (route.takesIdempotencyKey && typeof key === 'string') {
        route.validateIdempotencyKey(key);
        result = await idempotent(db, principal, route, key, raw, (tx) => handler(context(tx)));
      } else {
        result = route.method === 'GET' ? await handler(context(db)) : await db.transaction((tx) => handler(context(tx)));
      }
      // After the commit: a write may have changed the influencer a GET cached meanwhile.
      if (cache && route.method !== 'GET' && params.influencerId) cache.influencers.delete(params.influencerId);
      if (route.method !== 'GET') options.afterWrite?.();
      send(res, result.status, JSON.stringify(result.body), result.headers);
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error);
      log(`internal error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      sendError(res, new ApiError('INTERNAL', 'Internal error. Retry later.'));
    }
  });
}
