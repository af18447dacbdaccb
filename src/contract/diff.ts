/**
 * Breaking-change detection between two bundled contracts, operation by operation and in both
 * directions: what breaks requests (a client's valid request is now rejected) and what breaks
 * responses (a client reading answers meets something it was never promised). Shared schemas are
 * compared where each operation uses them, so a change to `Gender` names every operation it
 * reaches. Redocly's `diff` runs beside this as a second opinion (scripts/breaking.ts).
 */
import { deref } from './bundle.js';
import { operationsOf, type ContractOperation, type ContractParameter, type ContractResponse } from './model.js';
import { enumValues, type OpenApiDocument, type Schema } from './oas.js';

export type Direction = 'request' | 'response';

export interface Change {
  breaking: boolean;
  /** `GET /v1/...` (operationId), or `contract` for document-wide changes. */
  operation: string;
  /** Who breaks: clients sending requests, or clients reading responses. */
  affects: Direction | 'both';
  kind: string;
  where: string;
  message: string;
}

const label = (op: ContractOperation) => `${op.method.toUpperCase()} ${op.path} (${op.operationId})`;
const operationKey = (op: ContractOperation) => `${op.method} ${op.path}`;

/** Narrower bounds break requests (valid input now rejected); wider bounds break responses (values outside what clients expect). */
const LOWER_BOUNDS = ['minLength', 'minimum', 'minItems', 'minProperties', 'exclusiveMinimum'] as const;
const UPPER_BOUNDS = ['maxLength', 'maximum', 'maxItems', 'maxProperties', 'exclusiveMaximum'] as const;
type Bound = (typeof LOWER_BOUNDS)[number] | (typeof UPPER_BOUNDS)[number];
const isLowerBound = (key: Bound) => LOWER_BOUNDS.some((k) => k === key);

interface Ctx {
  before: OpenApiDocument;
  after: OpenApiDocument;
  op: string;
  direction: Direction;
  out: Change[];
}

function push(ctx: Ctx, breaking: boolean, kind: string, where: string, message: string): void {
  ctx.out.push({ breaking, operation: ctx.op, affects: ctx.direction, kind, where, message });
}

const show = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
/** A pattern as JSON with every non-ASCII character escaped (`\u200B`), so invisible ones can be read. */
const showPattern = (pattern: string | undefined) =>
  pattern === undefined ? 'none' : JSON.stringify(pattern).replace(/[^\x20-\x7E]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

function types(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type.slice().sort();
  if (typeof schema.type === 'string') return [schema.type];
  if ('const' in schema) return [typeof schema.const === 'object' ? (schema.const === null ? 'null' : 'object') : typeof schema.const];
  return [];
}

/** A schema's alternatives (`oneOf`/`anyOf`) flattened, so `oneOf [X, null]` compares as X plus null. */
function alternatives(doc: OpenApiDocument, schema: Schema): Schema[] {
  const list = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(list)) return [schema];
  return list.map((s) => deref(doc, s)).flatMap((s) => alternatives(doc, s));
}

const isNullable = (alts: Schema[]) => alts.some((a) => types(a).includes('null'));
const mainAlternative = (alts: Schema[]) => alts.find((a) => !types(a).includes('null'));

function compareAlternatives(ctx: Ctx, altsBefore: Schema[], altsAfter: Schema[], where: string, depth: number): void {
  if (isNullable(altsAfter) && !isNullable(altsBefore)) push(ctx, ctx.direction === 'response', 'became nullable', where, `${where} can now be null`);
  if (isNullable(altsBefore) && !isNullable(altsAfter)) push(ctx, ctx.direction === 'request', 'no longer nullable', where, `${where} no longer accepts null`);
  const b = mainAlternative(altsBefore);
  const a = mainAlternative(altsAfter);
  if (b && a) compareSchemas(ctx, b, a, where, depth + 1);
}

/** An open enumeration (D45): its values may grow in a later version, and clients are told to expect that. */
const isOpenEnum = (schema: Schema) => schema.enum === undefined && Array.isArray(schema['x-extensible-enum']);

function compareEnums(ctx: Ctx, before: Schema, after: Schema, where: string): void {
  const enumBefore = enumValues(before);
  const enumAfter = enumValues(after);
  if (enumBefore && enumAfter) {
    const removed = enumBefore.filter((v) => !enumAfter.includes(v));
    const added = enumAfter.filter((v) => !enumBefore.includes(v));
    if (removed.length) push(ctx, ctx.direction === 'request', 'enum value removed', where, `${where} no longer has ${show(removed)}`);
    // Growth of an open list is what its readers were told to expect; of a closed one, it is news to them.
    if (added.length && isOpenEnum(after) && isOpenEnum(before)) push(ctx, false, 'open enum value added', where, `${where} gained ${show(added)} (an open list)`);
    else if (added.length) push(ctx, ctx.direction === 'response', 'enum value added', where, `${where} gained ${show(added)}`);
    if (isOpenEnum(after) && !isOpenEnum(before)) push(ctx, ctx.direction === 'response', 'enum opened', where, `${where} became an open list: later versions may add values`);
    if (isOpenEnum(before) && !isOpenEnum(after)) push(ctx, false, 'enum closed', where, `${where} became a closed list`);
  } else if (enumAfter && !enumBefore) {
    push(ctx, ctx.direction === 'request', 'enum introduced', where, `${where} is now limited to ${show(enumAfter)}`);
  } else if (enumBefore && !enumAfter) {
    push(ctx, ctx.direction === 'response', 'enum dropped', where, `${where} is no longer limited to its enum`);
  }
  if ('const' in before && 'const' in after && JSON.stringify(before.const) !== JSON.stringify(after.const)) {
    push(ctx, true, 'const changed', where, `${where} changed from ${JSON.stringify(before.const)} to ${JSON.stringify(after.const)}`);
  } else if ('const' in after && !('const' in before)) {
    // A const that appears narrows the value to one (requests break); one that goes widens it (responses break).
    push(ctx, ctx.direction === 'request', 'const added', where, `${where} is now always ${JSON.stringify(after.const)}`);
  } else if ('const' in before && !('const' in after)) {
    push(ctx, ctx.direction === 'response', 'const removed', where, `${where} is no longer always ${JSON.stringify(before.const)}`);
  }
}

function compareConstraints(ctx: Ctx, before: Schema, after: Schema, where: string): void {
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const b = before[key];
    const a = after[key];
    if (b === a) continue;
    // Narrowed: a lower bound rose / appeared, or an upper bound fell / appeared.
    const narrowed = typeof a === 'number' && (typeof b !== 'number' || (isLowerBound(key) ? a > b : a < b));
    const breaking = ctx.direction === 'request' ? narrowed : !narrowed;
    push(ctx, breaking, narrowed ? 'constraint narrowed' : 'constraint widened', where, `${where} ${key} ${b ?? 'none'} → ${a ?? 'none'}`);
  }
  if (before.pattern !== after.pattern) {
    const change = `${where} pattern ${showPattern(before.pattern)} → ${showPattern(after.pattern)}`;
    // A pattern that appears narrows, one that goes widens; two regular expressions cannot be compared, so a change breaks both ways.
    if (before.pattern === undefined) push(ctx, ctx.direction === 'request', 'pattern added', where, change);
    else if (after.pattern === undefined) push(ctx, ctx.direction === 'response', 'pattern removed', where, change);
    else push(ctx, true, 'pattern changed', where, change);
  }
  if (before.format !== after.format && after.format !== undefined) {
    push(ctx, true, 'format changed', where, `${where} format ${before.format ?? 'none'} → ${after.format}`);
  }
}

function compareProperties(ctx: Ctx, before: Schema, after: Schema, where: string, depth: number): void {
  const propsBefore = before.properties ?? {};
  const propsAfter = after.properties ?? {};
  const reqBefore = new Set(before.required ?? []);
  const reqAfter = new Set(after.required ?? []);
  const closedAfter = after.additionalProperties === false;
  for (const [name, schemaBefore] of Object.entries(propsBefore)) {
    const path = `${where}.${name}`;
    const schemaAfter = Object.hasOwn(propsAfter, name) ? propsAfter[name] : undefined;
    if (!schemaAfter) {
      // Requests: a client still sending it is rejected by a closed object. Responses: a client reading it finds nothing.
      push(ctx, ctx.direction === 'response' || closedAfter, 'property removed', path, `${path} was removed`);
      continue;
    }
    compareSchemas(ctx, schemaBefore, schemaAfter, path, depth + 1);
  }
  for (const name of Object.keys(propsAfter)) {
    const path = `${where}.${name}`;
    if (!Object.hasOwn(propsBefore, name)) {
      const required = reqAfter.has(name);
      push(ctx, ctx.direction === 'request' && required, required ? 'required property added' : 'property added', path, `${path} was added${required ? ' as required' : ''}`);
    }
  }
  for (const name of reqAfter) {
    if (Object.hasOwn(propsBefore, name) && !reqBefore.has(name)) push(ctx, ctx.direction === 'request', 'property became required', `${where}.${name}`, `${where}.${name} became required`);
  }
  for (const name of reqBefore) {
    if (Object.hasOwn(propsAfter, name) && !reqAfter.has(name)) push(ctx, ctx.direction === 'response', 'property became optional', `${where}.${name}`, `${where}.${name} is no longer always present`);
  }
}

function compareSchemas(ctx: Ctx, rawBefore: Schema, rawAfter: Schema, where: string, depth = 0): void {
  if (depth > 20) return;
  const before = deref(ctx.before, rawBefore);
  const after = deref(ctx.after, rawAfter);
  const altsBefore = alternatives(ctx.before, before);
  const altsAfter = alternatives(ctx.after, after);
  if (altsBefore.length > 1 || altsAfter.length > 1) {
    compareAlternatives(ctx, altsBefore, altsAfter, where, depth);
    return;
  }

  const tb = types(before).join('|');
  const ta = types(after).join('|');
  if (tb && ta && tb !== ta) {
    push(ctx, true, 'type changed', where, `${where} changed type from ${tb} to ${ta}`);
    return;
  }
  compareEnums(ctx, before, after, where);
  compareConstraints(ctx, before, after, where);
  compareProperties(ctx, before, after, where, depth);
  if (before.items !== undefined && after.items !== undefined) compareSchemas(ctx, before.items, after.items, `${where}[]`, depth + 1);
}

/** Each alternative security requirement as one string (`bearerAuth:influencers:read`); any one of them grants the operation. */
function requirements(op: ContractOperation): Set<string> {
  return new Set(op.security.map((req) => Object.entries(req).map(([k, v]) => `${k}:${[...v].sort().join(',')}`).sort().join('+')));
}

/** A requirement that is gone breaks the clients that met it; a new one only grants more. */
function compareSecurity(request: Ctx, opB: ContractOperation, opA: ContractOperation): void {
  const before = requirements(opB);
  const after = requirements(opA);
  const removed = [...before].filter((r) => !after.has(r));
  const added = [...after].filter((r) => !before.has(r));
  if (removed.length) push(request, true, 'auth changed', 'security', `security no longer accepts ${removed.join(' | ')} (now ${[...after].join(' | ') || 'nothing'})`);
  if (added.length) push(request, false, 'auth widened', 'security', `security now also accepts ${added.join(' | ')}`);
}

const parameterId = (p: ContractParameter) => `${p.in}:${p.name}`;
const parametersOf = (op: ContractOperation) => [...op.parameters.path, ...op.parameters.query, ...op.parameters.header];

function compareParameters(request: Ctx, opB: ContractOperation, opA: ContractOperation): void {
  const paramsB = parametersOf(opB);
  const paramsA = new Map(parametersOf(opA).map((p) => [parameterId(p), p]));
  for (const pB of paramsB) {
    const id = parameterId(pB);
    const pA = paramsA.get(id);
    if (!pA) {
      push(request, pB.in !== 'header', 'parameter removed', id, `parameter ${id} was removed`);
      continue;
    }
    if (pA.required && !pB.required) push(request, true, 'parameter became required', id, `parameter ${id} became required`);
    compareSchemas(request, pB.schema, pA.schema, `parameter ${id}`);
  }
  for (const [id, pA] of paramsA) {
    if (paramsB.some((p) => parameterId(p) === id)) continue;
    if (pA.required) push(request, true, 'required parameter added', id, `required parameter ${id} was added`);
    else push(request, false, 'parameter added', id, `optional parameter ${id} was added`);
  }
}

function compareRequestBodies(request: Ctx, opB: ContractOperation, opA: ContractOperation): void {
  const bodyB = opB.requestBody;
  const bodyA = opA.requestBody;
  if (bodyA?.required && !bodyB?.required) push(request, true, 'body became required', 'requestBody', 'the request body became required');
  if (bodyB && !bodyA) push(request, true, 'body removed', 'requestBody', 'the JSON request body is no longer accepted');
  if (bodyB && bodyA) compareSchemas(request, bodyB.schema, bodyA.schema, 'body');
}

const isSuccess = (status: number) => status >= 200 && status < 300;

function compareResponse(response: Ctx, rB: ContractResponse, rA: ContractResponse): void {
  const { status } = rB;
  for (const header of rB.headers) {
    if (header.required && !rA.headers.some((h) => h.name === header.name)) {
      push(response, true, 'response header removed', `responses.${status}.headers.${header.name}`, `required header ${header.name} of ${status} was removed`);
    }
  }
  for (const header of rA.headers) {
    const before = rB.headers.find((h) => h.name === header.name);
    const where = `responses.${status}.headers.${header.name}`;
    if (!before) push(response, false, 'response header added', where, `header ${header.name} of ${status} was added`);
    else if (before.required && !header.required) push(response, true, 'response header became optional', where, `header ${header.name} of ${status} is no longer always sent`);
  }
  if (rB.schema && rA.schema) compareSchemas(response, rB.schema, rA.schema, `response ${status}`);
}

function compareResponses(response: Ctx, opB: ContractOperation, opA: ContractOperation): void {
  for (const rB of opB.responses) {
    const rA = opA.responses.find((r) => r.status === rB.status);
    if (!rA) {
      push(response, isSuccess(rB.status), 'response removed', `responses.${rB.status}`, `response ${rB.status} was removed`);
      continue;
    }
    compareResponse(response, rB, rA);
  }
  for (const rA of opA.responses) {
    if (!opB.responses.some((r) => r.status === rA.status)) push(response, isSuccess(rA.status), 'response added', `responses.${rA.status}`, `response ${rA.status} was added`);
  }
}

function compareOperations(before: OpenApiDocument, after: OpenApiDocument, opB: ContractOperation, opA: ContractOperation, out: Change[]): void {
  const name = label(opB);
  const request: Ctx = { before, after, op: name, direction: 'request', out };
  const response: Ctx = { before, after, op: name, direction: 'response', out };
  compareSecurity(request, opB, opA);
  compareParameters(request, opB, opA);
  compareRequestBodies(request, opB, opA);
  compareResponses(response, opB, opA);
}

export function diffContracts(before: OpenApiDocument, after: OpenApiDocument): Change[] {
  const out: Change[] = [];
  const opsBefore = operationsOf(before);
  const opsAfter = new Map(operationsOf(after).map((op) => [operationKey(op), op]));
  for (const opB of opsBefore) {
    const opA = opsAfter.get(operationKey(opB));
    if (opA) compareOperations(before, after, opB, opA, out);
    else out.push({ breaking: true, operation: label(opB), affects: 'both', kind: 'operation removed', where: operationKey(opB), message: `${label(opB)} was removed` });
  }
  const keysBefore = new Set(opsBefore.map(operationKey));
  for (const [key, op] of opsAfter) {
    if (!keysBefore.has(key)) out.push({ breaking: false, operation: label(op), affects: 'both', kind: 'operation added', where: key, message: `${label(op)} was added` });
  }
  return out;
}

export const majorOf = (version: string) => Number(version.split('.')[0]);
