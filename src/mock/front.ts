/**
 * The mock: Prism over the bundled contract, behind a thin front that keeps every answer inside the
 * contract. Prism alone breaks it in three ways, each handled here and nowhere else:
 *  1. Prism prefers a schema's own `examples` over the response's named examples, so every error
 *     status answered with the ErrorEnvelope schema's single example (code NOT_FOUND). Prism is
 *     given a copy of the bundle without schema-level examples; each response's examples then win.
 *  2. Malformed JSON gets Prism's own `400 invalid_json`; the contract says `422 VALIDATION`.
 *  3. Prism's routing errors (no such path or method) are `application/problem+json`; they become
 *     the contract's `404 NOT_FOUND` envelope.
 * The fuzzer (tests/fuzz) found four more, also answered here before Prism sees the request:
 *  4. A body key with a non-Latin-1 character crashes Prism (it echoes the key in a header):
 *     any non-ASCII key is unknown to this contract, so it is `422 VALIDATION`.
 *  5. `+json` media types (`application/merge-patch+json`) pass; the contract takes only
 *     `application/json`: `415`.
 *  6. Empty query values (`?limit=`) pass; OpenAPI's `allowEmptyValue` defaults to false: `422`.
 *  7. A JSON body that is not an object (`null`) passes where the body is optional; every request
 *     body in the contract is an object: `422`. (`assertFrontAssumptions` checks 4 and 7 at start.)
 * Prism also takes only `Bearer` with a capital B; the scheme name is case-insensitive, so the
 * front normalizes it. Everything else is Prism's: request validation, security (401 without a
 * key), `Prefer` handling.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, envelope } from '../../src/sandbox/errors.js';
import { statusOf } from '../../src/sandbox/routes.js';
import { bundleJsonPath } from '../../scripts/lib/paths.js';
import { deref, isObject, listOperations, type JsonObject } from '../../src/contract/openapi-walk.js';
import { startPrism, type RunningPrism } from './prism.js';

export interface RunningMock {
  url: string;
  prism: RunningPrism;
  stop(): Promise<void>;
}


/** The front's checks 4 and 7 hold only if every request body is an object with ASCII property names. */
export function assertFrontAssumptions(doc: JsonObject): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (isObject(node.properties)) {
      for (const name of Object.keys(node.properties)) {
        if (!/^[\x21-\x7E]+$/.test(name)) throw new Error(`mock front: property name ${JSON.stringify(name)} is not ASCII`);
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(doc.components);
  for (const op of listOperations(doc)) {
    const body = deref(doc, op.operation.requestBody ?? null);
    const media = isObject(body) && isObject(body.content) ? (body.content['application/json'] as JsonObject) : undefined;
    if (media && (deref(doc, media.schema ?? null) as JsonObject).type !== 'object') {
      throw new Error(`mock front: the request body of ${String(op.operation.operationId)} is not an object`);
    }
  }
}

const hasNonAsciiKey = (value: unknown): boolean =>
  Array.isArray(value) ? value.some(hasNonAsciiKey)
    : isObject(value as never) ? Object.entries(value as object).some(([k, v]) => !/^[\x20-\x7E]*$/.test(k) || hasNonAsciiKey(v)) : false;

export function mockDocument(doc: JsonObject): JsonObject {
  const copy = structuredClone(doc);
  const schemas = isObject(copy.components) && isObject(copy.components.schemas) ? copy.components.schemas : {};
  for (const schema of Object.values(schemas)) if (isObject(schema)) delete schema.examples;
  return copy;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A mock's answer, before it is sent; a `transform` may rewrite it (the broken-server test fixture does). */
export interface MockAnswer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface MockOptions {
  port?: number;
  logLevel?: 'error' | 'warn' | 'info';
  transform?: (answer: MockAnswer) => MockAnswer;
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const dir = mkdtempSync(join(tmpdir(), 'layers-mock-'));
  const specPath = join(dir, 'openapi.mock.json');
  const doc = JSON.parse(readFileSync(bundleJsonPath, 'utf8')) as JsonObject;
  assertFrontAssumptions(doc);
  writeFileSync(specPath, JSON.stringify(mockDocument(doc)));
  const prism = await startPrism({ mode: 'mock', spec: specPath, logLevel: options.logLevel ?? 'error' });

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    // Same envelope and code → status map as the sandbox: both come from the contract.
    const reject = (error: ApiError) => {
      res.writeHead(statusOf[error.code]!, { 'content-type': 'application/json' }).end(envelope(error));
    };
    const query = new URL(req.url ?? '/', 'http://mock.local').searchParams;
    const empty = [...query].filter(([, v]) => v === '').map(([k]) => k);
    if (empty.length) return reject(new ApiError('VALIDATION', 'Invalid query.', { fieldErrors: Object.fromEntries(empty.map((k) => [k.replace(/[^A-Za-z0-9_.-]/g, '_') || 'query', ['Must not be empty.']])) }));
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD') {
      if (mediaType !== 'application/json') return reject(new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be application/json.'));
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return reject(new ApiError('VALIDATION', 'Invalid body.', { formErrors: [`Malformed JSON: ${(error as Error).message}`] }));
      }
      if (!isObject(parsed as never)) return reject(new ApiError('VALIDATION', 'Invalid body.', { formErrors: ['The body must be a JSON object.'] }));
      if (hasNonAsciiKey(parsed)) return reject(new ApiError('VALIDATION', 'Invalid body.', { formErrors: ['Unrecognized key.'] }));
    }
    if (typeof req.headers.authorization === 'string') req.headers.authorization = req.headers.authorization.replace(/^bearer /i, 'Bearer ');
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && name !== 'host' && name !== 'content-length') headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let upstream: Response;
    try {
      upstream = await fetch(`${prism.url}${req.url ?? '/'}`, {
        method: req.method,
        headers,
        body: body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD' ? new Uint8Array(body) : undefined,
      });
    } catch {
      reject(new ApiError('INTERNAL', 'The mock could not reach Prism.'));
      return;
    }
    const text = await upstream.text();
    const contentType = upstream.headers.get('content-type') ?? '';
    if (contentType.startsWith('application/problem+json')) {
      const problem = JSON.parse(text) as { title?: string; type?: string };
      reject(new ApiError('NOT_FOUND', `No such operation in the contract: ${req.method} ${req.url?.split('?')[0]}.${problem.title ? ` (${problem.title})` : ''}`));
      return;
    }
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
    });
    let answer: MockAnswer = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/', status: upstream.status, headers: out, body: text };
    if (options.transform) answer = options.transform(answer);
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    prism,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await prism.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
