/**
 * The OpenAPI 3.1 document, typed: the subset of objects this contract uses, with `$ref` allowed
 * wherever the specification allows it. Everything that reads the bundle reads it through these
 * types (see bundle.ts and model.ts), so nothing downstream casts.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Reference {
  $ref: string;
}

/** A JSON Schema 2020-12 object, with the keywords this project reads named; others are kept. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: Json[];
  const?: Json;
  format?: string;
  pattern?: string;
  default?: Json;
  description?: string;
  examples?: Json[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  'x-http-status'?: Record<string, number>;
  /** An open enumeration: the values of this version, to which a later version may add (D45). */
  'x-extensible-enum'?: Json[];
  [keyword: string]: unknown;
}

/** An enumeration's values, closed (`enum`) or open (`x-extensible-enum`); undefined for neither. */
export const enumValues = (schema: Schema): Json[] | undefined => schema.enum ?? schema['x-extensible-enum'];

export interface Example {
  summary?: string;
  description?: string;
  value?: Json;
}

export interface MediaType {
  schema?: Schema;
  examples?: Record<string, Example | Reference>;
  example?: Json;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required?: boolean;
  deprecated?: boolean;
  description?: string;
  schema?: Schema;
  example?: Json;
  examples?: Record<string, Example | Reference>;
}

export interface Header {
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: Json;
}

export interface RequestBody {
  required?: boolean;
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Response {
  description: string;
  headers?: Record<string, Header | Reference>;
  content?: Record<string, MediaType>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

/** How far along an operation is (`x-lifecycle`); the seeds badge it "Phase 1", "stable". */
export const STABILITY_LEVELS = ['experimental', 'beta', 'stable', 'deprecated'] as const;
export type Stability = (typeof STABILITY_LEVELS)[number];
export interface Lifecycle {
  /** The rollout phase that shipped the operation. */
  phase: number;
  stability: Stability;
}

/** A renderer badge (`x-badges`, read by Redocly and Scalar); the build derives them from `x-lifecycle`. */
export interface Badge {
  name: string;
  color?: string;
  position?: 'before' | 'after';
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  security?: SecurityRequirement[];
  parameters?: Array<Parameter | Reference>;
  requestBody?: RequestBody | Reference;
  responses?: Record<string, Response | Reference>;
  'x-codeSamples'?: CodeSample[];
  'x-lifecycle'?: Lifecycle;
  'x-badges'?: Badge[];
  [extension: `x-${string}`]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItem = { parameters?: Array<Parameter | Reference>; summary?: string; description?: string } & Partial<Record<HttpMethod, Operation>>;

export interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
  /** This API's mark on a scheme kept for old integrations (D27); OpenAPI has no `deprecated` here. */
  'x-deprecated'?: boolean;
}

export interface Components {
  schemas?: Record<string, Schema>;
  parameters?: Record<string, Parameter>;
  headers?: Record<string, Header>;
  responses?: Record<string, Response>;
  securitySchemes?: Record<string, SecurityScheme>;
  examples?: Record<string, Example>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  jsonSchemaDialect?: string;
  servers?: Array<{ url: string; description?: string }>;
  tags?: Array<{ name: string; description?: string; [key: string]: unknown }>;
  paths: Record<string, PathItem | Reference>;
  components?: Components;
  security?: SecurityRequirement[];
  [extension: `x-${string}`]: unknown;
}

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
