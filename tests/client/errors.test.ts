/** Every non-2xx, and every body that is not what the contract promises, becomes a typed error. */
import { describe, expect, it } from 'vitest';
import {
  LayersApiError,
  LayersAuthenticationError,
  LayersConflictError,
  LayersError,
  LayersNotFoundError,
  LayersPermissionError,
  LayersRateLimitError,
  LayersServerError,
  LayersValidationError,
} from '../../src/client/index.js';
import { clientFor, envelope, INF, json, PRJ, startServer } from './server.js';

async function failure(promise: Promise<unknown>): Promise<LayersApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LayersApiError);
  return error as LayersApiError;
}

describe('error mapping', () => {
  it('maps the envelope to LayersApiError with code, status, message, requestId and operationId', async () => {
    const server = await startServer(envelope(404, 'NOT_FOUND'));
    const error = await failure(clientFor(server).getInfluencer({ influencerId: INF }));
    expect(error).toBeInstanceOf(LayersError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'LayersNotFoundError',
      status: 404,
      code: 'NOT_FOUND',
      message: 'NOT_FOUND happened',
      requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T',
      operationId: 'getInfluencer',
    });
    expect(error.details).toBeUndefined();
  });

  it('carries details.fieldErrors of a VALIDATION', async () => {
    const details = { fieldErrors: { name: ['Unrecognized key — name is server-generated.'] } };
    const server = await startServer(envelope(422, 'VALIDATION', {}, details));
    const error = await failure(clientFor(server).createInfluencer({ projectId: PRJ }));
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION', operationId: 'createInfluencer' });
    expect(error.details).toEqual(details);
  });

  it('exposes Retry-After of a final 429 as retryAfterSeconds', async () => {
    const server = await startServer(envelope(429, 'RATE_LIMITED', { 'retry-after': '7' }));
    const error = await failure(clientFor(server, { maxRetries: 0 }).getProject({ projectId: PRJ }));
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 7, operationId: 'getProject' });
  });

  it('gives UNEXPECTED_RESPONSE with the status for an HTML 502 from a proxy (after retrying it)', async () => {
    const server = await startServer((res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
    });
    const error = await failure(clientFor(server, { maxRetries: 1 }).getInfluencer({ influencerId: INF }));
    expect(error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE', operationId: 'getInfluencer' });
    expect(error.requestId).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it('gives UNEXPECTED_RESPONSE for invalid JSON and for JSON that is not the envelope', async () => {
    const server = await startServer(
      (res) => {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error": ');
      },
      json(409, { message: 'conflict', code: 'CONFLICT' }),
    );
    const layers = clientFor(server);
    expect(await failure(layers.getInfluencer({ influencerId: INF }))).toMatchObject({ status: 400, code: 'UNEXPECTED_RESPONSE' });
    expect(await failure(layers.getInfluencer({ influencerId: INF }))).toMatchObject({ status: 409, code: 'UNEXPECTED_RESPONSE' });
  });

  it('gives UNEXPECTED_RESPONSE for a 2xx whose body is not JSON, or is empty', async () => {
    const server = await startServer(
      (res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>');
      },
      (res) => {
        res.writeHead(200).end();
      },
    );
    const layers = clientFor(server);
    expect(await failure(layers.getInfluencer({ influencerId: INF }))).toMatchObject({ status: 200, code: 'UNEXPECTED_RESPONSE' });
    expect(await failure(layers.getInfluencer({ influencerId: INF }))).toMatchObject({ status: 200, code: 'UNEXPECTED_RESPONSE' });
  });

  it('leaves the raw client’s error as the parsed envelope', async () => {
    const server = await startServer(envelope(404, 'NOT_FOUND'));
    const { data, error, response } = await clientFor(server).raw.GET('/v1/influencers/{influencerId}', {
      params: { path: { influencerId: INF } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe('NOT_FOUND');
  });
});

describe('error classes by category', () => {
  it.for([
    [422, 'VALIDATION', LayersValidationError],
    [422, 'IDEMPOTENCY_KEY_REUSED', LayersValidationError],
    [415, 'UNSUPPORTED_MEDIA_TYPE', LayersValidationError],
    [400, 'MALFORMED_REQUEST', LayersValidationError],
    [401, 'UNAUTHENTICATED', LayersAuthenticationError],
    [403, 'FORBIDDEN_SCOPE', LayersPermissionError],
    [404, 'NOT_FOUND', LayersNotFoundError],
    [409, 'CONFLICT', LayersConflictError],
    [429, 'RATE_LIMITED', LayersRateLimitError],
    [500, 'INTERNAL', LayersServerError],
  ] as const)('%i %s is a %O', async ([status, code, type]) => {
    const server = await startServer(envelope(status, code, { 'x-request-id': 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' }));
    const error = await failure(clientFor(server, { maxRetries: 0 }).getProject({ projectId: PRJ }));
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(LayersApiError);
    expect(error).toMatchObject({ status, code, name: type.name, attempts: 1 });
    expect(error.headers?.get('x-request-id')).toBe('req_01HXZ9G7KMV2QX8Y1S5RJW3B7T');
  });

  it('takes requestId from X-Request-Id when the body is not the envelope', async () => {
    const server = await startServer((res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7V' }).end('<html>Bad Gateway</html>');
    });
    const error = await failure(clientFor(server, { maxRetries: 0 }).getInfluencer({ influencerId: INF }));
    expect(error).toBeInstanceOf(LayersServerError);
    expect(error.requestId).toBe('req_01HXZ9G7KMV2QX8Y1S5RJW3B7V');
  });
});
