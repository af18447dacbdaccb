/**
 * CORS on the contract front (src/http/cors.ts), over real HTTP on a running sandbox: the docs
 * page's try-it console is another loopback origin. A preflight from loopback is answered; one from
 * anywhere else stays an unknown operation in the envelope; error answers carry CORS headers too,
 * so the console can show them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/model.js';
import { corsPolicy } from '../../src/http/cors.js';
import { startTestSandbox, type TestSandbox } from '../sandbox/harness.js';

const DOCS_ORIGIN = 'http://127.0.0.1:8080';

describe('CORS on the sandbox', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  }, 60_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  const preflight = (origin: string, method = 'POST', headers = 'authorization, content-type, idempotency-key') =>
    fetch(`${sandbox.url}/v1/projects`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });

  it('answers a preflight from a loopback origin with the contract methods and headers', async () => {
    const res = await preflight(DOCS_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(DOCS_ORIGIN);
    const methods = res.headers.get('access-control-allow-methods')!.split(', ');
    expect(methods.sort()).toEqual([...new Set(loadContract().operations.map((op) => op.method.toUpperCase()))].sort());
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase().split(', ');
    for (const h of ['authorization', 'x-api-key', 'content-type', 'idempotency-key']) expect(allowed).toContain(h);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await res.text()).toBe('');
  });

  it('treats a preflight from another origin as an unknown operation, in the envelope', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('puts CORS headers on answers to a loopback origin, errors included', async () => {
    const ok = await fetch(`${sandbox.url}/v1/projects`, {
      method: 'POST',
      headers: { origin: DOCS_ORIGIN, authorization: `Bearer ${sandbox.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'CORS test' }),
    });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe(DOCS_ORIGIN);
    const exposed = ok.headers.get('access-control-expose-headers')!.split(', ');
    expect(exposed).toEqual(expect.arrayContaining(corsPolicy(loadContract()).exposeHeaders));
    expect(exposed).toContain('X-Request-Id');

    const denied = await fetch(`${sandbox.url}/v1/projects`, { method: 'POST', headers: { origin: DOCS_ORIGIN } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(DOCS_ORIGIN);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('sends no CORS headers without an Origin', async () => {
    const res = await fetch(`${sandbox.url}/v1/projects`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
