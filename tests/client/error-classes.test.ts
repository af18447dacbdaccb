/** What a caller can branch on in the client's errors: the class and name per status, the cause code found in a fetch error, and the messages. */
import { describe, expect, it } from 'vitest';
import { LayersApiError, LayersConnectionError, LayersJobFailedError, LayersTimeoutError } from '../../src/client/index.js';
import { apiErrorFor, causeCode } from '../../src/client/errors.js';
import { parseRetryAfter } from '../../src/client/transport.js';
import { job } from './server.js';

describe('apiErrorFor', () => {
  const cases: Array<[number, string]> = [
    [400, 'LayersValidationError'], [415, 'LayersValidationError'], [422, 'LayersValidationError'], [431, 'LayersValidationError'],
    [401, 'LayersAuthenticationError'], [403, 'LayersPermissionError'], [404, 'LayersNotFoundError'], [409, 'LayersConflictError'],
    [429, 'LayersRateLimitError'], [500, 'LayersServerError'], [503, 'LayersServerError'], [418, 'LayersApiError'], [302, 'LayersApiError'],
  ];
  it.each(cases)('HTTP %d → %s', (status, name) => {
    const error = apiErrorFor({ status, code: 'INTERNAL', message: 'm', operationId: 'getJob' });
    expect(error).toBeInstanceOf(LayersApiError);
    expect(error.name).toBe(name);
    expect(error.constructor.name).toBe(name);
    expect(error).toMatchObject({ status, code: 'INTERNAL', message: 'm', operationId: 'getJob' });
  });
});

describe('causeCode', () => {
  it('finds the first code down the cause chain and in AggregateError members', () => {
    expect(causeCode(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }))).toBe('ECONNREFUSED');
    expect(causeCode({ code: '', cause: { code: 'UND_ERR_SOCKET' } })).toBe('UND_ERR_SOCKET');
    expect(causeCode({ errors: [{ message: 'no code' }, { code: 'ENETUNREACH' }], cause: { code: 'LATER' } })).toBe('ENETUNREACH');
    expect(causeCode({ errors: [{}], cause: { code: 'LATER' } })).toBe('LATER');
  });
  it('gives up on non-objects, codes that are not strings, and chains deeper than 8', () => {
    expect(causeCode('ECONNREFUSED')).toBeUndefined();
    expect(causeCode(null)).toBeUndefined();
    expect(causeCode({ code: 42 })).toBeUndefined();
    let deep: object = { code: 'DEEP' };
    for (let i = 0; i < 9; i++) deep = { cause: deep };
    expect(causeCode(deep)).toBeUndefined();
    let shallow: object = { code: 'SHALLOW' };
    for (let i = 0; i < 8; i++) shallow = { cause: shallow };
    expect(causeCode(shallow)).toBe('SHALLOW');
  });
});

describe('messages and names', () => {
  it('LayersConnectionError names the method, URL, reason and attempts', () => {
    const one = new LayersConnectionError({ method: 'GET', url: 'http://x/v1', attempts: 1, cause: new Error('boom') });
    expect(one.message).toBe('GET http://x/v1: could not connect (boom) after 1 attempt');
    expect(one.name).toBe('LayersConnectionError');
    expect(one.code).toBeUndefined();
    const four = new LayersConnectionError({ method: 'POST', url: 'http://x/v1', attempts: 4, code: 'ECONNRESET', cause: 'x' });
    expect(four.message).toBe('POST http://x/v1: could not connect (ECONNRESET) after 4 attempts');
    expect(four.code).toBe('ECONNRESET');
  });
  it('LayersJobFailedError says which job and why, or that it does not know', () => {
    const failed = job('failed');
    const e = new LayersJobFailedError(failed);
    expect(e.name).toBe('LayersJobFailedError');
    expect(e.message).toBe(`Job ${failed.jobId} failed: ${failed.error!.code}: ${failed.error!.message}`);
    expect(new LayersJobFailedError({ ...failed, error: null }).message).toBe(`Job ${failed.jobId} failed: UNKNOWN: no detail`);
  });
  it('LayersTimeoutError and LayersApiError have their names', () => {
    expect(new LayersTimeoutError('t').name).toBe('LayersTimeoutError');
    expect(new LayersApiError({ status: 418, code: 'INTERNAL', message: 'm', operationId: 'x' }).name).toBe('LayersApiError');
  });
});

describe('parseRetryAfter edges', () => {
  it('reads only whole delta-seconds as seconds', () => {
    expect(parseRetryAfter('5x')).toBeUndefined();
    expect(parseRetryAfter('x5')).toBeUndefined();
  });
});
