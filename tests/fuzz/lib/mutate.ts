/**
 * Invalid requests: a valid generated request with exactly one fault injected. Each kind of fault
 * knows which documented error it must provoke (the code; its status comes from the contract's
 * ErrorCode map), and each mutated request carries the evidence that it really is invalid: the
 * contract's Ajv validator rejecting the body, path id, query value or header (with the intended
 * keyword, and no unrelated one), or the contract's own statement (security schemes, request media
 * types, `requestBody.required`). A mutation the validator still accepts is never sent.
 */
import fc from 'fast-check';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ContractOperation, ErrorCode, OperationId } from '../../../src/contract/model.js';
import { isJsonObject, type Schema } from '../../../src/contract/oas.js';
import { operation, scopesOf } from '../../support/contract.js';
import {
  allEnumValues,
  allPropertyNames,
  arbitraryFor,
  bodySpec,
  fromQueryText,
  headerParams,
  judge,
  pathParams,
  queryParams,
  resolved,
  statusOfCode,
  validatorFor,
  validRequestArbitrary,
  type FuzzRequest,
  type ValidContext,
} from './generate.js';

export interface Mutation {
  kind: string;
  /** What exactly was changed. */
  note: string;
  request: FuzzRequest;
  expect: { status: number; code: string };
  /** Why the request is invalid, from the contract. */
  evidence: string;
}

export interface MutationKind {
  kind: string;
  /** Checks a stateless mock cannot make: `state` (unknown, deleted, other-org ids; issued cursors), `keys` (real key checking). */
  needs?: 'state' | 'keys';
  arbitrary: fc.Arbitrary<Mutation>;
}

/** What the sandbox knows that the mutations need. All absent on the mock. */
export interface InvalidContext extends ValidContext {
  apiKey: string;
  /** A key of another org (sandbox). */
  otherKey?: string;
  /** A deleted influencer of the key's own org. */
  deletedInfluencerId?: string;
  /** Another org's project, influencer, job, and a cursor it was issued. */
  other?: { projectId: string; influencerId: string; jobId: string; cursor?: string };
}

// ---------------------------------------------------------------------------------------------
// Evidence from the contract's validator.

/** Keywords that only wrap what their branches said. */
const WRAPPERS = new Set(['if', 'then', 'else', 'oneOf', 'anyOf', 'allOf', '$ref']);

function ajvEvidence(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .filter((e) => !WRAPPERS.has(e.keyword))
    .slice(0, 3)
    .map((e) => `${e.instancePath || '(root)'} ${e.keyword}: ${e.message ?? ''}${e.params.additionalProperty ? ` "${String(e.params.additionalProperty)}"` : ''}`)
    .join('; ');
}

/**
 * Validates `value` against `schema` and returns the evidence if it is invalid for one of the
 * `intended` keywords and for no keyword outside `allowed` (single fault); else undefined.
 */
function invalidFor(schema: Schema, value: unknown, intended: string[], allowed: string[] = intended, j = judge): string | undefined {
  const validate = validatorFor(schema, j);
  if (validate(value)) return undefined;
  const keywords = (validate.errors ?? []).map((e) => e.keyword).filter((k) => !WRAPPERS.has(k));
  if (!keywords.some((k) => intended.includes(k))) return undefined;
  if (!keywords.every((k) => allowed.includes(k) || intended.includes(k))) return undefined;
  return `contract validator: ${ajvEvidence(validate.errors)}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers on JSON bodies.

/** Every property of a body schema, nested objects included, with its path and resolved schema. */
interface Field {
  path: string[];
  node: Schema;
  schema: Schema;
}

function fieldsOf(node: Schema, prefix: string[] = []): Field[] {
  const schema = resolved(node);
  const props = schema.properties ?? {};
  const out: Field[] = [];
  for (const [name, sub] of Object.entries(props)) {
    const field = { path: [...prefix, name], node: sub, schema: resolved(sub) };
    out.push(field);
    if (field.schema.type === 'object') out.push(...fieldsOf(sub, field.path));
  }
  return out;
}

/** Paths of every object in a body schema that refuses unknown properties (the root included). */
function closedObjects(node: Schema): string[][] {
  const schema = resolved(node);
  const out: string[][] = schema.additionalProperties === false ? [[]] : [];
  for (const f of fieldsOf(node)) if (f.schema.type === 'object' && f.schema.additionalProperties === false) out.push(f.path);
  return out;
}

/** A copy of `obj` with `value` at `path` (intermediate objects created). Own properties only: `__proto__` stays a key. */
function setAt(obj: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = isJsonObject(obj) ? { ...obj } : {};
  const child = Object.prototype.hasOwnProperty.call(copy, head) ? copy[head] : undefined;
  Object.defineProperty(copy, head, { value: setAt(child, rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

function deleteAt(obj: unknown, path: string[]): unknown {
  const copy = { ...(obj as Record<string, unknown>) };
  if (path.length === 1) {
    delete copy[path[0]!];
    return copy;
  }
  const [head, ...rest] = path as [string, ...string[]];
  if (isJsonObject(copy[head])) copy[head] = deleteAt(copy[head], rest);
  return copy;
}

/** `value` repeated to exactly `length` code points. */
function repeatTo(value: string, length: number): string {
  const points = Array.from(value.length ? value : 'x');
  const out: string[] = [];
  for (let i = 0; out.length < length; i++) out.push(points[i % points.length]!);
  return out.join('');
}

const codePoints = (s: string) => Array.from(s);

/** Characters a fuzzer tries at text edges and inside ids: whitespace (ASCII and Unicode), controls, separators, non-ASCII. */
const WHITESPACE = [' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u3000', '\ufeff'];
const controlChar = fc.oneof(fc.integer({ min: 0, max: 31 }), fc.constant(127)).map((c) => String.fromCharCode(c));
const oddChar = fc.oneof(
  fc.constantFrom(...WHITESPACE),
  controlChar,
  fc.constantFrom('/', '\\', '%', '?', '#', '.', '_', '-', '+', '"', "'", '<', '>', '&', '=', 'é', 'ß', 'İ', '\u0301', '😀', 'Z', 'g', 'A'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/**
 * Names a client might wrongly send: the names of Object.prototype (`__proto__`, `constructor`,
 * `toString`…, a classic of JSON handling bugs), record fields from the contract (`status`,
 * `createdAt`…), near-misses of the known names, and random text (any Unicode).
 */
function unknownKeyArbitrary(known: string[]): fc.Arbitrary<string> {
  const dictionary = [...allPropertyNames(), 'prototype', ...known.map((k) => k.toUpperCase()), ...known.map((k) => `${k} `)];
  return fc
    .oneof(
      { arbitrary: fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype)), weight: 2 },
      { arbitrary: fc.constantFrom(...dictionary), weight: 2 },
      { arbitrary: fc.string({ minLength: 0, maxLength: 20 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), weight: 1 },
    )
    .filter((k) => !known.includes(k));
}

const wrongTypeValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.string({ maxLength: 10 }),
);

/** Ways to break JSON text: truncate it, insert a stray token, use single quotes, unquote keys, add a trailing comma, or replace it. */
const jsonCorruption: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.nat().map((n) => (text: string) => text.slice(0, 1 + (n % Math.max(1, text.length - 1)))),
  fc.tuple(fc.nat(), fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', "'", 'x', '\u0000', 'NaN', 'undefined', '//')).map(([n, c]) => (text: string) => {
    const i = n % (text.length + 1);
    return text.slice(0, i) + c + text.slice(i);
  }),
  fc.constant((text: string) => text.replace(/"/g, "'")),
  fc.constant((text: string) => text.replace(/"([^"\\]+)":/g, '$1:')),
  fc.constant((text: string) => text.replace(/}$/, ',}')),
  fc.constantFrom(' ', '{', 'null null', '{"a":1}{"b":2}', 'nul', 'tru', '[1,]', '{"name":"x",}', '{"name":"\u0000"}').map((raw) => () => raw),
);

const malformed = (raw: string): boolean => {
  if (raw.trim() === '') return false; // empty: "no body", not malformed
  try {
    // What the server will see: the text UTF-8 encoded (lone surrogates become U+FFFD) and decoded.
    JSON.parse(Buffer.from(raw, 'utf8').toString('utf8'));
    return false;
  } catch {
    return true;
  }
};

/** Content types other than the documented request media types (valid JSON text is sent under them). */
const OTHER_CONTENT_TYPES = [
  'text/plain',
  'text/json',
  'text/html; charset=utf-8',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/octet-stream',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/problem+json',
  'application/jsonl',
  'application/javascript',
  'image/png',
];

// ---------------------------------------------------------------------------------------------

function expectCode(op: ContractOperation, code: ErrorCode): { status: number; code: string } {
  const status = statusOfCode(code);
  if (!op.responses.some((r) => r.status === status)) throw new Error(`${op.operationId}: the contract does not document ${status} (${code}); cannot expect it`);
  return { status, code };
}

/** Every kind of invalid request that applies to an operation. */
export function mutationKinds(operationId: OperationId, ctx: InvalidContext): MutationKind[] {
  const op = operation(operationId);
  const base = validRequestArbitrary(operationId, ctx, ctx.apiKey);
  const spec = bodySpec(op);
  const kinds: MutationKind[] = [];
  const VALIDATION = () => expectCode(op, 'VALIDATION');
  const mk = (kind: string, arbitrary: fc.Arbitrary<Mutation | undefined>, needs?: MutationKind['needs']): void => {
    kinds.push({ kind, ...(needs ? { needs } : {}), arbitrary: arbitrary.filter((m): m is Mutation => m !== undefined) });
  };

  // --- body --------------------------------------------------------------------------------
  if (spec) {
    const bodyRef = { $ref: spec.ref };
    const validBody = arbitraryFor(bodyRef) as fc.Arbitrary<Record<string, unknown>>;
    const withBody = fc.tuple(base, validBody).map(([req, body]) => ({ req, body: (req.body ?? body) as Record<string, unknown> }));
    const fields = fieldsOf(bodyRef);
    const make = (kind: string, req: FuzzRequest, body: unknown, note: string, evidence: string | undefined): Mutation | undefined => {
      if (!evidence) return undefined;
      const request: FuzzRequest = { ...req, body };
      delete request.contentType;
      return { kind, note, request, expect: VALIDATION(), evidence };
    };

    const schema = resolved(bodyRef);
    const required = schema.required ?? [];
    if (required.length || typeof schema.minProperties === 'number') {
      const kind = 'body: missing required property';
      mk(
        kind,
        fc.tuple(withBody, fc.constantFrom(...(required.length ? required : ['*']))).map(([{ req, body }, name]) => {
          const mutated = name === '*' ? {} : deleteAt(body, [name]);
          return make(kind, req, mutated, name === '*' ? 'sent {} (minProperties)' : `removed "${name}"`, invalidFor(bodyRef, mutated, ['required', 'minProperties']));
        }),
      );
    }
    if (spec.required) {
      const kind = 'body: missing (the body is required)';
      mk(
        kind,
        base.map((req) => {
          const request: FuzzRequest = { ...req };
          delete request.body;
          delete request.contentType;
          return { kind, note: 'no body at all', request, expect: VALIDATION(), evidence: 'contract: requestBody.required is true' };
        }),
      );
    }
    const objects = closedObjects(bodyRef);
    if (objects.length) {
      const kind = 'body: unknown property';
      mk(
        kind,
        fc.oneof(
          ...objects.map((at) => {
            const target = at.length ? fields.find((f) => f.path.join('.') === at.join('.'))!.node : bodyRef;
            const known = Object.keys(resolved(target).properties ?? {});
            return fc.tuple(withBody, unknownKeyArbitrary(known), fc.jsonValue({ maxDepth: 2 })).map(([{ req, body }, key, value]) => {
              const existing = at.reduce<unknown>((o, k) => (isJsonObject(o) ? o[k] : undefined), body);
              const mutated = setAt(body, at, setAt(isJsonObject(existing) ? existing : {}, [key], value));
              return make(kind, req, mutated, `added ${JSON.stringify([...at, key].join('.'))}`, invalidFor(bodyRef, mutated, ['additionalProperties']));
            });
          }),
        ),
      );
    }
    {
      const kind = 'body: wrong type';
      const propLevel = fields.length
        ? fc.tuple(withBody, fc.constantFrom(...fields), wrongTypeValue).map(([{ req, body }, field, value]) => {
            const mutated = setAt(body, field.path, value);
            return make(kind, req, mutated, `${field.path.join('.')} = ${JSON.stringify(value)}`, invalidFor(bodyRef, mutated, ['type'], ['enum']));
          })
        : undefined;
      const bodyLevel = fc.tuple(base, fc.constantFrom<unknown>(null, [], 'text', 0, 1.5, true, false, [{}])).map(([req, value]) =>
        make(kind, req, value, `the whole body is ${JSON.stringify(value)}`, invalidFor(bodyRef, value, ['type'])),
      );
      mk(kind, propLevel ? fc.oneof(propLevel, bodyLevel) : bodyLevel);
    }
    const enums = fields.filter((f) => Array.isArray(f.schema.enum));
    if (enums.length) {
      const kind = 'body: value outside the enum';
      const others = allEnumValues();
      mk(
        kind,
        fc.oneof(
          ...enums.map((field) => {
            const own = (field.schema.enum ?? []).filter((v) => typeof v === 'string');
            const variants = own.flatMap((v) => [v.toUpperCase(), v[0]!.toUpperCase() + v.slice(1), ` ${v}`, `${v} `, `${v}s`, v.replace(/_/g, '-')]);
            return fc.tuple(withBody, fc.oneof(fc.constantFrom(...others, ...variants), fc.string({ maxLength: 12 }))).map(([{ req, body }, value]) => {
              const mutated = setAt(body, field.path, value);
              return make(kind, req, mutated, `${field.path.join('.')} = ${JSON.stringify(value)}`, invalidFor(bodyRef, mutated, ['enum']));
            });
          }),
        ),
      );
    }
    const bounded = fields.filter((f) => f.schema.type === 'string' && f.schema.maxLength !== undefined);
    if (bounded.length) {
      const kind = 'body: string over maxLength';
      mk(
        kind,
        // The length is the fault: shrinking 100k-character strings would only cost time.
        fc.noShrink(fc.oneof(
          ...bounded.map((field) => {
            const max = field.schema.maxLength ?? 0;
            // maxLength+1, much longer, and longer than any sane body limit (100k code points).
            const length = fc.oneof(fc.constant(max + 1), fc.integer({ min: max * 2, max: max * 20 }), fc.constant(100_000));
            return fc.tuple(withBody, arbitraryFor(field.node) as fc.Arbitrary<string>, length).map(([{ req, body }, seed, n]) => {
              const mutated = setAt(body, field.path, repeatTo(seed, n));
              return make(kind, req, mutated, `${field.path.join('.')} is ${n} characters (maxLength ${max})`, invalidFor(bodyRef, mutated, ['maxLength'], ['pattern']));
            });
          }),
        )),
      );
    }
    const short = fields.filter((f) => f.schema.type === 'string' && (f.schema.minLength ?? 0) > 0);
    if (short.length) {
      const kind = 'body: string under minLength';
      mk(
        kind,
        fc.oneof(
          ...short.map((field) =>
            fc.tuple(withBody, arbitraryFor(field.node) as fc.Arbitrary<string>).map(([{ req, body }, seed]) => {
              const value = codePoints(seed).slice(0, (field.schema.minLength ?? 0) - 1).join('');
              const mutated = setAt(body, field.path, value);
              return make(kind, req, mutated, `${field.path.join('.')} = ${JSON.stringify(value)} (minLength ${String(field.schema.minLength)})`, invalidFor(bodyRef, mutated, ['minLength'], ['pattern']));
            }),
          ),
        ),
      );
    }
    const patterned = fields.filter((f) => f.schema.type === 'string' && typeof f.schema.pattern === 'string');
    if (patterned.length) {
      const kind = 'body: string breaks the pattern';
      mk(
        kind,
        fc.oneof(
          ...patterned.map((field) =>
            fc.tuple(withBody, arbitraryFor(field.node) as fc.Arbitrary<string>, fc.constantFrom('prefix', 'suffix', 'insert', 'replace'), oddChar, fc.nat()).map(([{ req, body }, seed, how, c, at]) => {
              const points = codePoints(seed);
              const i = at % (points.length + 1);
              const value =
                how === 'prefix' ? c + seed : how === 'suffix' ? seed + c : how === 'insert' ? [...points.slice(0, i), c, ...points.slice(i)].join('') : [...points.slice(0, i), c, ...points.slice(i + 1)].join('');
              const mutated = setAt(body, field.path, value);
              return make(kind, req, mutated, `${field.path.join('.')} = ${JSON.stringify(value)} (${how} ${JSON.stringify(c)})`, invalidFor(bodyRef, mutated, ['pattern']));
            }),
          ),
        ),
      );
    }
    {
      const kind = 'body: malformed JSON';
      mk(
        kind,
        fc.tuple(withBody, jsonCorruption).map(([{ req, body }, corrupt]) => {
          const raw = corrupt(JSON.stringify(body));
          if (!malformed(raw)) return undefined;
          const request: FuzzRequest = { ...req, rawBody: raw };
          delete request.body;
          delete request.contentType;
          return { kind, note: `raw body ${JSON.stringify(raw.slice(0, 80))}`, request, expect: VALIDATION(), evidence: 'JSON.parse rejects the body' };
        }),
      );
    }
    {
      const kind = 'content type: not application/json';
      mk(
        kind,
        fc.tuple(withBody, fc.constantFrom(...OTHER_CONTENT_TYPES)).map(([{ req, body }, contentType]) => {
          const media = contentType.split(';')[0]!.trim().toLowerCase();
          if (spec.mediaTypes.includes(media)) return undefined;
          const request: FuzzRequest = { ...req, rawBody: JSON.stringify(body), contentType };
          delete request.body;
          return { kind, note: `content-type: ${contentType}`, request, expect: expectCode(op, 'UNSUPPORTED_MEDIA_TYPE'), evidence: `contract: request media types are ${spec.mediaTypes.join(', ')}` };
        }),
      );
    }
  }

  // --- path ----------------------------------------------------------------------------------
  for (const p of pathParams(op)) {
    const name = p.name;
    const schema = p.schema;
    const prefixes = ['prj_', 'inf_', 'job_', 'med_', 'req_', 'org_', ''];
    const kind = `path: malformed ${name}`;
    mk(
      kind,
      fc.tuple(base, fc.constantFrom('drop', 'insert', 'replace', 'prefix', 'upper', 'pad'), oddChar, fc.nat(), fc.constantFrom(...prefixes)).map(([req, how, c, at, prefix]) => {
        const id = req.path[name]!;
        const points = codePoints(id);
        const i = at % points.length;
        const value =
          how === 'drop' ? [...points.slice(0, i), ...points.slice(i + 1)].join('')
          : how === 'insert' ? [...points.slice(0, i), c, ...points.slice(i)].join('')
          : how === 'replace' ? [...points.slice(0, i), c, ...points.slice(i + 1)].join('')
          : how === 'prefix' ? prefix + id.slice(4)
          : how === 'upper' ? id.toUpperCase()
          : id + id;
        // An empty segment or a dot segment is another URL, not a malformed id.
        if (value === '' || value === '.' || value === '..') return undefined;
        const evidence = invalidFor(schema, value, ['pattern', 'minLength', 'maxLength']);
        if (!evidence) return undefined;
        return { kind, note: `${name} = ${JSON.stringify(value)} (${how})`, request: { ...req, path: { ...req.path, [name]: value } }, expect: VALIDATION(), evidence };
      }),
    );
    const notFound = () => expectCode(op, 'NOT_FOUND');
    const unknown = `path: unknown ${name}`;
    mk(
      unknown,
      fc.tuple(base, arbitraryFor(schema) as fc.Arbitrary<string>).map(([req, value]) => ({
        kind: unknown,
        note: `${name} = ${value} (well-formed, never issued)`,
        request: { ...req, path: { ...req.path, [name]: value } },
        expect: notFound(),
        evidence: `contract: ${String(p.description ?? '').split('\n')[0]} (an id that does not exist answers 404)`,
      })),
      'state',
    );
    if (name === 'influencerId') {
      const kind2 = 'path: deleted influencer';
      mk(
        kind2,
        base.map((req) =>
          ctx.deletedInfluencerId
            ? { kind: kind2, note: `influencerId = ${ctx.deletedInfluencerId} (soft-deleted)`, request: { ...req, path: { ...req.path, influencerId: ctx.deletedInfluencerId } }, expect: notFound(), evidence: `contract: ${String(p.description)}` }
            : undefined,
        ),
        'state',
      );
    }
    const otherId = ctx.other ? ({ projectId: ctx.other.projectId, influencerId: ctx.other.influencerId, jobId: ctx.other.jobId } as Record<string, string>)[name] : undefined;
    const kind3 = `path: another org's ${name.replace(/Id$/, '')}`;
    mk(
      kind3,
      base.map((req) =>
        otherId
          ? { kind: kind3, note: `${name} = ${otherId} (another org's)`, request: { ...req, path: { ...req.path, [name]: otherId } }, expect: notFound(), evidence: `contract: ${String(p.description)}` }
          : undefined,
      ),
      'state',
    );
  }

  // --- query ---------------------------------------------------------------------------------
  for (const p of queryParams(op)) {
    const name = p.name;
    const node = p.schema;
    const schema = resolved(node);
    const wrapper: Schema = { type: 'object', properties: { [name]: node } };
    const kind = `query: invalid ${name}`;
    const max = typeof schema.maxLength === 'number' ? schema.maxLength : 64;
    mk(
      kind,
      fc
        .tuple(
          base,
          fc.oneof(
            fc.constant(''),
            fc.string({ maxLength: 12 }),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
            fc.integer().map(String),
            fc.integer({ min: -1000, max: 1000 }).map(String),
            fc.double({ noNaN: false, noDefaultInfinity: false }).map(String),
            fc.constantFrom('true', 'null', '[]', '{}', '1,2', '0x10', ' ', '%'),
            (arbitraryFor(node) as fc.Arbitrary<unknown>).map((v) => repeatTo(String(v), max + 1 + (String(v).length % 7))),
          ),
        )
        .map(([req, value]) => {
          const evidence = invalidFor(wrapper, { [name]: fromQueryText(value, schema) }, ['type', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'enum'], []);
          if (!evidence) return undefined;
          return { kind, note: `${name}=${JSON.stringify(value.slice(0, 60))}${value.length > 60 ? `… (${value.length} chars)` : ''}`, request: { ...req, query: { ...req.query, [name]: value } }, expect: VALIDATION(), evidence };
        }),
    );
    if (name === 'cursor') {
      const kind2 = 'query: cursor the server never issued';
      const description = String(p.description ?? '').replace(/\s+/g, ' ');
      mk(
        kind2,
        fc.tuple(base, fc.oneof(arbitraryFor(node) as fc.Arbitrary<string>, fc.constant(ctx.other?.cursor ?? 'eyJhZnRlciI6ImluZl80YThlMWJjMiJ9'))).map(([req, value]) => ({
          kind: kind2,
          note: `cursor=${value}${value === ctx.other?.cursor ? " (another org's project's cursor)" : ' (well-formed, never issued)'}`,
          request: { ...req, query: { ...req.query, cursor: value } },
          expect: VALIDATION(),
          evidence: `contract: ${description}`,
        })),
        'state',
      );
    }
  }

  // --- headers -------------------------------------------------------------------------------
  for (const p of headerParams(op)) {
    const name = p.name;
    const node = p.schema;
    const schema = resolved(node);
    const max = schema.maxLength ?? 255;
    const kind = `header: malformed ${name}`;
    mk(
      kind,
      fc
        .tuple(
          base,
          arbitraryFor(node) as fc.Arbitrary<string>,
          fc.constantFrom('space', 'tab', 'latin1', 'long'),
          fc.nat(),
          fc.integer({ min: max + 1, max: max * 3 }),
        )
        .map(([req, seed, how, at, length]) => {
          const i = 1 + (at % Math.max(1, seed.length - 1));
          const insert = (c: string) => (seed.length >= 2 ? seed.slice(0, i) + c + seed.slice(i) : `${seed}${c}${seed}`);
          const value = how === 'space' ? insert(' ') : how === 'tab' ? insert('\t') : how === 'latin1' ? insert('é') : repeatTo(seed, length);
          // What an HTTP client can send at all: tab, visible ASCII, Latin-1; no edge whitespace (it would be trimmed away).
          if (!/^[\t\x20-\x7e\x80-\xff]+$/.test(value) || value !== value.trim()) return undefined;
          const evidence = invalidFor(node, value, ['pattern', 'maxLength', 'minLength']);
          if (!evidence) return undefined;
          return { kind, note: `${name}: ${JSON.stringify(value.slice(0, 40))}${value.length > 40 ? `… (${value.length} chars)` : ''}`, request: { ...req, headers: { ...req.headers, [name]: value } }, expect: VALIDATION(), evidence };
        }),
    );
  }

  // --- auth ----------------------------------------------------------------------------------
  const schemes = scopesOf(op).map(([scheme]) => scheme);
  if (schemes.length) {
    const UNAUTHENTICATED = () => expectCode(op, 'UNAUTHENTICATED');
    const evidence = `contract: security requires one of ${schemes.join(', ')}`;
    const kind = 'auth: missing';
    mk(kind, base.map((req) => ({ kind, note: 'no Authorization, no X-Api-Key', request: { ...req, auth: 'none' as const }, expect: UNAUTHENTICATED(), evidence })));
    const kind2 = 'auth: malformed Authorization';
    mk(
      kind2,
      fc.tuple(base, fc.constantFrom('basic', 'token', 'bare', 'scheme-only', 'no-space')).map(([req, how]) => {
        const key = ctx.apiKey;
        const value = how === 'basic' ? `Basic ${Buffer.from(`${key}:`).toString('base64')}` : how === 'token' ? `Token ${key}` : how === 'bare' ? key : how === 'scheme-only' ? 'Bearer' : `Bearer${key}`;
        return {
          kind: kind2,
          note: `Authorization: ${value.slice(0, 20)}… (${how})`,
          request: { ...req, auth: 'none' as const, headers: { ...req.headers, authorization: value } },
          expect: UNAUTHENTICATED(),
          evidence: `${evidence}; bearerAuth is "Authorization: Bearer <key>", and no X-Api-Key is sent`,
        };
      }),
    );
    const keyArb = fc.oneof(
      fc.stringMatching(/^[\x21-\x7E]{1,60}$/),
      fc.tuple(fc.nat(), fc.stringMatching(/^[A-Za-z0-9]$/)).map(([i, c]) => ctx.apiKey.slice(0, i % ctx.apiKey.length) + c + ctx.apiKey.slice((i % ctx.apiKey.length) + 1)),
      fc.constant(`${ctx.apiKey}x`),
    ).filter((k) => k !== ctx.apiKey && k !== ctx.otherKey && k.trim() === k);
    const kind3 = 'auth: unknown key';
    mk(
      kind3,
      fc.tuple(base, keyArb, fc.boolean()).map(([req, key, bearer]) => ({
        kind: kind3,
        note: `${bearer ? 'Authorization: Bearer' : 'X-Api-Key:'} ${key}`,
        request: { ...req, auth: bearer ? { bearer: key } : { apiKey: key } },
        expect: UNAUTHENTICATED(),
        evidence: `${evidence}; the key was never issued`,
      })),
      'keys',
    );
    const kind4 = 'auth: Bearer and X-Api-Key disagree';
    mk(
      kind4,
      fc.tuple(base, fc.oneof(keyArb, fc.constant(ctx.otherKey ?? 'sk_other')), fc.boolean()).map(([req, other, bearerFirst]) => ({
        kind: kind4,
        note: bearerFirst ? `Bearer <key>, X-Api-Key ${other}` : `Bearer ${other}, X-Api-Key <key>`,
        request: { ...req, auth: bearerFirst ? { bearer: ctx.apiKey, apiKey: other } : { bearer: other, apiKey: ctx.apiKey } },
        expect: UNAUTHENTICATED(),
        evidence: 'contract (apiKeyAuth): "Sending both headers with different keys is rejected with 401"',
      })),
      'keys',
    );
  }
  // --- hostile forms (what a raw-HTTP attacker sends; tests/abuse has the byte-level corpus) ----
  for (const p of queryParams(op)) {
    const types = resolved(p.schema).type;
    if (types !== 'integer' && !(Array.isArray(types) && types.includes('integer'))) continue;
    const kind = `query: ${p.name} in a non-canonical number form`;
    mk(
      kind,
      fc.tuple(base, fc.constantFrom('1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '1e400', '0x10', '0b11', '0o7', '+3', ' 5', '5 ', '1.0', '1e1', '05', '-0', '1_0', '99999999999999999999')).map(([req, form]) => ({
        kind,
        note: `${p.name}=${JSON.stringify(form)}`,
        request: { ...req, query: { ...req.query, [p.name]: form } },
        expect: VALIDATION(),
        evidence: `contract: ${p.name} is an integer; a query value is its decimal digits, not a JavaScript number literal`,
      })),
    );
  }
  {
    const known = new Set(queryParams(op).map((q) => q.name));
    const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'].filter((k) => !known.has(k));
    const kind = 'query: prototype key';
    mk(
      kind,
      fc.tuple(base, fc.constantFrom(...keys), fc.constantFrom('1', '', 'x')).map(([req, key, value]) => ({
        kind,
        note: `?${key}=${value}`,
        request: { ...req, query: { ...req.query, [key]: value } },
        expect: VALIDATION(),
        evidence: `contract: ${op.operationId} has no query parameter ${key}`,
      })),
    );
  }
  if (spec) {
    const known = Object.keys(resolved({ $ref: spec.ref }).properties ?? {});
    const kind = 'body: prototype key';
    mk(
      kind,
      fc.tuple(base, fc.constantFrom('__proto__', 'constructor', 'prototype').filter((k) => !known.includes(k)), fc.jsonValue({ maxDepth: 2 })).map(([req, key, value]) => ({
        kind,
        note: `body key ${key}`,
        request: { ...req, rawBody: `{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`, contentType: 'application/json' },
        expect: VALIDATION(),
        evidence: `contract: ${spec.ref} is closed and has no property ${key}`,
      })),
    );
    const kind2 = 'body: nested thousands deep';
    mk(
      kind2,
      fc.tuple(base, fc.integer({ min: 1000, max: 20000 }), fc.constantFrom('[', '{"a":')).map(([req, depth, open]) => {
        const close = open === '[' ? ']' : '}';
        return {
          kind: kind2,
          note: `${depth} levels of ${open}`,
          request: { ...req, rawBody: `{"deep":${open.repeat(depth)}1${close.repeat(depth)}}`, contentType: 'application/json' },
          expect: VALIDATION(),
          evidence: `contract: ${spec.ref} is closed and has no property deep`,
        };
      }),
    );
    const kind3 = 'body: invalid UTF-8';
    mk(
      kind3,
      fc.tuple(base, fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe9], [0xf8, 0x88, 0x80, 0x80, 0x80])).map(([req, bytes]) => ({
        kind: kind3,
        note: `bytes ${Buffer.from(bytes).toString('hex')} inside a JSON string`,
        request: { ...req, rawBody: Buffer.concat([Buffer.from('{"x":"a'), Buffer.from(bytes), Buffer.from('b"}')]), contentType: 'application/json' },
        expect: VALIDATION(),
        evidence: 'RFC 8259 §8.1: JSON text exchanged between systems is UTF-8',
      })),
    );
  }
  if (queryParams(op).some((q) => q.name === 'cursor')) {
    const kind = 'query: forged cursor';
    mk(
      kind,
      fc.tuple(base, fc.integer({ min: -10, max: 1_000_000 })).map(([req, seq]) => {
        const cursor = Buffer.from(JSON.stringify({ p: req.path.projectId, s: seq })).toString('base64url');
        return {
          kind,
          note: `cursor=${cursor} (base64url of this project and position ${seq}, never issued)`,
          request: { ...req, query: { ...req.query, cursor } },
          expect: VALIDATION(),
          evidence: 'contract: an unknown cursor answers 422 VALIDATION',
        };
      }),
      'state',
    );
  }
  return kinds;
}
