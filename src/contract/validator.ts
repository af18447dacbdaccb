/**
 * Ajv 2020-12 validators compiled from the bundled contract, for the sandbox (request validation)
 * and the tests (response validation). One place knows how to load the document into Ajv.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import type { Json, JsonObject } from './openapi-walk.js';

// ajv-formats ships CommonJS with `exports.default`; under NodeNext the callable is `.default`.
const addFormats = ajvFormats.default.default;
const DOC_ID = 'https://contract.layers.local/openapi.json';

export interface ContractValidator {
  /** A validator for a local `#/...` ref into the contract (cached). */
  forRef(ref: string): ValidateFunction;
  /** A validator for an inline schema (cached by content); its `#/...` refs resolve into the contract. */
  forInline(schema: JsonObject): ValidateFunction;
}

export interface ValidatorOptions {
  /** Turn query-string text into the schema's types (`limit=20` → 20). */
  coerceTypes?: boolean;
  /** Fill in the contract's `default`s (the sandbox's defaults come from here, not from code). */
  useDefaults?: boolean;
}

export function createContractValidator(doc: JsonObject, options: ValidatorOptions = {}): ContractValidator {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: options.useDefaults ?? false,
  });
  addFormats(ajv);
  // OpenAPI-only keywords that may appear beside JSON Schema ones; everything else stays strict.
  ajv.addVocabulary(['components', 'x-http-status', 'discriminator', 'xml', 'externalDocs', 'example']);
  ajv.addSchema({ $id: DOC_ID, components: doc.components as Json } as never);
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
      if (!fn) inline.set(key, (fn = ajv.compile(JSON.parse(key.replace(/"\$ref":"#\//g, `"$ref":"${DOC_ID}#/`)) as object)));
      return fn;
    },
  };
}
