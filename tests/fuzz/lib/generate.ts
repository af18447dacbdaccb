/**
 * Valid requests generated from the contract (generated/openapi.json): fast-check arbitraries are
 * built from each schema (enum, integer bounds, string length and pattern, object properties and
 * required keys), and every generated value is then checked with the contract's own Ajv validator
 * (src/contract/validator.ts), so a value that a generator got wrong never reaches the server as
 * "valid". Nothing here restates a rule of the contract by hand.
 */
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { deref } from '../../../src/contract/bundle.js';
import type { ContractOperation, ContractParameter, ErrorCode, OperationId } from '../../../src/contract/model.js';
import { isJsonObject, type Schema } from '../../../src/contract/oas.js';
import { createContractValidator } from '../../../src/contract/validator.js';
import type { CallInit } from '../../suite/lib/call.js';
import { doc, errorStatus, operation, requestMediaTypes } from '../../support/contract.js';

/** Judges values the way the contract does: strict, no coercion, no defaults (a value is never altered). */
export const judge = createContractValidator(doc);

/**
 * Query text as a lenient server may read it before judging (`limit=20` → 20): Ajv's
 * `coerceTypes` rules, so `" 5"` and `1e1` count as numbers too. A query value is only called
 * invalid when no such reading of it is valid, so a strict server (which rejects more) agrees.
 */
export function fromQueryText(text: string, schema: Schema): unknown {
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.includes('string')) return text;
  const n = Number(text);
  for (const type of types) {
    if ((type === 'number' || (type === 'integer' && !(n % 1))) && text !== '' && !Number.isNaN(n)) return n;
    if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
    if (type === 'null' && text === '') return null;
  }
  return text;
}

/** One request to one operation, as data: printable in a failure message and replayable. */
export interface FuzzRequest {
  operationId: OperationId;
  path: Record<string, string>;
  query?: Record<string, string>;
  /** JSON-encoded and sent as application/json (or `contentType`). Absent: no body. */
  body?: unknown;
  /** Sent as-is instead of `body` (bytes: not necessarily UTF-8). */
  rawBody?: string | Uint8Array;
  contentType?: string;
  auth?: CallInit['auth'];
  headers?: Record<string, string>;
}

/** Placeholder path values the runner replaces just before sending (sandbox: a fresh resource per request). */
export const FRESH_INFLUENCER = '<fresh influencer>';

export const pathParams = (op: ContractOperation): ContractParameter[] => op.parameters.path;
export const queryParams = (op: ContractOperation): ContractParameter[] => op.parameters.query;
export const headerParams = (op: ContractOperation): ContractParameter[] => op.parameters.header;

/** The documented status of an error code (ErrorCode's x-http-status). */
export function statusOfCode(code: ErrorCode): number {
  const status = errorStatus[code];
  if (status === undefined) throw new Error(`the contract has no error code ${code}`);
  return status;
}

/** The request body of an operation: its JSON schema, whether it is required, and the media types it accepts. */
export interface BodySpec {
  schema: Schema;
  ref: string;
  required: boolean;
  mediaTypes: string[];
}

export function bodySpec(op: ContractOperation): BodySpec | undefined {
  const body = op.requestBody;
  const ref = body?.schema.$ref;
  if (!body || typeof ref !== 'string') return undefined;
  return { schema: deref(doc, body.schema), ref, required: body.required, mediaTypes: requestMediaTypes(op).map((m) => m.toLowerCase()) };
}

/** A validator for any schema node of the contract (inline, its `#/` refs resolved into the contract). */
export function validatorFor(schema: Schema, j = judge): ValidateFunction {
  if (typeof schema.$ref === 'string' && Object.keys(schema).length === 1) return j.forRef(schema.$ref);
  return j.forInline(schema);
}

/** The resolved schema of a node: `$ref` followed, sibling keywords (default, description) kept on top. */
export function resolved(schema: Schema): Schema {
  if (typeof schema.$ref !== 'string') return schema;
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolved(deref<Schema>(doc, { $ref: schema.$ref })), ...siblings };
}

const TEXT_UNITS = ['grapheme', 'grapheme-ascii', 'binary'] as const;

/**
 * Strings for a string schema. A pattern is generated with fc.stringMatching; free text also gets
 * unicode text (graphemes, any code point) and strings at the maximum length, but only when the
 * schema's own validator accepts such strings often enough to be worth generating (measured, not
 * assumed). Every string is filtered through the validator.
 */
function stringArbitrary(schema: Schema, validate: ValidateFunction): fc.Arbitrary<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum.filter((v) => typeof v === 'string'));
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 64;
  const candidates: Array<fc.Arbitrary<string>> = [];
  if (typeof schema.pattern === 'string') candidates.push(fc.stringMatching(new RegExp(schema.pattern, 'u'), { maxLength: max, size: 'small' }));
  const free: Array<fc.Arbitrary<string>> = [
    ...TEXT_UNITS.map((unit) => fc.string({ unit, minLength: Math.max(min, 1), maxLength: Math.min(max, 40) })),
    fc.string({ unit: 'grapheme-ascii', minLength: Math.max(min, max - 2), maxLength: max }),
  ];
  for (const arb of free) {
    const samples = fc.sample(arb, { numRuns: 40, seed: 7 });
    if (samples.filter((s) => validate(s)).length >= 8) candidates.push(arb);
  }
  if (candidates.length === 0) candidates.push(fc.string({ minLength: min, maxLength: max }));
  return fc.oneof(...candidates).filter((s) => validate(s) as boolean);
}

const built = new Map<string, fc.Arbitrary<unknown>>();

/** An arbitrary of values valid against a schema node of the contract (built once per node). */
export function arbitraryFor(node: Schema): fc.Arbitrary<unknown> {
  const key = JSON.stringify(node);
  let arb = built.get(key);
  if (!arb) built.set(key, (arb = buildArbitrary(node)));
  return arb;
}

function buildArbitrary(node: Schema): fc.Arbitrary<unknown> {
  const validate = validatorFor(node);
  const schema = resolved(node);
  let arb: fc.Arbitrary<unknown>;
  if (Array.isArray(schema.enum)) arb = fc.constantFrom(...schema.enum);
  else if ('const' in schema) arb = fc.constant(schema.const);
  else if (Array.isArray(schema.oneOf)) arb = fc.oneof(...schema.oneOf.map((s) => arbitraryFor(s)));
  else if (schema.type === 'string') arb = stringArbitrary(schema, validate);
  else if (schema.type === 'integer') {
    arb = fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
  } else if (schema.type === 'number') arb = fc.double({ noNaN: true, noDefaultInfinity: true });
  else if (schema.type === 'boolean') arb = fc.boolean();
  else if (schema.type === 'array') {
    arb = fc.array(arbitraryFor(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? 5 });
  } else if (schema.type === 'object' || schema.properties !== undefined) {
    const props = schema.properties ?? {};
    const required = schema.required ?? [];
    const model = Object.fromEntries(Object.entries(props).map(([name, sub]) => [name, arbitraryFor(sub)]));
    arb = fc.record(model, { requiredKeys: required });
  } else {
    arb = fc.jsonValue();
  }
  return arb.filter((value) => validate(value) as boolean);
}

/** What the runner knows about the target, to build requests the target can answer with a 2xx. */
export interface ValidContext {
  /** Real ids by path parameter name (sandbox). Absent: ids are generated from the parameter schemas (mock). */
  ids?: Record<string, string[]>;
  /** Ids to use for a given operation, overriding `ids` (deleteInfluencer on the sandbox: a fresh one per request). */
  idsFor?: (operationId: string, param: string) => fc.Arbitrary<string> | undefined;
  /** Real cursors (the sandbox rejects cursors it did not issue, as the contract says). */
  cursors?: string[];
  /** Makes an Idempotency-Key unique for the run (a key reused with another body is rightly refused). */
  uniqueKey?: (key: string) => string;
}

/** Content types that are application/json per RFC 9110 (parameters allowed). */
const JSON_CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];

/** Ways of presenting the key, all documented: Bearer (canonical), X-Api-Key (accepted), both with the same key. */
const VALID_AUTH = ['bearer', 'apiKey', 'both'] as const;

export function validRequestArbitrary(operationId: OperationId, ctx: ValidContext, apiKey: string): fc.Arbitrary<FuzzRequest> {
  const op = operation(operationId);
  const path: Record<string, fc.Arbitrary<string>> = {};
  for (const p of pathParams(op)) {
    const override = ctx.idsFor?.(operationId, p.name);
    const pool = ctx.ids?.[p.name];
    path[p.name] = override ?? (pool ? fc.constantFrom(...pool) : (arbitraryFor(p.schema) as fc.Arbitrary<string>));
  }
  const query: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const p of queryParams(op)) {
    let arb: fc.Arbitrary<string>;
    if (p.name === 'cursor' && ctx.cursors) {
      if (ctx.cursors.length === 0) continue;
      arb = fc.constantFrom(...ctx.cursors);
    } else arb = arbitraryFor(p.schema).map(String);
    query[p.name] = p.required ? arb : fc.option(arb, { nil: undefined });
  }
  const headers: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const p of headerParams(op)) {
    const validate = validatorFor(p.schema);
    let arb = arbitraryFor(p.schema) as fc.Arbitrary<string>;
    // Header values travel trimmed; a unique suffix keeps keys from colliding across runs.
    arb = arb.map((v) => (ctx.uniqueKey ? ctx.uniqueKey(v) : v)).filter((v) => v === v.trim() && validate(v));
    headers[p.name] = p.required ? arb : fc.option(arb, { nil: undefined });
  }
  const spec = bodySpec(op);
  const body: fc.Arbitrary<unknown> = spec ? (spec.required ? arbitraryFor({ $ref: spec.ref }) : fc.option(arbitraryFor({ $ref: spec.ref }), { nil: undefined })) : fc.constant(undefined);

  return fc
    .record({
      path: fc.record(path),
      query: fc.record(query),
      headers: fc.record(headers),
      body,
      contentType: fc.constantFrom(...JSON_CONTENT_TYPES),
      auth: fc.constantFrom(...VALID_AUTH),
    })
    .map(({ path: p, query: q, headers: h, body: b, contentType, auth }) => {
      const request: FuzzRequest = { operationId, path: p };
      const qs = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>;
      if (Object.keys(qs).length) request.query = qs;
      const hs = Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>;
      if (Object.keys(hs).length) request.headers = hs;
      if (b !== undefined) {
        request.body = b;
        if (contentType !== 'application/json') request.contentType = contentType;
      }
      if (auth === 'apiKey') request.auth = 'apiKey';
      else if (auth === 'both') request.auth = { bearer: apiKey, apiKey };
      return request;
    });
}

/** Every enum value the contract declares anywhere (a value of one enum is a plausible mistake for another). */
export function allEnumValues(): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isJsonObject(node)) {
      if (Array.isArray(node.enum)) for (const v of node.enum) if (typeof v === 'string') out.add(v);
      Object.values(node).forEach(walk);
    }
  };
  walk(doc.components ?? null);
  return [...out];
}

/** Every property name of every schema in the contract (record fields a client might try to set). */
export function allPropertyNames(): string[] {
  const out = new Set<string>();
  for (const schema of Object.values(doc.components?.schemas ?? {})) for (const name of Object.keys(schema.properties ?? {})) out.add(name);
  return [...out];
}
