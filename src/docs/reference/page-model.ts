/**
 * One reference page as data, built from the contract model only: the renderers (MDX for the site,
 * plain markdown for "View as Markdown") format this and add nothing of their own, so the two forms
 * of a page cannot say different things.
 */
import type { Json } from '../../contract/oas.js';
import { colonPath, type Contract, type ContractOperation, type ContractResponse } from '../../contract/model.js';
import { fieldRows, typeText, enumOf, resolved, type FieldRow } from '../schema-text.js';
import { conceptUrl, referenceUrl } from '../urls.js';
import { lifecycleOf, type Lifecycle } from './lifecycle.js';

export interface Sample {
  /** The tab name: `curl`, `TypeScript`, `Python`. */
  label: string;
  /** The fence's info string: `sh`, `ts`, `py`. */
  fence: string;
  source: string;
}

export interface ResponseBlock {
  status: number;
  description: string;
  examples: Array<{ name: string; summary?: string; value: Json }>;
}

export interface ErrorRow {
  code: string;
  status: number;
  when: string;
}

export interface Link {
  title: string;
  url: string;
  note?: string;
}

export interface ReferencePageModel {
  operationId: string;
  url: string;
  title: string;
  method: string;
  /** With `:param`, as the site writes paths. */
  path: string;
  scope: string;
  /** Every scope that grants the operation (the first is its own). */
  scopes: string[];
  lifecycle: Lifecycle;
  summary: string;
  description: string;
  idempotency: string[];
  pathParameters: FieldRow[];
  queryParameters: FieldRow[];
  headerParameters: FieldRow[];
  body?: { required: boolean; rows: FieldRow[]; description?: string };
  samples: Sample[];
  responses: ResponseBlock[];
  notes: string[];
  errors: ErrorRow[];
  seeAlso: Link[];
}

const FENCES: Record<string, string> = { shell: 'sh', bash: 'sh', curl: 'sh', typescript: 'ts', javascript: 'js', python: 'py' };

const oneLine = (s: string | undefined) => (s ?? '').replace(/\s*\n\s*/g, ' ').trim();

function parameterRows(contract: Contract, op: ContractOperation, where: 'path' | 'query' | 'header'): FieldRow[] {
  return op.parameters[where].map((p) => {
    const values = enumOf(contract.doc, p.schema);
    const def = resolved(contract.doc, p.schema).default;
    return {
      name: p.name,
      type: typeText(contract.doc, p.schema),
      required: p.required,
      ...(p.description ? { description: oneLine(p.description) } : {}),
      ...(values ? { enum: values } : {}),
      ...(def !== undefined ? { default: def } : {}),
    };
  });
}

/** The error codes a response's examples show (`error.code`), in example order. */
function codesOf(response: ContractResponse): string[] {
  const codes = response.examples.flatMap((e) => {
    const err = (e.value as { error?: { code?: unknown } } | null)?.error;
    return typeof err?.code === 'string' ? [err.code] : [];
  });
  return [...new Set(codes)];
}

function idempotencyText(op: ContractOperation): string[] {
  const key = op.parameters.header.find((p) => p.name.toLowerCase() === 'idempotency-key');
  return key ? [`Send an \`Idempotency-Key\` header (see [Idempotency](${conceptUrl('idempotency')})). ${oneLine(key.description)}`] : [];
}

export function referencePageModel(contract: Contract, op: ContractOperation): ReferencePageModel {
  const lifecycle = lifecycleOf(op);
  const success = op.responses.find((r) => r.status === op.successStatus)!;
  const body = op.requestBody;
  const bodySchema = body ? resolved(contract.doc, body.schema) : undefined;

  const errors: ErrorRow[] = op.responses
    .filter((r) => r.status >= 400)
    .flatMap((r) => codesOf(r).map((code) => ({ code, status: r.status, when: oneLine(r.description) })));

  const notes: string[] = [];
  if (op.scopes.length > 1) notes.push(`Granted by any of these scopes: ${op.scopes.map((s) => `\`${s}\``).join(', ')}.`);
  for (const h of success.headers) notes.push(`\`${h.name}\` header on \`${success.status}\`${h.required ? '' : ' (when present)'}: ${oneLine(h.description)}`);
  if (lifecycle.stability) notes.push(`Stability: ${lifecycle.stability}${lifecycle.phase !== undefined ? `, phase ${lifecycle.phase}` : ''}.`);

  const related = contract.operations.filter((o) => o !== op && o.tags[0] === op.tags[0]);
  const seeAlso: Link[] = [
    ...(success.schemaName === 'Job' || op.operationId === 'getJob' ? [{ title: 'Jobs', url: conceptUrl('jobs') }] : []),
    ...(op.parameters.header.some((p) => p.name === 'Idempotency-Key') ? [{ title: 'Idempotency', url: conceptUrl('idempotency') }] : []),
    ...(op.parameters.query.some((p) => p.name === 'cursor') ? [{ title: 'Pagination', url: conceptUrl('pagination') }] : []),
    { title: 'Authentication and scopes', url: conceptUrl('authentication') },
    { title: 'Errors', url: conceptUrl('errors') },
    ...related.map((o) => ({ title: o.summary, url: referenceUrl(o) })),
  ];

  return {
    operationId: op.operationId,
    url: referenceUrl(op),
    title: op.summary,
    method: op.method.toUpperCase(),
    path: colonPath(op.path),
    scope: op.scopes[0] ?? '',
    scopes: op.scopes,
    lifecycle,
    summary: op.summary,
    description: op.description.trim(),
    idempotency: idempotencyText(op),
    pathParameters: parameterRows(contract, op, 'path'),
    queryParameters: parameterRows(contract, op, 'query'),
    headerParameters: parameterRows(contract, op, 'header'),
    ...(body && bodySchema
      ? { body: { required: body.required, rows: fieldRows(contract.doc, body.schema), ...(bodySchema.description ? { description: bodySchema.description.trim() } : {}) } }
      : {}),
    samples: op.codeSamples.map((s) => ({ label: s.label ?? s.lang, fence: FENCES[s.lang.toLowerCase()] ?? s.lang.toLowerCase(), source: s.source })),
    responses: op.responses.map((r) => ({ status: r.status, description: oneLine(r.description), examples: r.examples })),
    notes,
    errors,
    seeAlso,
  };
}
