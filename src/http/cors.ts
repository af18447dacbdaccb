/**
 * CORS for the sandbox and the mock, so the docs site's try-it console (a page on another loopback
 * port) can call them from the browser. Only loopback origins are answered: these servers are for
 * local development, and a page from anywhere else gets no CORS headers (its browser refuses the
 * answer). A preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin is
 * answered `204` before any other hook; from any other origin it is an ordinary unknown operation
 * (`404` in the envelope), so preflight never bypasses the contract's error rules.
 *
 * Methods, request headers and exposed response headers come from the contract (its operations,
 * their header parameters, the security schemes and the response headers); `Prefer` is added for
 * the mock's example selection.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Contract } from '../contract/model.js';

const LOOPBACK_ORIGIN = /^https?:\/\/(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(?::\d{1,5})?$/;

export const isLoopbackOrigin = (origin: string | undefined): origin is string => typeof origin === 'string' && LOOPBACK_ORIGIN.test(origin);

export interface CorsPolicy {
  methods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
}

export function corsPolicy(contract: Contract): CorsPolicy {
  const methods = new Set<string>();
  const allow = new Set<string>(['Content-Type', 'Prefer']);
  const expose = new Set<string>();
  for (const op of contract.operations) {
    methods.add(op.method.toUpperCase());
    for (const p of op.parameters.header) allow.add(p.name);
    for (const r of op.responses) for (const h of r.headers) expose.add(h.name);
  }
  for (const scheme of Object.values(contract.doc.components?.securitySchemes ?? {})) {
    if (scheme.type === 'http') allow.add('Authorization');
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name) allow.add(scheme.name);
  }
  return { methods: [...methods], allowHeaders: [...allow], exposeHeaders: [...expose] };
}

/**
 * The CORS step of a request: adds the CORS headers for a loopback origin, and answers its
 * preflight. Returns true when it answered (the request goes no further).
 */
export function corsStep(contract: Contract): (request: FastifyRequest, reply: FastifyReply) => boolean {
  const policy = corsPolicy(contract);
  const methods = policy.methods.join(', ');
  const allowHeaders = policy.allowHeaders.join(', ');
  const exposeHeaders = policy.exposeHeaders.join(', ');
  return (request, reply) => {
    const origin = request.headers.origin;
    if (!isLoopbackOrigin(origin)) return false;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      void reply
        .code(204)
        .header('access-control-allow-methods', methods)
        .header('access-control-allow-headers', allowHeaders)
        .header('access-control-max-age', '600')
        .header('content-length', '0')
        .send();
      return true;
    }
    reply.header('access-control-expose-headers', exposeHeaders);
    return false;
  };
}
