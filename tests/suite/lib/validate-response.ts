/**
 * Checks one HTTP response against the contract: the status is documented for the operation, the
 * content type is the documented one, the body matches that status's schema (Ajv 2020-12, formats
 * on), and documented headers are present and valid. Returns violations as sentences that name the
 * operation, so a failing run says what broke and where.
 */
import { deref } from '../../../src/contract/bundle.js';
import type { ContractOperation } from '../../../src/contract/model.js';
import { doc, validatorForInline, validatorForRef } from '../../support/contract.js';

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

export function validateResponse(op: ContractOperation, observed: ObservedResponse): string[] {
  const id = op.operationId;
  const label = `${id} (${op.method.toUpperCase()} ${op.path}) → ${observed.status}`;
  const response = op.responses.find((r) => r.status === observed.status);
  if (!response) {
    return [`${label}: status ${observed.status} is not documented for ${id} (documented: ${op.responses.map((r) => r.status).join(', ')})`];
  }
  const violations: string[] = [];

  const contentType = observed.headers.get('content-type') ?? '';
  if (response.schema) {
    if (!/^application\/json(\s*;|$)/i.test(contentType)) {
      violations.push(`${label}: content-type is "${contentType || '(none)'}", the contract says application/json`);
    } else {
      let body: unknown;
      try {
        body = JSON.parse(observed.bodyText);
      } catch {
        violations.push(`${label}: body is not valid JSON`);
      }
      const ref = response.schema.$ref;
      if (body !== undefined && typeof ref === 'string') {
        const validate = validatorForRef(ref);
        if (!validate(body)) violations.push(`${label}: body violates ${ref.split('/').pop()}: ${describeAjvErrors(validate.errors ?? [])}`);
      }
    }
  } else if (observed.bodyText.length > 0) {
    violations.push(`${label}: the contract documents no body, got ${observed.bodyText.length} bytes`);
  }

  for (const header of response.headers) {
    const value = observed.headers.get(header.name);
    if (value === null) {
      if (header.required) violations.push(`${label}: required header ${header.name} is missing`);
      continue;
    }
    const schema = deref(doc, header.schema);
    const typed = schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
    const validate = validatorForInline(schema);
    if (!validate(typed)) violations.push(`${label}: header ${header.name}: "${value}" ${describeAjvErrors(validate.errors ?? [])}`);
  }
  return violations;
}
