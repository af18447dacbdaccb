/**
 * The mock: Prism over the bundled contract, behind a thin front that keeps every answer inside the
 * contract. Prism alone breaks it in three ways, each handled here and nowhere else:
 *  1. Prism prefers a schema's own `examples` over the response's named examples, so every error
 *     status answered with the ErrorEnvelope schema's single example (code NOT_FOUND). Prism is
 *     given a copy of the bundle without schema-level examples; each response's examples then win.
 *  2. Malformed JSON gets Prism's own `400 invalid_json`; the contract says `422 VALIDATION`.
 *  3. Prism's routing errors (no such path or method) are `application/problem+json`; they become
 *     the contract's `404 NOT_FOUND` envelope.
 * Everything else is Prism's: request validation, security (401 without a key), `Prefer` handling.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRequestId } from '../../src/sandbox/ids.js';
import { bundleJsonPath } from './paths.js';
import { isObject, type JsonObject } from '../../src/contract/openapi-walk.js';
import { startPrism, type RunningPrism } from './prism.js';

export interface RunningMock {
  url: string;
  prism: RunningPrism;
  stop(): Promise<void>;
}

function envelope(code: string, message: string, details?: JsonObject): string {
  return JSON.stringify({ error: { code, message, requestId: newRequestId(), ...(details ? { details } : {}) } });
}

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
  writeFileSync(specPath, JSON.stringify(mockDocument(JSON.parse(readFileSync(bundleJsonPath, 'utf8')) as JsonObject)));
  const prism = await startPrism({ mode: 'mock', spec: specPath, logLevel: options.logLevel ?? 'error' });

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const isJson = /^application\/json\b/i.test(req.headers['content-type'] ?? '');
    if (isJson && body.length > 0) {
      try {
        JSON.parse(body.toString('utf8'));
      } catch (error) {
        res.writeHead(422, { 'content-type': 'application/json' })
          .end(envelope('VALIDATION', 'Invalid body.', { formErrors: [`Malformed JSON: ${(error as Error).message}`] }));
        return;
      }
    }
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
      res.writeHead(500, { 'content-type': 'application/json' }).end(envelope('INTERNAL', 'The mock could not reach Prism.'));
      return;
    }
    const text = await upstream.text();
    const contentType = upstream.headers.get('content-type') ?? '';
    if (contentType.startsWith('application/problem+json')) {
      const problem = JSON.parse(text) as { title?: string; type?: string };
      res.writeHead(404, { 'content-type': 'application/json' })
        .end(envelope('NOT_FOUND', `No such operation in the contract: ${req.method} ${req.url?.split('?')[0]}.${problem.title ? ` (${problem.title})` : ''}`));
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
