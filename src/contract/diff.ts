/**
 * Breaking-change detection between two bundled contracts, operation by operation and in both
 * directions: what breaks requests (a client's valid request is now rejected) and what breaks
 * responses (a client reading answers meets something it was never promised). Shared schemas are
 * compared where each operation uses them, so a change to `Gender` names every operation it
 * reaches. Redocly's `diff` runs beside this as a second opinion (scripts/breaking.ts).
 */
import { deref, isObject, listOperations, type Json, type JsonObject, type OperationRef } from './openapi-walk.js';

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

const label = (op: OperationRef) => `${op.method.toUpperCase()} ${op.path} (${String(op.operation.operationId)})`;

/** Narrower bounds break requests (valid input now rejected); wider bounds break responses (values outside what clients expect). */
const LOWER_BOUNDS = ['minLength', 'minimum', 'minItems', 'minProperties', 'exclusiveMinimum'];
const UPPER_BOUNDS = ['maxLength', 'maximum', 'maxItems', 'maxProperties', 'exclusiveMaximum'];

interface Ctx {
  before: JsonObject;
  after: JsonObject;
  op: string;
  direction: Direction;
  out: Change[];
}

function push(ctx: Ctx, breaking: boolean, kind: string, where: string, message: string): void {
  ctx.out.push({ breaking, operation: ctx.op, affects: ctx.direction, kind, where, message });
}

function types(schema: JsonObject): string[] {
  if (Array.isArray(schema.type)) return (schema.type as string[]).slice().sort();
  if (typeof schema.type === 'string') return [schema.type];
  if ('const' in schema) return [typeof schema.const === 'object' ? (schema.const === null ? 'null' : 'object') : typeof schema.const];
  return [];
}

/** A schema's alternatives (`oneOf`/`anyOf`) flattened, so `oneOf [X, null]` compares as X plus null. */
function alternatives(doc: JsonObject, schema: JsonObject): JsonObject[] {
  const list = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (!Array.isArray(list)) return [schema];
  return list.map((s) => deref(doc, s)).filter(isObject).flatMap((s) => alternatives(doc, s));
}

function compareSchemas(ctx: Ctx, rawBefore: Json, rawAfter: Json, where: string, depth = 0): void {
  if (depth > 20) return;
  const before = deref(ctx.before, rawBefore);
  const after = deref(ctx.after, rawAfter);
  if (!isObject(before) || !isObject(after)) return;
  const altsBefore = alternatives(ctx.before, before);
  const altsAfter = alternatives(ctx.after, after);
  if (altsBefore.length > 1 || altsAfter.length > 1) {
    const nullable = (alts: JsonObject[]) => alts.some((a) => types(a).includes('null'));
    if (nullable(altsAfter) && !nullable(altsBefore)) push(ctx, ctx.direction === 'response', 'became nullable', where, `${where} can now be null`);
    if (nullable(altsBefore) && !nullable(altsAfter)) push(ctx, ctx.direction === 'request', 'no longer nullable', where, `${where} no longer accepts null`);
    const main = (alts: JsonObject[]) => alts.find((a) => !types(a).includes('null'));
    const b = main(altsBefore);
    const a = main(altsAfter);
    if (b && a) compareSchemas(ctx, b, a, where, depth + 1);
    return;
  }

  const tb = types(before).join('|');
  const ta = types(after).join('|');
  if (tb && ta && tb !== ta) {
    push(ctx, true, 'type changed', where, `${where} changed type from ${tb} to ${ta}`);
    return;
  }

  const enumBefore = Array.isArray(before.enum) ? (before.enum as Json[]) : undefined;
  const enumAfter = Array.isArray(after.enum) ? (after.enum as Json[]) : undefined;
  if (enumBefore && enumAfter) {
    const removed = enumBefore.filter((v) => !enumAfter.includes(v));
    const added = enumAfter.filter((v) => !enumBefore.includes(v));
    if (removed.length) push(ctx, ctx.direction === 'request', 'enum value removed', where, `${where} no longer has ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
    if (added.length) push(ctx, ctx.direction === 'response', 'enum value added', where, `${where} gained ${added.map((v) => JSON.stringify(v)).join(', ')}`);
  } else if (enumAfter && !enumBefore) {
    push(ctx, ctx.direction === 'request', 'enum introduced', where, `${where} is now limited to ${enumAfter.map((v) => JSON.stringify(v)).join(', ')}`);
  } else if (enumBefore && !enumAfter) {
    push(ctx, ctx.direction === 'response', 'enum dropped', where, `${where} is no longer limited to its enum`);
  }
  if ('const' in before && 'const' in after && JSON.stringify(before.const) !== JSON.stringify(after.const)) {
    push(ctx, true, 'const changed', where, `${where} changed from ${JSON.stringify(before.const)} to ${JSON.stringify(after.const)}`);
  }

  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const b = before[key];
    const a = after[key];
    if (b === a) continue;
    const lower = LOWER_BOUNDS.includes(key);
    // Narrowed: a lower bound rose / appeared, or an upper bound fell / appeared.
    const narrowed = (typeof a === 'number' && (typeof b !== 'number' || (lower ? a > b : a < b)));
    const breaking = ctx.direction === 'request' ? narrowed : !narrowed;
    push(ctx, breaking, narrowed ? 'constraint narrowed' : 'constraint widened', where, `${where} ${key} ${b ?? 'none'} → ${a ?? 'none'}`);
  }
  if (before.pattern !== after.pattern) {
    push(ctx, true, 'pattern changed', where, `${where} pattern ${JSON.stringify(before.pattern ?? null)} → ${JSON.stringify(after.pattern ?? null)}`);
  }
  if (before.format !== after.format && after.format !== undefined) {
    push(ctx, true, 'format changed', where, `${where} format ${before.format ?? 'none'} → ${String(after.format)}`);
  }

  const propsBefore = isObject(before.properties) ? before.properties : {};
  const propsAfter = isObject(after.properties) ? after.properties : {};
  const reqBefore = new Set((before.required as string[] | undefined) ?? []);
  const reqAfter = new Set((after.required as string[] | undefined) ?? []);
  const closedAfter = after.additionalProperties === false;
  for (const name of Object.keys(propsBefore)) {
    const path = `${where}.${name}`;
    if (!(name in propsAfter)) {
      // Requests: a client still sending it is rejected by a closed object. Responses: a client reading it finds nothing.
      push(ctx, ctx.direction === 'response' || closedAfter, 'property removed', path, `${path} was removed`);
      continue;
    }
    compareSchemas(ctx, propsBefore[name] as Json, propsAfter[name] as Json, path, depth + 1);
  }
  for (const name of Object.keys(propsAfter)) {
    const path = `${where}.${name}`;
    if (!(name in propsBefore)) {
      const required = reqAfter.has(name);
      push(ctx, ctx.direction === 'request' && required, required ? 'required property added' : 'property added', path, `${path} was added${required ? ' as required' : ''}`);
    }
  }
  for (const name of reqAfter) {
    if (name in propsBefore && !reqBefore.has(name)) push(ctx, ctx.direction === 'request', 'property became required', `${where}.${name}`, `${where}.${name} became required`);
  }
  for (const name of reqBefore) {
    if (name in propsAfter && !reqAfter.has(name)) push(ctx, ctx.direction === 'response', 'property became optional', `${where}.${name}`, `${where}.${name} is no longer always present`);
  }
  if (before.items !== undefined && after.items !== undefined) compareSchemas(ctx, before.items as Json, after.items as Json, `${where}[]`, depth + 1);
}

function mediaSchema(doc: JsonObject, container: Json | undefined): Json | undefined {
  const c = deref(doc, container ?? null);
  if (!isObject(c) || !isObject(c.content)) return undefined;
  const media = c.content['application/json'];
  return isObject(media) ? (media.schema as Json) : undefined;
}

function scopes(op: OperationRef): string {
  const security = (op.operation.security as Array<Record<string, string[]>> | undefined) ?? [];
  return security.map((req) => Object.entries(req).map(([k, v]) => `${k}:${v.join(',')}`).join('+')).sort().join(' | ');
}

export function diffContracts(before: JsonObject, after: JsonObject): Change[] {
  const out: Change[] = [];
  const afterOps = new Map(listOperations(after).map((op) => [`${op.method} ${op.path}`, op]));
  const beforeKeys = new Set<string>();
  for (const opB of listOperations(before)) {
    const key = `${opB.method} ${opB.path}`;
    beforeKeys.add(key);
    const opA = afterOps.get(key);
    const name = label(opB);
    if (!opA) {
      out.push({ breaking: true, operation: name, affects: 'both', kind: 'operation removed', where: key, message: `${name} was removed` });
      continue;
    }
    const request: Ctx = { before, after, op: name, direction: 'request', out };
    const response: Ctx = { before, after, op: name, direction: 'response', out };

    if (scopes(opB) !== scopes(opA)) push(request, true, 'auth changed', 'security', `security changed from ${scopes(opB)} to ${scopes(opA)}`);

    const paramsA = new Map(opA.parameters.map((p) => [`${String(p.in)}:${String(p.name)}`, p]));
    for (const pB of opB.parameters) {
      const id = `${String(pB.in)}:${String(pB.name)}`;
      const pA = paramsA.get(id);
      if (!pA) {
        push(request, pB.in !== 'header', 'parameter removed', id, `parameter ${id} was removed`);
        continue;
      }
      if (pA.required === true && pB.required !== true) push(request, true, 'parameter became required', id, `parameter ${id} became required`);
      compareSchemas(request, pB.schema as Json, pA.schema as Json, `parameter ${id}`);
    }
    for (const [id, pA] of paramsA) {
      if (!opB.parameters.some((p) => `${String(p.in)}:${String(p.name)}` === id) && pA.required === true) {
        push(request, true, 'required parameter added', id, `required parameter ${id} was added`);
      }
    }

    const bodyB = deref(before, opB.operation.requestBody ?? null);
    const bodyA = deref(after, opA.operation.requestBody ?? null);
    if (isObject(bodyA) && bodyA.required === true && !(isObject(bodyB) && bodyB.required === true)) push(request, true, 'body became required', 'requestBody', 'the request body became required');
    const sB = mediaSchema(before, opB.operation.requestBody as Json);
    const sA = mediaSchema(after, opA.operation.requestBody as Json);
    if (sB !== undefined && sA === undefined) push(request, true, 'body removed', 'requestBody', 'the JSON request body is no longer accepted');
    if (sB !== undefined && sA !== undefined) compareSchemas(request, sB, sA, 'body');

    const resB = (opB.operation.responses ?? {}) as JsonObject;
    const resA = (opA.operation.responses ?? {}) as JsonObject;
    for (const status of Object.keys(resB)) {
      if (!(status in resA)) {
        push(response, status.startsWith('2'), 'response removed', `responses.${status}`, `response ${status} was removed`);
        continue;
      }
      const rB = deref(before, resB[status] as Json) as JsonObject;
      const rA = deref(after, resA[status] as Json) as JsonObject;
      const hB = isObject(rB.headers) ? rB.headers : {};
      const hA = isObject(rA.headers) ? rA.headers : {};
      for (const h of Object.keys(hB)) {
        const required = (deref(before, hB[h] as Json) as JsonObject).required === true;
        if (!(h in hA) && required) push(response, true, 'response header removed', `responses.${status}.headers.${h}`, `required header ${h} of ${status} was removed`);
      }
      const schemaB = mediaSchema(before, rB);
      const schemaA = mediaSchema(after, rA);
      if (schemaB !== undefined && schemaA !== undefined) compareSchemas(response, schemaB, schemaA, `response ${status}`);
    }
    for (const status of Object.keys(resA)) {
      if (!(status in resB)) push(response, status.startsWith('2'), 'response added', `responses.${status}`, `response ${status} was added`);
    }
  }
  for (const [key, op] of afterOps) {
    if (!beforeKeys.has(key)) out.push({ breaking: false, operation: label(op), affects: 'both', kind: 'operation added', where: key, message: `${label(op)} was added` });
  }
  return out;
}

export const majorOf = (version: string) => Number(version.split('.')[0]);
