/** The contract model, errors and request validation read the bundle, not a copy of it. */
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/contract/bundle.js';
import { ApiError, cleanText, envelope, errorLimits, errorStatus, toDetails } from '../../src/contract/errors.js';
import { colonPath, loadContract } from '../../src/contract/model.js';
import { enumValues } from '../../src/contract/oas.js';
import { compileRequests, parseContentType } from '../../src/contract/requests.js';

const contract = loadContract();
const requests = compileRequests(contract);
const catchApiError = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
};

describe('loadContract', () => {
  it('resolves every operation of the bundle once, in document order', () => {
    const raw = readBundle();
    const count = Object.values(raw.paths).reduce((n, item) => n + Object.keys(item).filter((k) => ['get', 'post', 'patch', 'delete', 'put'].includes(k)).length, 0);
    expect(contract.operations).toHaveLength(count);
    expect(loadContract()).toBe(contract);
    expect(contract.operations.map((op) => op.operationId)).toContain('createInfluencer');
  });

  it('gives each operation its scopes, success status, parameters by location and body', () => {
    const op = contract.operation('listInfluencers');
    expect(op.method).toBe('get');
    expect(colonPath(op.path)).toBe('/v1/projects/:projectId/influencers');
    expect(op.successStatus).toBe(200);
    expect(op.scopes).toEqual(['influencers:read', 'influencers:write']);
    expect(op.parameters.path.map((p) => p.name)).toEqual(['projectId']);
    expect(op.parameters.query.map((p) => p.name).sort()).toEqual(['cursor', 'limit']);
    const create = contract.operation('createInfluencer');
    expect(create.successStatus).toBe(202);
    expect(create.requestBody?.schemaName).toBe('InfluencerCreateRequest');
    expect(create.requestBody?.required).toBe(false);
    expect(create.parameters.header.map((p) => p.name)).toEqual(['Idempotency-Key']);
    const accepted = create.responses.find((r) => r.status === 202)!;
    expect(accepted.headers.map((h) => h.name).sort()).toEqual(['Idempotency-Replayed', 'Location', 'X-Request-Id']);
    expect(accepted.examples.length).toBeGreaterThan(0);
  });

  it('maps every error code to its one status, from both code schemas', () => {
    expect(errorStatus('VALIDATION')).toBe(422);
    expect(errorStatus('MALFORMED_REQUEST')).toBe(400);
    expect(Object.keys(contract.errorStatus).sort()).toEqual([...(enumValues(contract.schema('ErrorCode')) ?? []), ...(enumValues(contract.schema('TransportErrorCode')) ?? [])].map(String).sort());
  });

  it('throws for an operation or schema the contract does not have', () => {
    expect(() => contract.schema('NoSuchSchema')).toThrow(/no schema named NoSuchSchema/);
  });
});

describe('errors', () => {
  it('reads every limit from ErrorDetails and ErrorEnvelope', () => {
    const details = contract.schema('ErrorDetails');
    const fieldErrors = details.properties!.fieldErrors!;
    expect(errorLimits.maxFields).toBe(fieldErrors.maxProperties);
    expect(errorLimits.maxMessagesPerField).toBe((fieldErrors.additionalProperties as { maxItems: number }).maxItems);
    expect(errorLimits.maxFormErrors).toBe(details.properties!.formErrors!.maxItems);
    expect(errorLimits.fieldKeyPattern.source).toBe(fieldErrors.propertyNames!.pattern);
  });

  it('caps and de-duplicates field errors, and moves paths that cannot be keys to formErrors', () => {
    const errors = Array.from({ length: errorLimits.maxFields + 20 }, (_, i) => ({ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: `k${i}` }, schemaPath: '' }));
    const details = toDetails([...errors, errors[0]!, { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'has space' }, schemaPath: '' }]);
    expect(Object.keys(details.fieldErrors!)).toHaveLength(errorLimits.maxFields);
    expect(details.fieldErrors!.k0).toEqual(['Unrecognized key.']);
    expect(details.formErrors).toEqual(['"has space": Unrecognized key.']);
  });

  it('keeps prototype keys as plain keys', () => {
    const details = toDetails([{ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: '__proto__' }, schemaPath: '' }]);
    expect(Object.keys(details.fieldErrors!)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(envelope(new ApiError('VALIDATION', 'x', details)))).error.details.fieldErrors.__proto__).toEqual(['Unrecognized key.']);
  });

  it('cleans echoed text to the contract pattern', () => {
    expect(cleanText('  a\u0000b\u0085c\uD800  ')).toBe('a b c\uFFFD');
    expect(cleanText('\u0001\u0002')).toBe('Invalid input.');
    expect(cleanText('x'.repeat(600))).toHaveLength(errorLimits.maxTextLength);
    // Astral characters are text, as Ajv (which compiles patterns with `u`) reads the contract.
    expect(cleanText('Bloom 🌸 name')).toBe('Bloom 🌸 name');
  });

  it('sends transport errors without details', () => {
    expect(envelope(new ApiError('MALFORMED_REQUEST', 'Bad.', { formErrors: ['x'] }), 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T')).toEqual({ error: { code: 'MALFORMED_REQUEST', message: 'Bad.', requestId: 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T' } });
  });
});

describe('request validation', () => {
  const list = requests.get('listInfluencers')!;
  it('parses integers only in their decimal form and fills the default', () => {
    expect(list.parseQuery('limit=7')).toEqual(Object.assign(Object.create(null), { limit: 7 }));
    const documented = contract.operation('listInfluencers').parameters.query.find((p) => p.name === 'limit')!.schema.default;
    expect(typeof documented).toBe('number');
    expect(list.parseQuery('').limit).toBe(documented);
    for (const form of ['0x10', '1e1', '+3', '%205', 'Infinity', '1e309', '05', '1.0']) {
      const error = catchApiError(() => list.parseQuery(`limit=${form}`));
      expect(error.code, form).toBe('VALIDATION');
      expect(Object.keys(error.details?.fieldErrors ?? {}), form).toEqual(['limit']);
    }
  });

  it('builds prototype-free records, so __proto__ is an unknown parameter', () => {
    const error = catchApiError(() => list.parseQuery('__proto__=1'));
    expect(Object.keys(error.details?.fieldErrors ?? {})).toEqual(['__proto__']);
  });

  it('refuses a parameter given twice, an empty value and an escape that is not UTF-8', () => {
    expect(catchApiError(() => list.parseQuery('limit=1&limit=2')).details?.fieldErrors?.limit).toEqual(['Give this parameter once.']);
    expect(catchApiError(() => list.parseQuery('limit=')).details?.fieldErrors?.limit).toEqual(['Must not be empty.']);
    expect(catchApiError(() => list.parseQuery('cursor=%FF')).details?.fieldErrors?.cursor).toEqual(['Not valid percent-encoded UTF-8.']);
  });

  it('reads bodies as strict UTF-8 JSON of the documented media type', () => {
    const create = requests.get('createProject')!;
    expect(create.parseBody(Buffer.from('{"name":"Bloom"}'), 'application/json; charset=UTF-8')).toMatchObject({ name: 'Bloom' });
    expect(catchApiError(() => create.parseBody(Buffer.from('{"name":"Bloom"}'), 'application/json; charset=utf-16')).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(catchApiError(() => create.parseBody(Buffer.from('{"name":"Bloom"}'), 'text/plain')).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(catchApiError(() => create.parseBody(Buffer.from([0x7b, 0x22, 0x6e, 0xff, 0x22, 0x7d]), 'application/json')).details?.formErrors).toEqual(['The body is not valid UTF-8.']);
    expect(catchApiError(() => create.parseBody(Buffer.alloc(0), 'application/json')).details?.formErrors).toEqual(['A JSON body is required.']);
    expect(parseContentType('application/json;;; charset="utf-8"')).toEqual({ mediaType: 'application/json', charset: 'utf-8' });
    expect(parseContentType('"json"')).toBeUndefined();
  });

  it('validates the Idempotency-Key against its parameter schema, once', () => {
    const create = requests.get('createProject')!;
    expect(create.idempotencyKey(['abc-123'])).toBe('abc-123');
    expect(create.idempotencyKey([])).toBeUndefined();
    expect(Object.keys(catchApiError(() => create.idempotencyKey([''])).details?.fieldErrors ?? {})).toEqual(['Idempotency-Key']);
    expect(catchApiError(() => create.idempotencyKey(['a', 'b'])).details?.fieldErrors?.['Idempotency-Key']).toEqual(['Send this header once.']);
  });
});
