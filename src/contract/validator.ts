/**
 * Ajv 2020-12 validators compiled from the bundled contract, for the sandbox (request validation)
 * and the tests (response validation). One place knows how to load the document into Ajv.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import type { OpenApiDocument, Schema } from './oas.js';

// ajv-formats ships CommonJS with `exports.default`; under NodeNext the callable is `.default`.
const addFormats = ajvFormats.default.default;
const DOC_ID = 'https://contract.layers.local/openapi.json';

export interface ContractValidator {
  /** A validator for a local `#/...` ref into the contract (cached). */
  forRef(ref: string): ValidateFunction;
  /** A validator for an inline schema (cached by content); its `#/...` refs resolve into the contract. */
  forInline(schema: Schema): ValidateFunction;
}

export interface ValidatorOptions {
  /** Fill in the contract's `default`s (the sandbox's defaults come from here, not from code). */
  useDefaults?: boolean;
  /**
   * Read `x-extensible-enum` lists as a client must (compatibility policy, D45): any value passes.
   * By default they are checked as closed, as a server of this version must send only listed values.
   */
  openEnums?: boolean;
}

export function createContractValidator(doc: OpenApiDocument, options: ValidatorOptions = {}): ContractValidator {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    // Never coerce: query text is turned into numbers by requests.ts, strictly (`0x10` is not 16).
    coerceTypes: false,
    useDefaults: options.useDefaults ?? false,
  });
  addFormats(ajv);
  // OpenAPI-only keywords that may appear beside JSON Schema ones; everything else stays strict.
  ajv.addVocabulary(['components', 'x-http-status', 'discriminator', 'xml', 'externalDocs', 'example']);
  const openEnums = options.openEnums ?? false;
  ajv.addKeyword({
    keyword: 'x-extensible-enum',
    schemaType: 'array',
    error: { message: ({ schema }) => `must be one of the values this version lists: ${JSON.stringify(schema)}` },
    validate: (values: unknown[], data: unknown) => openEnums || values.includes(data),
  });
  ajv.addSchema({ $id: DOC_ID, components: doc.components ?? {} });
  const byRef = new Map<string, ValidateFunction>();
  const inline = new Map<string, ValidateFunction>();
  return {
    forRef(ref) {
      let fn = byRef.get(ref);
      if (!fn) byRef.set(ref, (fn = ajv.compile({ $ref: `${DOC_ID}${ref}` })));
      return fn;
    },
    forInline(schema) {
      const key = JSON.stringify(schema);
      let fn = inline.get(key);
      // Local refs inside an inline schema point into the contract, so anchor them to it.
      if (!fn) inline.set(key, (fn = ajv.compile(anchorRefs(schema))));
      return fn;
    },
  };
}

/** A copy of `schema` whose local `#/...` refs point into the contract document. */
function anchorRefs(schema: Schema): Schema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : walk(v)]));
  };
  return walk(schema) as Schema; // the same schema with refs rewritten
}
