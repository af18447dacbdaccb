import { deref, isObject, type Json, type JsonObject, type OperationRef } from '../../src/contract/openapi-walk.js';

/**
 * Code samples (curl, TypeScript, Python) for the docs, derived from each operation's own
 * examples so they can never disagree with the contract.
 */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

const BASE_URL = 'https://api.layers.com';

function firstExample(doc: JsonObject, media: Json | undefined): Json | undefined {
  const m = deref(doc, media ?? null);
  if (!isObject(m)) return undefined;
  if (isObject(m.examples)) {
    const first = Object.values(m.examples)[0];
    const ex = deref(doc, first ?? null);
    if (isObject(ex) && 'value' in ex) return ex.value;
  }
  return m.example;
}

function parameterExample(doc: JsonObject, param: JsonObject): Json | undefined {
  if ('example' in param) return param.example;
  const schema = deref(doc, param.schema ?? null);
  if (isObject(schema) && Array.isArray(schema.examples)) return schema.examples[0];
  return undefined;
}

function pythonLiteral(value: Json, depth = 0): string {
  const pad = '    '.repeat(depth + 1);
  const close = '    '.repeat(depth);
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + pythonLiteral(v, depth + 1)).join(',\n')},\n${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${pythonLiteral(v, depth + 1)}`).join(',\n')},\n${close}}`;
}

/** A TypeScript object/array literal: single-quoted strings, bare keys where they are identifiers. */
function tsLiteral(value: Json, depth = 0): string {
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map((v) => pad + tsLiteral(v, depth + 1)).join(',\n')},\n${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsLiteral(k));
  return `{\n${entries.map(([k, v]) => `${pad}${key(k)}: ${tsLiteral(v, depth + 1)}`).join(',\n')},\n${close}}`;
}

export function codeSamplesFor(doc: JsonObject, op: OperationRef): CodeSample[] {
  const method = op.method.toUpperCase();
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const sendsKey = op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');

  let path = op.path;
  const args: JsonObject = {};
  for (const p of pathParams) {
    const value = parameterExample(doc, p);
    path = path.replace(`{${String(p.name)}}`, String(value));
    args[String(p.name)] = value ?? null;
  }
  const requestBody = deref(doc, op.operation.requestBody ?? null);
  const body = isObject(requestBody) && isObject(requestBody.content)
    ? firstExample(doc, requestBody.content['application/json'])
    : undefined;
  const url = `${BASE_URL}${path}`;
  const operationId = String(op.operation.operationId);

  const curl = [`curl -X ${method} ${url}`, '-H "Authorization: Bearer $LAYERS_API_KEY"'];
  if (sendsKey) curl.push('-H "Idempotency-Key: $(uuidgen)"');
  if (body !== undefined) {
    curl.push('-H "Content-Type: application/json"');
    curl.push(`-d '${JSON.stringify(body)}'`);
  }

  for (const q of queryParams) {
    const value = parameterExample(doc, q);
    if (value !== undefined && q.name === 'limit') args[String(q.name)] = value;
  }
  // The client takes (params, body?) — or just (body) when the operation has no parameters.
  const tsArgs = Object.keys(args).length > 0 ? [tsLiteral(args)] : [];
  if (body !== undefined) tsArgs.push(tsLiteral(body));
  const ts = [
    "import { LayersClient } from '@layers/partner-api';",
    '',
    'const layers = new LayersClient({ apiKey: process.env.LAYERS_API_KEY! });',
    `const result = await layers.${operationId}(${tsArgs.join(', ')});`,
  ];

  const py = ['import os, uuid, httpx', '', `r = httpx.${op.method}(`, `    ${JSON.stringify(url)},`];
  const headers = ['"Authorization": f"Bearer {os.environ[\'LAYERS_API_KEY\']}"'];
  if (sendsKey) headers.push('"Idempotency-Key": str(uuid.uuid4())');
  py.push(`    headers={${headers.join(', ')}},`);
  if (body !== undefined) py.push(`    json=${pythonLiteral(body, 1)},`);
  py.push(')', 'r.raise_for_status()', 'data = r.json()');
  if (op.method === 'delete' && body !== undefined) {
    // httpx.delete() takes no body; use the generic request() for a DELETE with a reason.
    py.splice(2, 1, `r = httpx.request(${JSON.stringify(method)},`);
  }

  return [
    { lang: 'Shell', label: 'curl', source: curl.join(' \\\n  ') },
    { lang: 'TypeScript', label: 'TypeScript', source: ts.join('\n') },
    { lang: 'Python', label: 'Python', source: py.join('\n') },
  ];
}
