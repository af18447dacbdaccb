/**
 * The contract's HTTP front, shared by the sandbox and the mock: fastify routes compiled from the
 * contract, and every way a request can be wrong answered in the contract's envelope: errors from
 * Node's HTTP parser (framing, header floods, timeouts), bad request targets and percent-escapes,
 * unknown operations and methods, media types, charsets, body size, then the operation's own
 * validation (requests.ts). A server built on it supplies only authentication and the handlers.
 *
 * Why fastify: its client-error hook, router, body-limit and content-type machinery are well kept
 * and fast; everything contract-specific (query parsing, JSON decoding, validation) stays in
 * src/contract so the sandbox and the mock cannot drift apart.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiError, envelope, errorStatus } from '../contract/errors.js';
import { newRequestId } from '../contract/ids.js';
import { colonPath, loadContract, type Contract, type ErrorCode, type OperationId } from '../contract/model.js';
import { compileRequests, type ClientRecord, type CompiledRequest } from '../contract/requests.js';
import { corsStep } from './cors.js';
import { headerValues } from './headers.js';
import { DEFAULT_LIMITS, type HttpLimits } from './limits.js';

export interface FrontInput {
  params: ClientRecord;
  query: ClientRecord;
  body: unknown;
  idempotencyKey?: string;
  /** The body's bytes as received (idempotency fingerprints them). */
  rawBody: Buffer;
}

export interface FrontAnswer {
  status: number;
  /** JSON text, or bytes with their own content-type header. */
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface FrontOptions<P> {
  contract?: Contract;
  /** The operations' compiled request validation, when the caller already has it. */
  requests?: Map<OperationId, CompiledRequest>;
  limits?: Partial<HttpLimits>;
  /** Runs before any parameter or body is read; throws ApiError (401, 403). */
  authenticate(request: IncomingMessage, op: CompiledRequest): Promise<P> | P;
  handle(op: CompiledRequest, input: FrontInput, principal: P, request: FastifyRequest): Promise<FrontAnswer>;
  /** Extra routes outside the contract (the sandbox's /media/). */
  routes?: (app: FastifyInstance) => void;
  log?: (line: string) => void;
}

export interface Front {
  app: FastifyInstance;
  server: Server;
  limits: HttpLimits;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** The documented `WWW-Authenticate` challenge of a 401 (the Unauthenticated response's header example). */
function authChallenge(contract: Contract): string | undefined {
  const example = contract.doc.components?.headers?.WWWAuthenticate?.example;
  return typeof example === 'string' ? example : undefined;
}

function sendError(reply: FastifyReply, error: ApiError, challenge?: string): FastifyReply {
  if (error.code === 'UNAUTHENTICATED' && challenge) reply.header('www-authenticate', challenge);
  // Also set here: fastify answers its own framework errors without running onSend hooks.
  reply.header('x-request-id', reply.request.id);
  return reply
    .code(error.status)
    .headers(error.headers)
    .type('application/json')
    .send(JSON.stringify(envelope(error, reply.request.id)));
}

/** Errors from Node's HTTP parser, before any request exists: written to the socket by hand. */
function parserErrorCode(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

const PARSER_MESSAGES: Partial<Record<ErrorCode, string>> = {
  HEADERS_TOO_LARGE: 'The request headers are too large.',
  REQUEST_TIMEOUT: 'The request took too long to arrive.',
  MALFORMED_REQUEST: 'The request is not well-formed HTTP/1.1.',
};

function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const code = parserErrorCode(error);
  const status = errorStatus(code);
  const requestId = newRequestId();
  const body = JSON.stringify(envelope(new ApiError(code, PARSER_MESSAGES[code] ?? 'Bad request.'), requestId));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function fastifyErrorToApi(error: { code?: string; statusCode?: number; message: string }, limits: HttpLimits): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('VALIDATION', 'Invalid body.', { formErrors: [`Body larger than ${limits.bodyBytes} bytes.`] }, { connection: 'close' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be application/json.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('MALFORMED_REQUEST', 'Content-Length does not match the body.', undefined, { connection: 'close' });
    default:
      // Client aborts and other transport problems fastify reports as 4xx.
      return error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? new ApiError('MALFORMED_REQUEST', 'The request could not be read.', undefined, { connection: 'close' }) : undefined;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    layers?: { principal: unknown; params: ClientRecord; query: ClientRecord; idempotencyKey?: string };
  }
}

export async function createFront<P>(options: FrontOptions<P>): Promise<Front> {
  const contract = options.contract ?? loadContract();
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const compiled = options.requests ?? compileRequests(contract);
  const challenge = authChallenge(contract);
  const fail = (reply: FastifyReply, error: ApiError) => sendError(reply, error, challenge);
  let server: Server | undefined;

  const app = Fastify({
    logger: false,
    exposeHeadRoutes: false,
    bodyLimit: limits.bodyBytes,
    // Long ids reach validation (a field error) instead of failing in the router; the header limit bounds
    // them. The query string is parsed once, strictly, by the operation (requests.ts), not here too.
    routerOptions: { maxParamLength: 16 * 1024, querystringParser: () => ({}) },
    // Request ids are the contract's (req_<ULID>); fastify's own are never shown.
    genReqId: () => newRequestId(),
    return503OnClosing: false,
    forceCloseConnections: true,
    serverFactory(handler) {
      server = createServer(
        {
          maxHeaderSize: limits.headerBytes,
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
          // A missing Host is answered in the envelope (below), not with Node's bare 400.
          requireHostHeader: false,
        },
        handler,
      );
      server.maxConnections = limits.maxConnections;
      server.timeout = limits.idleTimeoutMs;
      server.on('clientError', answerClientError);
      return server;
    },
    frameworkErrors(error, _request, reply) {
      if (error.code === 'FST_ERR_BAD_URL') {
        return fail(reply, new ApiError('MALFORMED_REQUEST', 'The request target is not a path with UTF-8 percent-escapes.'));
      }
      return fail(reply, new ApiError('MALFORMED_REQUEST', 'The request could not be read.'));
    },
  });

  app.removeAllContentTypeParsers();
  // Bytes only: media type, charset, UTF-8 and JSON are checked by the operation (requests.ts).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // One hook before routing, in this order: every answer names its request (X-Request-Id, equal to
  // the envelope's requestId on errors), so that is set before anything can answer; then CORS,
  // whose preflight is answered here; then the Host rule. One synchronous hook rather than three
  // (two of them async): this runs on every request.
  const cors = corsStep(contract);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (cors(request, reply)) return;
    if (request.raw.httpVersionMajor === 1 && request.raw.httpVersionMinor >= 1 && headerValues(request.raw, 'host').length !== 1) {
      done(new ApiError('MALFORMED_REQUEST', 'HTTP/1.1 requests need exactly one Host header.', undefined, { connection: 'close' }));
      return;
    }
    done();
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    return fail(reply, new ApiError('NOT_FOUND', `No such operation: ${request.method} ${path.slice(0, 200)}.`));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) return fail(reply, error);
    const mapped = fastifyErrorToApi(error, limits);
    if (mapped) return fail(reply, mapped);
    log(`internal error on ${request.method} ${request.url}: ${error.stack ?? String(error)}`);
    return fail(reply, new ApiError('INTERNAL', 'Internal error. Retry later.'));
  });

  for (const request of compiled.values()) {
    const { op } = request;
    app.route({
      method: op.method.toUpperCase(),
      url: colonPath(op.path),
      async onRequest(req) {
        const principal = await options.authenticate(req.raw, request);
        const rawParams = (req.params ?? {}) as Record<string, string>;
        const params = request.validatePath(rawParams);
        const q = req.url.indexOf('?');
        const query = request.parseQuery(q < 0 ? '' : req.url.slice(q + 1));
        const idempotencyKey = request.idempotencyKey(headerValues(req.raw, 'idempotency-key'));
        req.layers = { principal, params, query, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) };
      },
      async handler(req, reply) {
        const state = req.layers!;
        const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const contentTypes = headerValues(req.raw, 'content-type');
        if (contentTypes.length > 1) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send one Content-Type header.');
        const body = request.parseBody(rawBody, contentTypes[0]);
        const input: FrontInput = { params: state.params, query: state.query, body, rawBody, ...(state.idempotencyKey !== undefined ? { idempotencyKey: state.idempotencyKey } : {}) };
        const answer = await options.handle(request, input, state.principal as P, req);
        reply.code(answer.status);
        if (answer.headers) reply.headers(answer.headers);
        if (typeof answer.body === 'string' && !Object.keys(answer.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) reply.type('application/json');
        return reply.send(answer.body);
      },
    });
  }
  options.routes?.(app);
  await app.ready();
  if (!server) throw new Error('fastify did not build the HTTP server');
  return { app, server, limits };
}
