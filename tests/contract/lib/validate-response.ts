/**
 * Checks one HTTP response against the contract: the status is documented for the operation, the
 * content type is the documented one, the body matches that status's schema (Ajv 2020-12, formats
 * on), and documented headers are present and valid. Returns violations as sentences that name the
 * operation, so a failing run says what broke and where.
 */
import { deref, isObject, type JsonObject, type OperationRef } from '../../../src/contract/openapi-walk.js';
import { doc, jsonMedia, responsesOf, validatorForInline, validatorForRef } from '../../support/contract.js';

export interface ObservedResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

function describeAjvErrors(errors: ReadonlyArray<{ instancePath: string; message?: string; params: Record<string, unknown> }>): string {
  return errors
    .slice(0, 5)
    .map((e) => {
      const where = e.instancePath || '(body)';
      if (e.params.additionalProperty) return `${where} has undocumented property "${String(e.params.additionalProperty)}"`;
      if (e.params.allowedValues) return `${where} ${e.message} (${(e.params.allowedValues as unknown[]).join(', ')})`;
      return `${where} ${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}

export function validateResponse(op: OperationRef, observed: ObservedResponse): string[] {
  const id = String(op.operation.operationId);
  const label = `${id} (${op.method.toUpperCase()} ${op.path}) → ${observed.status}`;
  const responses = responsesOf(op);
  const response = responses[String(observed.status)];
  if (!response) {
    return [`${label}: status ${observed.status} is not documented for ${id} (documented: ${Object.keys(responses).join(', ')})`];
  }
  const violations: string[] = [];

  const media = jsonMedia(response);
  const contentType = observed.headers.get('content-type') ?? '';
  if (media) {
    if (!/^application\/json(\s*;|$)/i.test(contentType)) {
      violations.push(`${label}: content-type is "${contentType || '(none)'}", the contract says application/json`);
    } else {
      let body: unknown;
      try {
        body = JSON.parse(observed.bodyText);
      } catch {
        violations.push(`${label}: body is not valid JSON`);
      }
      if (body !== undefined && isObject(media.schema) && typeof media.schema.$ref === 'string') {
        const validate = validatorForRef(media.schema.$ref);
        if (!validate(body)) violations.push(`${label}: body violates ${media.schema.$ref.split('/').pop()}: ${describeAjvErrors(validate.errors ?? [])}`);
      }
    }
  } else if (observed.bodyText.length > 0) {
    violations.push(`${label}: the contract documents no body, got ${observed.bodyText.length} bytes`);
  }

  const headers = isObject(response.headers) ? response.headers : {};
  for (const [name, raw] of Object.entries(headers)) {
    const header = deref(doc, raw) as JsonObject;
    const value = observed.headers.get(name);
    if (value === null) {
      if (header.required === true) violations.push(`${label}: required header ${name} is missing`);
      continue;
    }
    const schema = deref(doc, header.schema ?? null);
    if (isObject(schema)) {
      const typed = schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
      const validate = validatorForInline(schema);
      if (!validate(typed)) violations.push(`${label}: header ${name}: "${value}" ${describeAjvErrors(validate.errors ?? [])}`);
    }
  }
  return violations;
}
