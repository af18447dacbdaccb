/**
 * The Ajv set-up every validator comes from (src/contract/validator.ts): no type coercion, every
 * error reported (not just the first), formats checked, strict about unknown keywords except the
 * OpenAPI ones the contract uses, defaults only when asked, refs into the contract, and caching.
 */
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/contract/bundle.js';
import type { OpenApiDocument, Schema } from '../../src/contract/oas.js';
import { createContractValidator } from '../../src/contract/validator.js';

const doc = readBundle();
const strict = createContractValidator(doc);

describe('the contract validator', () => {
  it('never coerces types: "5" is not an integer, 1 is not a string, "true" is not a boolean', () => {
    const v = strict.forInline({ type: 'object', properties: { n: { type: 'integer' }, s: { type: 'string' }, b: { type: 'boolean' } } });
    const value = { n: '5', s: 1, b: 'true' };
    expect(v(value)).toBe(false);
    expect(value).toEqual({ n: '5', s: 1, b: 'true' });
    expect((v.errors ?? []).map((e) => e.instancePath).sort()).toEqual(['/b', '/n', '/s']);
  });

  it('reports every error, not only the first', () => {
    const v = strict.forInline({ type: 'object', required: ['a', 'b'], additionalProperties: false, properties: { a: { type: 'string' }, b: { type: 'string' } } });
    expect(v({ x: 1, y: 2 })).toBe(false);
    expect(v.errors!.length).toBe(4);
  });

  it('checks formats', () => {
    const v = strict.forInline({ type: 'string', format: 'date-time' });
    expect(v('2026-12-02T01:00:00Z')).toBe(true);
    expect(v('yesterday')).toBe(false);
  });

  it('fills defaults only when asked', () => {
    const schema = { type: 'object', properties: { voice: { type: 'string', default: 'warm' } } } as const;
    const plain: Record<string, unknown> = {};
    expect(strict.forInline(schema)(plain)).toBe(true);
    expect(plain).toEqual({});
    const filled: Record<string, unknown> = {};
    expect(createContractValidator(doc, { useDefaults: true }).forInline(schema)(filled)).toBe(true);
    expect(filled).toEqual({ voice: 'warm' });
  });

  it('resolves local refs of an inline schema into the contract, at any depth', () => {
    const v = strict.forInline({ type: 'object', properties: { ids: { type: 'array', items: { $ref: '#/components/schemas/ProjectId' } } } });
    expect(v({ ids: ['prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39'] })).toBe(true);
    expect(v({ ids: ['nope'] })).toBe(false);
    expect(v.errors![0]!.instancePath).toBe('/ids/0');
  });

  it('validates a ref into the contract', () => {
    const v = strict.forRef('#/components/schemas/ProjectId');
    expect(v('prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39')).toBe(true);
    expect(v('prj_x')).toBe(false);
  });

  it('compiles each ref and each inline schema once', () => {
    expect(strict.forRef('#/components/schemas/ProjectId')).toBe(strict.forRef('#/components/schemas/ProjectId'));
    expect(strict.forInline({ type: 'string' })).toBe(strict.forInline({ type: 'string' }));
    expect(strict.forInline({ type: 'string' })).not.toBe(strict.forInline({ type: 'integer' }));
    expect(strict.forRef('#/components/schemas/ProjectId')).not.toBe(strict.forRef('#/components/schemas/JobId'));
  });

  it('accepts the OpenAPI keywords the contract uses, and rejects unknown ones (strict)', () => {
    for (const keyword of ['components', 'x-http-status', 'discriminator', 'xml', 'externalDocs', 'example']) {
      expect(() => strict.forInline({ type: 'string', [keyword]: keyword === 'discriminator' ? undefined : {} }), keyword).not.toThrow();
    }
    expect(() => strict.forInline({ type: 'string', 'x-unheard-of': true })).toThrow(/unknown keyword/);
  });

  it('checks an open list (x-extensible-enum) as closed by default, naming the values, and lets any value through with openEnums', () => {
    const schema = { type: 'string', 'x-extensible-enum': ['A', 'B'] };
    const closed = strict.forInline(schema);
    expect(closed('A')).toBe(true);
    expect(closed('C')).toBe(false);
    expect(closed.errors![0]!.message).toBe('must be one of the values this version lists: ["A","B"]');
    expect(createContractValidator(doc, { openEnums: true }).forInline(schema)('C')).toBe(true);
    expect(() => strict.forInline({ type: 'string', 'x-extensible-enum': 'A' } as unknown as Schema)).toThrow();
  });

  it('is strict about types but not about required properties it cannot see', () => {
    // strictRequired off: `required` may name properties declared in an allOf branch.
    expect(() => strict.forInline({ type: 'object', required: ['a'], allOf: [{ properties: { a: { type: 'string' } } }] })).not.toThrow();
  });

  it('allows `required` to name a property it does not declare (strictRequired off)', () => {
    expect(() => strict.forInline({ type: 'object', required: ['undeclared'] })).not.toThrow();
  });

  it('rewrites only $ref values: a string value that looks like a ref is left alone', () => {
    const v = strict.forInline({ const: '#/components/schemas/ProjectId' });
    expect(v('#/components/schemas/ProjectId')).toBe(true);
  });

  it('works on a document without components', () => {
    const bare = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} } as OpenApiDocument;
    expect(createContractValidator(bare).forInline({ type: 'string' })('x')).toBe(true);
  });
});
