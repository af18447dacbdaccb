/**
 * The bundled contract as tests see it: the contract model (src/contract/model.ts), an Ajv 2020-12
 * validator for any schema in it, and its examples as typed fixtures, each checked against its
 * schema when it is loaded. Every check in tests/ goes through here, so no test restates a rule of
 * the contract by hand.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { components } from '../../generated/schema.js';
import { deref } from '../../src/contract/bundle.js';
import { loadContract, type ContractOperation, type NamedExample, type OperationId } from '../../src/contract/model.js';
import { isJsonObject, type Json, type Schema } from '../../src/contract/oas.js';
import { createContractValidator } from '../../src/contract/validator.js';

export const contract = loadContract();
export const doc = contract.doc;
export const operations: ContractOperation[] = contract.operations;
export const operation = (operationId: OperationId): ContractOperation => contract.operation(operationId);
/** `components/schemas/<name>`, resolved; throws if there is none. */
export const schema = (name: string): Schema => contract.schema(name);
/** Each error code's one HTTP status (ErrorCode's `x-http-status`). */
export const errorStatus = contract.errorStatus;

export type Schemas = components['schemas'];
export type SchemaName = keyof Schemas;

const validator = createContractValidator(doc);

export function validatorForSchema(name: string): ValidateFunction {
  schema(name);
  return validator.forRef(`#/components/schemas/${name}`);
}

/** A validator for a local `#/...` ref into the contract. */
export const validatorForRef = (ref: string): ValidateFunction => validator.forRef(ref);

/** A validator for a schema found inline in the document (header schemas); its `#/` refs resolve into the contract. */
export const validatorForInline = (inline: Schema): ValidateFunction => validator.forInline(inline);

export function isValid(schemaName: string, value: unknown): boolean {
  return validatorForSchema(schemaName)(value);
}

/** True when `value` is valid against `components/schemas/<name>`: it then has the generated type of that schema. */
export function conforms<N extends SchemaName>(name: N, value: unknown): value is Schemas[N] {
  return validatorForSchema(name)(value);
}

const describeErrors = (validate: ValidateFunction) => (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`).join('; ');

/** A copy of the example (a fixture a test changes must not change the contract other code reads), checked against `name`. */
function checked<N extends SchemaName>(name: N, example: NamedExample, where: string): Schemas[N] {
  const value: unknown = structuredClone(example.value);
  if (!conforms(name, value)) throw new Error(`${where}: example "${example.name}" is not a valid ${name}: ${describeErrors(validatorForSchema(name))}`);
  return value;
}

/**
 * The named example of an operation's response (default: its success response), as a `schemaName`,
 * which must be that response's schema. Throws if there is no such example or it is invalid.
 */
export function responseExample<N extends SchemaName>(operationId: OperationId, example: string, schemaName: N, status?: number): Schemas[N] {
  const op = operation(operationId);
  const wanted = status ?? op.successStatus;
  const response = op.responses.find((r) => r.status === wanted);
  const where = `${operationId} ${wanted}`;
  if (!response) throw new Error(`${where}: the contract documents no such response`);
  if (response.schemaName !== schemaName) throw new Error(`${where}: the response is a ${String(response.schemaName)}, not a ${schemaName}`);
  const found = response.examples.find((e) => e.name === example);
  if (!found) throw new Error(`${where}: no example "${example}" (has ${response.examples.map((e) => e.name).join(', ')})`);
  return checked(schemaName, found, where);
}

/** The named example of an operation's request body, as a `schemaName` (the body's schema). Throws if absent or invalid. */
export function requestExample<N extends SchemaName>(operationId: OperationId, example: string, schemaName: N): Schemas[N] {
  const body = operation(operationId).requestBody;
  const where = `${operationId} request body`;
  if (body?.schemaName !== schemaName) throw new Error(`${where}: the body is a ${String(body?.schemaName)}, not a ${schemaName}`);
  const found = body.examples.find((e) => e.name === example);
  if (!found) throw new Error(`${where}: no example "${example}" (has ${body.examples.map((e) => e.name).join(', ')})`);
  return checked(schemaName, found, where);
}

/** The example values of an operation's response with `status`, in document order ([] if none). */
export function responseExamples(op: ContractOperation, status: number): Json[] {
  return op.responses.find((r) => r.status === status)?.examples.map((e) => e.value) ?? [];
}

/** The `error.code` of an error envelope, or undefined for anything else. */
export function errorCodeOf(value: unknown): string | undefined {
  return isJsonObject(value) && isJsonObject(value.error) && typeof value.error.code === 'string' ? value.error.code : undefined;
}

/** The request body's media types as written (the model keeps only application/json). */
export function requestMediaTypes(op: ContractOperation): string[] {
  return op.raw.requestBody ? Object.keys(deref(doc, op.raw.requestBody).content ?? {}) : [];
}

/** Each security alternative of an operation as `[scheme, scopes]`, in document order. */
export function scopesOf(op: ContractOperation): Array<[scheme: string, scopes: string[]]> {
  return op.security.flatMap((requirement) => Object.entries(requirement));
}
