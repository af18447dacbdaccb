/**
 * Request validation compiled from the contract, shared by the sandbox and the mock so both reject
 * the same requests with the same field errors: path parameters, the query string (parsed here,
 * strictly, into a prototype-free record), the Idempotency-Key header and the JSON body (strict
 * UTF-8, media type and charset checked, defaults filled in from the contract).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { ApiError, toDetails } from './errors.js';
import { loadContract, type Contract, type ContractOperation, type ContractParameter, type OperationId } from './model.js';
import type { Schema } from './oas.js';
import { createContractValidator } from './validator.js';

/** A record built from client-chosen keys: no prototype, so `__proto__` is just a key. */
export type ClientRecord = Record<string, unknown>;
const clientRecord = (): ClientRecord => Object.create(null) as ClientRecord;

export interface CompiledRequest {
  op: ContractOperation;
  /** Path parameters as decoded by the router; throws VALIDATION. */
  validatePath(values: Record<string, string>): ClientRecord;
  /** The raw query string (without `?`); throws VALIDATION. Returns typed values, defaults filled in. */
  parseQuery(raw: string): ClientRecord;
  /** The Idempotency-Key header values (every occurrence); throws VALIDATION. */
  idempotencyKey(values: string[]): string | undefined;
  /** The body bytes and Content-Type header; throws VALIDATION / UNSUPPORTED_MEDIA_TYPE. */
  parseBody(raw: Buffer, contentType: string | undefined): unknown;
  takesIdempotencyKey: boolean;
  takesBody: boolean;
}

/** Digits only, as JSON writes integers: no `0x10`, `1e3`, `+3`, ` 5` or `Infinity`. */
const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function schemaTypes(schema: Schema): string[] {
  return Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
}

/** Query text → the schema's type where the text is that type's canonical form; otherwise left as text for the schema to reject. */
function fromQueryText(text: string, schema: Schema): unknown {
  const types = schemaTypes(schema);
  if (types.includes('integer') && INTEGER.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (types.includes('number') && NUMBER.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Strict percent-decoding: `+` is a space; an escape that is not UTF-8 is an error, never U+FFFD. */
function decodeQueryPart(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

const invalidQuery = (field: string, message: string) => new ApiError('VALIDATION', 'Invalid query.', { fieldErrors: { [field]: [message] } });

/** `type/subtype` and its charset, or undefined when the header is not a media type. */
export function parseContentType(contentType: string | undefined): { mediaType: string; charset?: string } | undefined {
  if (contentType === undefined) return undefined;
  const [type, ...params] = contentType.split(';');
  const mediaType = type!.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mediaType)) return undefined;
  let charset: string | undefined;
  for (const param of params) {
    if (param.trim() === '') continue;
    const match = /^\s*([A-Za-z0-9!#$&^_.+-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9!#$&^_.+-]+)\s*$/.exec(param);
    if (!match) return undefined;
    if (match[1]!.toLowerCase() === 'charset') charset = match[2]!.replace(/^"|"$/g, '').toLowerCase();
  }
  return { mediaType, ...(charset !== undefined ? { charset } : {}) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function compile(contract: Contract, op: ContractOperation): CompiledRequest {
  const strict = validators(contract);
  const objectOf = (params: ContractParameter[], closed: boolean): Schema => ({
    type: 'object',
    ...(closed ? { additionalProperties: false } : {}),
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  });
  const pathParams = op.parameters.path;
  const queryParams = op.parameters.query;
  const validatePathFn = strict.forInline(objectOf(pathParams, false));
  const validateQueryFn = strict.forInline(objectOf(queryParams, true));
  const keyParam = op.parameters.header.find((p) => p.name.toLowerCase() === 'idempotency-key');
  const validateKeyFn = keyParam ? strict.forInline(keyParam.schema) : undefined;
  const body = op.requestBody;
  const validateBodyFn: ValidateFunction | undefined = body ? strict.forInline(body.schema) : undefined;
  const querySchemas = new Map(queryParams.map((p) => [p.name, p.schema]));

  const checkBody = (value: unknown): unknown => {
    if (!validateBodyFn!(value)) throw new ApiError('VALIDATION', 'Invalid body.', toDetails(validateBodyFn!.errors ?? []));
    return value;
  };

  return {
    op,
    takesIdempotencyKey: keyParam !== undefined,
    takesBody: body !== undefined,
    validatePath(values) {
      const record = clientRecord();
      for (const p of pathParams) record[p.name] = values[p.name] ?? '';
      if (!validatePathFn(record)) throw new ApiError('VALIDATION', 'Invalid path parameter.', toDetails(validatePathFn.errors ?? []));
      return record;
    },
    parseQuery(raw) {
      const record = clientRecord();
      const seen = new Set<string>();
      for (const pair of raw.split('&')) {
        if (pair === '') continue;
        const eq = pair.indexOf('=');
        const name = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
        const text = decodeQueryPart(eq < 0 ? '' : pair.slice(eq + 1));
        if (name === undefined) throw new ApiError('VALIDATION', 'Invalid query.', { formErrors: ['The query string has a percent-escape that is not UTF-8.'] });
        if (text === undefined) throw invalidQuery(name, 'Not valid percent-encoded UTF-8.');
        if (seen.has(name)) throw invalidQuery(name, 'Give this parameter once.');
        seen.add(name);
        // OpenAPI's allowEmptyValue defaults to false: `?limit=` is not "no limit".
        if (text === '' && querySchemas.has(name)) throw invalidQuery(name, 'Must not be empty.');
        const schema = querySchemas.get(name);
        record[name] = schema ? fromQueryText(text, schema) : text;
      }
      for (const p of queryParams) {
        if (!(p.name in record) && p.schema.default !== undefined) record[p.name] = p.schema.default;
      }
      if (!validateQueryFn(record)) throw new ApiError('VALIDATION', 'Invalid query.', toDetails(validateQueryFn.errors ?? []));
      return record;
    },
    idempotencyKey(values) {
      if (!keyParam || values.length === 0) return undefined;
      const name = keyParam.name;
      if (values.length > 1) throw new ApiError('VALIDATION', `Invalid ${name} header.`, { fieldErrors: { [name]: ['Send this header once.'] } });
      const value = values[0]!;
      if (validateKeyFn && !validateKeyFn(value)) throw new ApiError('VALIDATION', `Invalid ${name} header.`, toDetails(validateKeyFn.errors ?? [], name));
      return value;
    },
    parseBody(raw, contentType) {
      if (!body) return undefined;
      if (raw.length === 0) {
        if (body.required) throw new ApiError('VALIDATION', 'Invalid body.', { formErrors: ['A JSON body is required.'] });
        return checkBody(clientRecord()); // an empty optional body: the contract's defaults filled in
      }
      const media = parseContentType(contentType);
      if (!media || media.mediaType !== 'application/json') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be application/json.');
      if (media.charset !== undefined && media.charset !== 'utf-8' && media.charset !== 'utf8') {
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `Request body must be UTF-8 JSON; charset=${media.charset} is not supported.`);
      }
      let text: string;
      try {
        text = utf8.decode(raw);
      } catch {
        throw new ApiError('VALIDATION', 'Invalid body.', { formErrors: ['The body is not valid UTF-8.'] });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        const reason = error instanceof SyntaxError ? error.message : 'nested too deeply';
        throw new ApiError('VALIDATION', 'Invalid body.', { formErrors: [`Malformed JSON: ${reason}`] });
      }
      return checkBody(parsed);
    },
  };
}

const validatorCache = new WeakMap<Contract, ReturnType<typeof createContractValidator>>();
function validators(contract: Contract) {
  let v = validatorCache.get(contract);
  if (!v) validatorCache.set(contract, (v = createContractValidator(contract.doc, { useDefaults: true })));
  return v;
}

/** Every operation's request validation, compiled once. */
export function compileRequests(contract: Contract = loadContract()): Map<OperationId, CompiledRequest> {
  return new Map(contract.operations.map((op) => [op.operationId, compile(contract, op)]));
}
