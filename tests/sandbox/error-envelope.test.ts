/**
 * The error envelope as sent (src/contract/errors.ts), for inputs the HTTP tests cannot easily
 * produce: text cleaning (controls, lone surrogates, length), the field-key rule, the caps on
 * details, transport codes without details, and which Ajv errors become which details.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ApiError, cleanText, envelope, errorLimits, isFieldKey, toDetails } from '../../src/contract/errors.js';

const ajvError = (over: Partial<ErrorObject>): ErrorObject => ({ keyword: 'type', instancePath: '', schemaPath: '#', params: {}, message: 'must be string', ...over }) as ErrorObject;

describe('cleanText', () => {
  it('turns controls into spaces, trims, and replaces lone surrogates', () => {
    expect(cleanText('  a\u0001b\u009Fc  ')).toBe('a b c');
    expect(cleanText('x\uD800y')).toBe('x\uFFFDy');
    expect(cleanText('😀 ok')).toBe('😀 ok');
  });
  it('cuts to the limit, dropping a surrogate half left at the cut, and trims again', () => {
    expect(cleanText('abc def', 4)).toBe('abc');
    expect(cleanText(`ab😀`, 3)).toBe('ab');
    expect(cleanText('x'.repeat(errorLimits.maxTextLength + 50))).toHaveLength(errorLimits.maxTextLength);
    // Leading white space and controls are dropped before the cut, so they cost none of the length.
    expect(cleanText(` \u0001 ${'x'.repeat(errorLimits.maxTextLength)}`)).toBe('x'.repeat(errorLimits.maxTextLength));
  });
  it('falls back to "Invalid input." when nothing printable is left', () => {
    expect(cleanText('\u0001\u0002')).toBe('Invalid input.');
    expect(cleanText('')).toBe('Invalid input.');
  });
});

describe('isFieldKey', () => {
  it('follows the contract: non-empty, at most the limit, the key pattern', () => {
    expect(isFieldKey('')).toBe(false);
    expect(isFieldKey('a')).toBe(true);
    expect(isFieldKey('a'.repeat(errorLimits.maxFieldKeyLength))).toBe(true);
    expect(isFieldKey('a'.repeat(errorLimits.maxFieldKeyLength + 1))).toBe(false);
    expect(isFieldKey('a b')).toBe(false);
  });
});

describe('envelope', () => {
  it('caps fields, messages per field and formErrors, and drops keys that are not field keys', () => {
    const fieldErrors = Object.fromEntries([['bad key', ['x']], ...Array.from({ length: errorLimits.maxFields + 3 }, (_, i) => [`f${i}`, Array.from({ length: errorLimits.maxMessagesPerField + 2 }, (_, j) => `m${j}`)])]);
    const formErrors = Array.from({ length: errorLimits.maxFormErrors + 2 }, (_, i) => `form ${i}\u0001`);
    const sent = envelope(new ApiError('VALIDATION', 'Invalid body.', { fieldErrors, formErrors }), 'req_1');
    const details = (sent.error as { details: { fieldErrors: Record<string, string[]>; formErrors: string[] } }).details;
    expect(Object.keys(details.fieldErrors)).toHaveLength(errorLimits.maxFields);
    expect(details.fieldErrors['bad key']).toBeUndefined();
    expect(details.fieldErrors.f0).toHaveLength(errorLimits.maxMessagesPerField);
    expect(details.formErrors).toEqual(Array.from({ length: errorLimits.maxFormErrors }, (_, i) => `form ${i}`));
  });
  it('a transport code carries no details, even when given some', () => {
    expect(envelope(new ApiError('MALFORMED_REQUEST', 'Bad\u0001framing', { formErrors: ['x'] }), 'req_2')).toEqual({ error: { code: 'MALFORMED_REQUEST', message: 'Bad framing', requestId: 'req_2' } });
  });
  it('an error without details sends none; one with empty details sends an empty object', () => {
    expect(envelope(new ApiError('NOT_FOUND', 'Project not found.'), 'req_3')).toEqual({ error: { code: 'NOT_FOUND', message: 'Project not found.', requestId: 'req_3' } });
    expect(envelope(new ApiError('VALIDATION', 'Invalid body.', {}), 'req_4')).toEqual({ error: { code: 'VALIDATION', message: 'Invalid body.', requestId: 'req_4', details: {} } });
  });
});

describe('toDetails', () => {
  it('skips the oneOf and if wrappers', () => {
    expect(toDetails([ajvError({ keyword: 'oneOf', instancePath: '/a', message: 'must match exactly one schema in oneOf' }), ajvError({ keyword: 'if', instancePath: '/a', message: 'must match "then" schema' }), ajvError({ instancePath: '/a' })])).toEqual({ fieldErrors: { a: ['Must be string.'] } });
  });
  it('unescapes JSON-pointer segments', () => {
    expect(toDetails([ajvError({ instancePath: '/a~1b/c~0d' })])).toEqual({ formErrors: ['"a/b.c~d": Must be string.'] });
  });
  it('de-duplicates formErrors and caps them', () => {
    const same = ajvError({ instancePath: '/a b' });
    expect(toDetails([same, same])).toEqual({ formErrors: ['"a b": Must be string.'] });
    const many = Array.from({ length: errorLimits.maxFormErrors + 3 }, (_, i) => ajvError({ instancePath: `/k ${i}` }));
    expect(toDetails(many).formErrors).toHaveLength(errorLimits.maxFormErrors);
  });
  it('de-duplicates and caps messages per field, and prefixes header names', () => {
    const messages = Array.from({ length: errorLimits.maxMessagesPerField + 3 }, (_, i) => ajvError({ instancePath: '', message: `rule ${i}` }));
    expect(toDetails([...messages, messages[0]!], 'Idempotency-Key').fieldErrors!['Idempotency-Key']).toHaveLength(errorLimits.maxMessagesPerField);
    expect(toDetails([ajvError({ message: undefined })])).toEqual({ formErrors: ['Is invalid.'] });
  });
});
