/**
 * The contract model: the bundled document resolved once into operations with everything a
 * consumer asks of them (scopes, success status, parameters by location, the JSON request body,
 * responses with their schemas, headers and examples). The sandbox, the mock, the code samples, the
 * breaking-change engine, the contract suite and the fuzzer all read the API through this.
 */
import type { KnownErrorCode, KnownTransportErrorCode, operations } from '../../generated/schema.js';
import { deref, readBundle } from './bundle.js';
import {
  HTTP_METHODS,
  type CodeSample,
  type Example,
  type HttpMethod,
  type Lifecycle,
  type Json,
  type MediaType,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type ParameterLocation,
  type Reference,
  type Schema,
  type SecurityRequirement,
} from './oas.js';

export type OperationId = keyof operations;
/** Every error code a server of this contract sends: an operation's (ErrorCode) or the transport's (TransportErrorCode). */
export type ErrorCode = KnownErrorCode | KnownTransportErrorCode;
export const JSON_MEDIA_TYPE = 'application/json';

export interface NamedExample {
  name: string;
  summary?: string;
  value: Json;
}

export interface ContractParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description?: string;
  schema: Schema;
  /** The parameter's own `example`, when it has one. */
  example?: Json;
  /** `components/parameters/<name>` when the parameter is shared. */
  component?: string;
}

export interface ContractBody {
  required: boolean;
  /** The schema as written (usually a `$ref` into components/schemas). */
  schema: Schema;
  /** The `components/schemas` name when the schema is a reference to one. */
  schemaName?: string;
  examples: NamedExample[];
}

export interface ContractHeader {
  name: string;
  required: boolean;
  description?: string;
  schema: Schema;
}

export interface ContractResponse {
  status: number;
  description: string;
  /** `components/responses/<name>` when the response is shared. */
  component?: string;
  headers: ContractHeader[];
  /** The JSON body's schema as written, when the response has one. */
  schema?: Schema;
  schemaName?: string;
  examples: NamedExample[];
}

export interface ContractOperation {
  operationId: OperationId;
  method: HttpMethod;
  /** As written in the contract: `/v1/influencers/{influencerId}`. */
  path: string;
  summary: string;
  description: string;
  tags: string[];
  /** Alternative security requirements (any one suffices), as written. */
  security: SecurityRequirement[];
  /** The scopes that grant the operation, any one of which suffices (each requirement names one scheme and one scope). */
  scopes: string[];
  /** The one 2xx status. */
  successStatus: number;
  parameters: Record<'path' | 'query' | 'header', ContractParameter[]>;
  requestBody?: ContractBody;
  responses: ContractResponse[];
  codeSamples: CodeSample[];
  /** `x-lifecycle` as written (the lint requires it on every operation of the contract). */
  lifecycle?: Lifecycle;
  /** The operation takes an `Idempotency-Key`, so a retried call is replayed, not repeated (the seeds' "idempotent" badge). */
  idempotent: boolean;
  /** The operation object itself, for the extensions this model does not name. */
  raw: Operation;
}

export interface Contract {
  doc: OpenApiDocument;
  version: string;
  operations: ContractOperation[];
  operation(id: OperationId): ContractOperation;
  /** `components/schemas/<name>`, resolved. */
  schema(name: string): Schema;
  /** Each error code's one HTTP status (`x-http-status` of ErrorCode and TransportErrorCode). */
  errorStatus: Record<ErrorCode, number>;
  /** Every scope the document declares (`x-scopes`), with its description. */
  scopes: Record<string, string>;
}

const componentName = (node: unknown, kind: string): string | undefined => {
  const ref = typeof node === 'object' && node !== null ? (node as Partial<Reference>).$ref : undefined;
  const prefix = `#/components/${kind}/`;
  return typeof ref === 'string' && ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
};

function examplesOf(doc: OpenApiDocument, media: MediaType): NamedExample[] {
  const named = Object.entries(media.examples ?? {}).map(([name, raw]) => {
    const example = deref<Example>(doc, raw);
    return { name, ...(example.summary ? { summary: example.summary } : {}), value: example.value ?? null };
  });
  if (named.length === 0 && media.example !== undefined) named.push({ name: 'example', value: media.example });
  return named;
}

function parameterOf(doc: OpenApiDocument, raw: Parameter | Reference): ContractParameter {
  const p = deref<Parameter>(doc, raw);
  const component = componentName(raw, 'parameters');
  return {
    name: p.name,
    in: p.in,
    required: p.required === true,
    deprecated: p.deprecated === true,
    ...(p.description ? { description: p.description } : {}),
    schema: p.schema ?? {},
    ...(p.example !== undefined ? { example: p.example } : {}),
    ...(component ? { component } : {}),
  };
}

function operationOf(doc: OpenApiDocument, path: string, method: HttpMethod, op: Operation, shared: Array<Parameter | Reference>): ContractOperation {
  if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
  const params = [...shared, ...(op.parameters ?? [])].map((p) => parameterOf(doc, p));
  const byLocation = (where: ParameterLocation) => params.filter((p) => p.in === where);
  const acceptsIdempotencyKey = params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');

  let requestBody: ContractBody | undefined;
  if (op.requestBody) {
    const body = deref(doc, op.requestBody);
    const media = body.content?.[JSON_MEDIA_TYPE];
    if (media?.schema) {
      const schemaName = componentName(media.schema, 'schemas');
      requestBody = { required: body.required === true, schema: media.schema, ...(schemaName ? { schemaName } : {}), examples: examplesOf(doc, media) };
    }
  }

  const responses: ContractResponse[] = Object.entries(op.responses ?? {}).map(([status, raw]) => {
    const response = deref(doc, raw);
    const media = response.content?.[JSON_MEDIA_TYPE];
    const component = componentName(raw, 'responses');
    const schemaName = media?.schema ? componentName(media.schema, 'schemas') : undefined;
    return {
      status: Number(status),
      description: response.description,
      ...(component ? { component } : {}),
      headers: Object.entries(response.headers ?? {}).map(([name, rawHeader]) => {
        const header = deref(doc, rawHeader);
        return { name, required: header.required === true, ...(header.description ? { description: header.description } : {}), schema: header.schema ?? {} };
      }),
      ...(media?.schema ? { schema: media.schema } : {}),
      ...(schemaName ? { schemaName } : {}),
      examples: media ? examplesOf(doc, media) : [],
    };
  });
  const success = responses.filter((r) => r.status >= 200 && r.status < 300);
  if (success.length !== 1) throw new Error(`${op.operationId} must document exactly one 2xx response, has ${success.length}`);

  const security = op.security ?? doc.security ?? [];
  // In document order: the first is the operation's own scope, the others grant it too (a write scope reading what it writes).
  const scopes = [...new Set(security.flatMap((requirement) => Object.values(requirement).flat()))];

  return {
    // The generated types are built from this same bundle (the gate checks they are fresh).
    operationId: op.operationId as OperationId,
    method,
    path,
    summary: op.summary ?? '',
    description: op.description ?? '',
    tags: op.tags ?? [],
    security,
    scopes,
    successStatus: success[0]!.status,
    parameters: { path: byLocation('path'), query: byLocation('query'), header: byLocation('header') },
    ...(requestBody ? { requestBody } : {}),
    responses,
    codeSamples: op['x-codeSamples'] ?? [],
    ...(op['x-lifecycle'] ? { lifecycle: op['x-lifecycle'] } : {}),
    idempotent: acceptsIdempotencyKey,
    raw: op,
  };
}

/** Every operation of a document, in document order (paths, then methods in HTTP_METHODS order). */
export function operationsOf(doc: OpenApiDocument): ContractOperation[] {
  const out: ContractOperation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = deref(doc, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) out.push(operationOf(doc, path, method, op, item.parameters ?? []));
    }
  }
  return out;
}

const models = new WeakMap<OpenApiDocument, Contract>();

/** The contract model of `doc` (default: the bundle in generated/), built once per document. */
export function loadContract(doc: OpenApiDocument = readBundle()): Contract {
  const cached = models.get(doc);
  if (cached) return cached;
  const operations = operationsOf(doc);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const schemas = doc.components?.schemas ?? {};
  const schema = (name: string): Schema => {
    const found = schemas[name];
    if (!found) throw new Error(`no schema named ${name} in the contract`);
    return deref(doc, found);
  };
  const errorStatus = Object.fromEntries(
    ['ErrorCode', 'TransportErrorCode'].filter((name) => Object.hasOwn(schemas, name)).flatMap((name) => Object.entries(schema(name)['x-http-status'] ?? {})),
  );
  const rawScopes = doc['x-scopes'];
  const model: Contract = {
    doc,
    version: doc.info.version,
    operations,
    operation(id) {
      const op = byId.get(id);
      if (!op) throw new Error(`no operation ${id} in the contract`);
      return op;
    },
    schema,
    // Each code schema's x-http-status lists every code of its enum (Spectral rule layers-error-code-status).
    errorStatus: errorStatus as Record<ErrorCode, number>,
    scopes: typeof rawScopes === 'object' && rawScopes !== null ? Object.fromEntries(Object.entries(rawScopes).map(([k, v]) => [k, String(v)])) : {},
  };
  models.set(doc, model);
  return model;
}

/** `/v1/influencers/{influencerId}` → `/v1/influencers/:influencerId`, as the seed pages write paths. */
export const colonPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
