/**
 * JSON on a page validated against the schema it shows: a response (the nearest operation and
 * status), a request body (the operation's body, when the JSON fits it better than the answer), or,
 * on a page that names no operation, the contract's object schema the JSON's fields fit best.
 * Unknown fields, enum values, id formats, timestamps and missing required fields are reported, each
 * at the line of its field. A value elided with `...` is only checked for its id prefix.
 */
import type { ErrorObject } from 'ajv';
import type { Contract, ContractOperation } from '../../contract/model.js';
import type { Json, Schema } from '../../contract/oas.js';
import { createContractValidator, type ContractValidator } from '../../contract/validator.js';
import { enumOf, resolved } from '../schema-text.js';
import { list, type Report } from './finding.js';
import { jsonSnippets, type JsonSnippet } from './json-snippets.js';
import { headingBefore } from './source.js';
import { around, statusesIn, type PageContext } from './page-context.js';

interface Target {
  /** `Influencer`, or `the 202 answer of cloneInfluencer (Job)`. */
  label: string;
  ref: string;
}

const validators = new WeakMap<Contract, ContractValidator>();
const validatorOf = (contract: Contract) => {
  let v = validators.get(contract);
  if (!v) validators.set(contract, (v = createContractValidator(contract.doc)));
  return v;
};

const refOf = (schema: Schema | undefined) => (typeof schema?.$ref === 'string' ? schema.$ref : undefined);
const nameOf = (ref: string) => ref.split('/').at(-1)!;

function propertyNames(contract: Contract, ref: string): Set<string> {
  const s = resolved(contract.doc, { $ref: ref });
  return new Set(Object.keys(s.properties ?? {}));
}

/** Share of the JSON's top-level keys that the schema knows. */
function fit(contract: Contract, ref: string, value: Record<string, Json>): number {
  const known = propertyNames(contract, ref);
  const keys = Object.keys(value);
  return keys.filter((k) => known.has(k)).length / keys.length;
}

/** On a page that names no operation: the object schemas the JSON's fields fit, best first (at least half its fields). */
function candidatesBySchemas(contract: Contract, value: Record<string, Json>): Target[] {
  const schemas = contract.doc.components?.schemas ?? {};
  const scored: Array<{ ref: string; score: number }> = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (schema.type !== 'object' || !schema.properties) continue;
    const ref = `#/components/schemas/${name}`;
    const score = fit(contract, ref, value);
    if (score >= 0.5) scored.push({ ref, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => ({ label: nameOf(s.ref), ref: s.ref }));
}

/**
 * The status a JSON block answers with: the heading it sits under when that heading is a status
 * (`### 404`), else the last status written in the three non-empty lines before it.
 */
function nearStatus(ctx: PageContext, offset: number, window: string): number | undefined {
  const heading = headingBefore(ctx.page, offset);
  const asStatus = heading ? /^([2-5]\d\d)\b/.exec(heading.text.trim()) : null;
  if (asStatus) return Number(asStatus[1]);
  const tail = window.split('\n').filter((l) => l.trim()).slice(-3).join('\n');
  return statusesIn(ctx.contract, tail).at(-1)?.status;
}

function targetsOf(ctx: PageContext, snippet: JsonSnippet, previousEnd: number): Target[] {
  const near = around(ctx, snippet.start, previousEnd);
  const { operation, window } = near;
  const value = snippet.value;
  if (near.unknownEndpoint) return [];
  if (!operation) return candidatesBySchemas(ctx.contract, value);
  const describe = (op: ContractOperation, what: string, ref: string) => ({ label: `${what} of ${op.operationId} (${nameOf(ref)})`, ref });
  const bodyRef = refOf(operation.requestBody?.schema);
  // Written as a request: after `-d`, `json=`, `body:` or a "Body" label just before it.
  const lead = window.trimEnd().replace(/(?:```|~~~)[\w-]*(?:\s+[^\n]*)?$/, '').trimEnd();
  const asRequest = /(-d\s*'?|json=|body\s*[:=]|\bbody\b[^.\n]*)$/i.test(lead.slice(-80));
  const inResponseTag = ctx.page.elements.some((e) => e.name === 'Response' && e.offset <= snippet.start && e.end > snippet.start);
  const status = inResponseTag ? near.status : nearStatus(ctx, snippet.start, window);
  if (bodyRef && asRequest && !inResponseTag) return [describe(operation, 'the request body', bodyRef)];
  if (status !== undefined) {
    const ref = refOf(operation.responses.find((r) => r.status === status)?.schema);
    // The answer, or (when the JSON fits it) the body: whichever it satisfies.
    const alternatives = bodyRef && !inResponseTag && fit(ctx.contract, bodyRef, value) >= 0.5 ? [describe(operation, 'the request body', bodyRef)] : [];
    if (ref && !(bodyRef && fit(ctx.contract, ref, value) === 0 && fit(ctx.contract, bodyRef, value) > 0)) return [describe(operation, `the ${status} answer`, ref), ...alternatives];
  }
  const successRef = refOf(operation.responses.find((r) => r.status === operation.successStatus)?.schema);
  if (bodyRef && (!successRef || fit(ctx.contract, bodyRef, value) > fit(ctx.contract, successRef, value))) return [describe(operation, 'the request body', bodyRef)];
  if (successRef && fit(ctx.contract, successRef, value) > 0) return [describe(operation, `the ${operation.successStatus} answer`, successRef)];
  return candidatesBySchemas(ctx.contract, value);
}

const ELIDED = /\.\.\.|…/;

function valueAt(root: Json, pointer: string): Json | undefined {
  let node: Json | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(key)] : (node as Record<string, Json>)[key];
  }
  return node;
}

const fieldName = (pointer: string) => (pointer === '' ? 'the object' : `\`${pointer.slice(1).replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.')}\``);

/** `#/components/schemas/InfluencerId/pattern` → the InfluencerId schema. */
function schemaAt(contract: Contract, schemaPath: string): { name: string; schema: Schema } | undefined {
  const m = /^#\/components\/schemas\/([^/]+)\//.exec(schemaPath);
  if (!m) return undefined;
  const schema = contract.doc.components?.schemas?.[m[1]!];
  return schema ? { name: m[1]!, schema } : undefined;
}

const firstSentence = (s: string | undefined) => (s ? (/^(.*?\.)(\s|$)/s.exec(s.replace(/\s+/g, ' '))?.[1] ?? s) : '');

export function checkJson(ctx: PageContext, report: Report): void {
  const { page, contract } = ctx;
  let previousEnd = 0;
  for (const snippet of jsonSnippets(page.text)) {
    const targets = targetsOf(ctx, snippet, previousEnd);
    const windowStart = previousEnd;
    previousEnd = snippet.end;
    if (targets.length === 0) continue;
    // Of equally likely schemas (a page that names no operation), one the JSON satisfies means no finding.
    const target = targets.find((t) => validatorOf(contract).forRef(t.ref)(snippet.value)) ?? targets[0]!;
    const validate = validatorOf(contract).forRef(target.ref);
    if (validate(snippet.value)) {
      checkErrorCode(ctx, snippet, windowStart, report);
      continue;
    }
    const lineOf = (pointer: string) => page.lineOf(snippet.offsets.get(pointer) ?? snippet.start);
    const errors = (validate.errors ?? []) as ErrorObject[];
    const missing = new Map<string, string[]>();
    const reported = new Set<string>();
    for (const e of errors) {
      const at = e.instancePath;
      const value = valueAt(snippet.value, at);
      const elided = typeof value === 'string' && ELIDED.test(value);
      const owner = schemaAt(contract, e.schemaPath);
      switch (e.keyword) {
        case 'required': {
          const names = missing.get(at) ?? [];
          names.push(String(e.params.missingProperty));
          missing.set(at, names);
          break;
        }
        case 'additionalProperty':
        case 'additionalProperties': {
          const field = String(e.params.additionalProperty);
          const child = `${at}/${field}`;
          const parentName = at === '' ? target.label : `${fieldName(at)} in ${target.label}`;
          report(lineOf(child), 'json', `${fieldName(child)} is not a field of ${parentName}; the contract's fields are ${list([...objectFields(contract, target.ref, at, snippet.value)])}.`);
          reported.add(child);
          break;
        }
        case 'enum':
        case 'x-extensible-enum': {
          const allowed = (e.params.allowedValues as unknown[] | undefined) ?? (owner ? enumOf(contract.doc, owner.schema) : undefined) ?? [];
          if (!elided) report(lineOf(at), 'json', `${fieldName(at)} is ${JSON.stringify(value)}, not a value of ${owner?.name ?? 'its enum'}: ${allowed.map(String).join(' | ')}.`);
          reported.add(at);
          break;
        }
        case 'const':
          report(lineOf(at), 'json', `${fieldName(at)} is ${JSON.stringify(value)}; the contract's is always ${JSON.stringify(e.params.allowedValue)}.`);
          break;
        case 'pattern':
        case 'format':
        case 'minLength':
        case 'maxLength': {
          if (reported.has(at)) break;
          const prefix = owner ? /^\^([a-z]+_)/.exec(owner.schema.pattern ?? '')?.[1] : undefined;
          if (elided) {
            // `inf_4a8e1bc2...` is an elided id; only its prefix can be wrong.
            if (prefix && typeof value === 'string' && !value.startsWith(prefix)) {
              report(lineOf(at), 'json', `${fieldName(at)} is ${JSON.stringify(value)}, but every ${owner!.name} starts with \`${prefix}\`: ${firstSentence(owner!.schema.description)}`);
              reported.add(at);
            }
            break;
          }
          if (owner) report(lineOf(at), 'json', `${fieldName(at)} is ${JSON.stringify(value)}, not a valid ${owner.name}: ${firstSentence(owner.schema.description) || `it must match ${owner.schema.pattern}`}`);
          else report(lineOf(at), 'json', `${fieldName(at)} is ${JSON.stringify(value)}, which ${target.label} does not accept (${e.message ?? e.keyword}).`);
          reported.add(at);
          break;
        }
        case 'type':
          // A nullable field's `null` branch explains nothing the other branch did not.
          if (e.params.type === 'null') break;
          if (!reported.has(at)) report(lineOf(at), 'json', `${fieldName(at)} is ${JSON.stringify(value)}; ${target.label} has it as ${String(e.params.type)}.`);
          reported.add(at);
          break;
        case 'oneOf':
        case 'anyOf':
          break;
        default:
          if (!reported.has(at)) report(lineOf(at), 'json', `${fieldName(at)} ${e.message ?? 'is invalid'} (${target.label}).`);
          reported.add(at);
      }
    }
    for (const [at, names] of missing) {
      report(lineOf(at), 'json', `${at === '' ? target.label : `${fieldName(at)} in ${target.label}`} always has ${list(names)}, which ${names.length === 1 ? 'is' : 'are'} missing here.`);
    }
    checkErrorCode(ctx, snippet, windowStart, report);
  }
}

/** The fields of the object schema at `pointer` (for messages). */
function objectFields(contract: Contract, ref: string, pointer: string, root: Json): string[] {
  let schema: Schema = resolved(contract.doc, { $ref: ref });
  for (const raw of pointer.split('/').slice(1)) {
    const unwrap = (s: Schema): Schema => {
      const r = resolved(contract.doc, s);
      const branch = (r.oneOf as Schema[] | undefined)?.find((b) => resolved(contract.doc, b).type !== 'null');
      return branch ? resolved(contract.doc, branch) : r;
    };
    schema = unwrap(schema);
    const next: Schema | undefined = /^\d+$/.test(raw) ? (schema.items as Schema | undefined) : schema.properties?.[raw];
    if (!next) return [];
    schema = unwrap(next);
  }
  void root;
  return Object.keys(schema.properties ?? {});
}

/** An error envelope's code must be one the operation answers with at that status. */
function checkErrorCode(ctx: PageContext, snippet: JsonSnippet, windowStart: number, report: Report): void {
  const error = snippet.value.error;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return;
  const code = (error as Record<string, Json>).code;
  if (typeof code !== 'string') return;
  const near = around(ctx, snippet.start, windowStart);
  const inResponseTag = ctx.page.elements.some((e) => e.name === 'Response' && e.offset <= snippet.start && e.end > snippet.start);
  const operation = near.operation;
  const status = inResponseTag ? near.status : nearStatus(ctx, snippet.start, near.window);
  const known = ctx.contract.errorStatus as Record<string, number>;
  const line = ctx.page.lineOf(snippet.offsets.get('/error/code') ?? snippet.start);
  if (status !== undefined && known[code] !== undefined && known[code] !== status) {
    report(line, 'error-code', `\`${code}\` is always sent with ${known[code]}, not ${status}.`);
    return;
  }
  if (!operation || status === undefined) return;
  const response = operation.responses.find((r) => r.status === status);
  const codes = new Set(response?.examples.flatMap((e) => {
    const c = (e.value as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof c === 'string' ? [c] : [];
  }));
  if (response && codes.size > 0 && !codes.has(code)) report(line, 'error-code', `${operation.operationId} answers ${status} with ${list([...codes])}, never \`${code}\`.`);
}
