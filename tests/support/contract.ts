/**
 * The bundled contract (generated/openapi.json) as tests see it: lookup by operationId and an Ajv
 * 2020-12 validator for any schema in it. Every check in tests/ goes through here, so no test
 * restates a rule of the contract by hand.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { deref, isObject, listOperations, type Json, type JsonObject, type OperationRef } from '../../src/contract/openapi-walk.js';
import { createContractValidator } from '../../src/contract/validator.js';
import { bundleJsonPath } from '../../scripts/lib/paths.js';

export const doc = JSON.parse(readFileSync(bundleJsonPath, 'utf8')) as JsonObject;
const validator = createContractValidator(doc);
const compile = (pointer: string): ValidateFunction => validator.forRef(pointer);

export function validatorForSchema(name: string): ValidateFunction {
  if (!isObject(doc.components) || !isObject(doc.components.schemas) || !(name in doc.components.schemas)) {
    throw new Error(`no schema named ${name} in the contract`);
  }
  return compile(`#/components/schemas/${name}`);
}

/** A validator for a local `#/...` ref into the contract. */
export const validatorForRef = (ref: string): ValidateFunction => validator.forRef(ref);

/** A validator for a self-contained schema found inline in the document (header schemas). */
export const validatorForInline = (schema: JsonObject): ValidateFunction => validator.forInline(schema);

export function isValid(schemaName: string, value: unknown): boolean {
  return validatorForSchema(schemaName)(value) as boolean;
}

export function schema(name: string): JsonObject {
  const node = deref(doc, { $ref: `#/components/schemas/${name}` });
  if (!isObject(node)) throw new Error(`schema ${name} is not an object`);
  return node;
}

export const operations: OperationRef[] = listOperations(doc);

export function operation(operationId: string): OperationRef {
  const found = operations.find((op) => op.operation.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

export function responsesOf(op: OperationRef): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  const responses = op.operation.responses;
  if (!isObject(responses)) return out;
  for (const [status, raw] of Object.entries(responses)) {
    const r = deref(doc, raw);
    if (isObject(r)) out[status] = r;
  }
  return out;
}

/** The JSON media type of a response, or undefined. */
export function jsonMedia(response: JsonObject): JsonObject | undefined {
  const content = response.content;
  if (!isObject(content)) return undefined;
  const media = content['application/json'];
  return isObject(media) ? media : undefined;
}

/** The examples (values) of a media type, by name. */
export function mediaExamples(media: JsonObject): Record<string, Json> {
  const out: Record<string, Json> = {};
  if (isObject(media.examples)) {
    for (const [name, raw] of Object.entries(media.examples)) {
      const ex = deref(doc, raw);
      if (isObject(ex) && 'value' in ex) out[name] = ex.value as Json;
    }
  }
  return out;
}

export function requestBodyOf(op: OperationRef): JsonObject | undefined {
  const body = deref(doc, op.operation.requestBody ?? null);
  return isObject(body) ? body : undefined;
}

export function scopesOf(op: OperationRef): Array<[scheme: string, scopes: string[]]> {
  const security = Array.isArray(op.operation.security) ? op.operation.security : [];
  return security.filter(isObject).flatMap((req) => Object.entries(req).map(([k, v]) => [k, (v as string[]) ?? []] as [string, string[]]));
}

/** The ErrorCode → HTTP status map the contract declares. */
export function errorStatusMap(): Record<string, number> {
  return schema('ErrorCode')['x-http-status'] as Record<string, number>;
}
