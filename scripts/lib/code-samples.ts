/**
 * Code samples (curl, TypeScript, Python) for the docs, derived from each operation's own
 * examples so they can never disagree with the contract.
 */
import { deref } from '../../src/contract/bundle.js';
import type { ContractOperation, ContractParameter } from '../../src/contract/model.js';
import type { CodeSample, Json, JsonObject, OpenApiDocument } from '../../src/contract/oas.js';

const BASE_URL = 'https://api.layers.com';

function parameterExample(doc: OpenApiDocument, param: ContractParameter): Json | undefined {
  if (param.example !== undefined) return param.example;
  return deref(doc, param.schema).examples?.[0];
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

export function codeSamplesFor(doc: OpenApiDocument, op: ContractOperation): CodeSample[] {
  const method = op.method.toUpperCase();
  const sendsKey = op.parameters.header.some((p) => p.name === 'Idempotency-Key');

  let path = op.path;
  const args: JsonObject = {};
  for (const p of op.parameters.path) {
    const value = parameterExample(doc, p);
    path = path.replace(`{${p.name}}`, String(value));
    args[p.name] = value ?? null;
  }
  const body = op.requestBody?.examples[0]?.value;
  const url = `${BASE_URL}${path}`;

  const curl = [`curl -X ${method} ${url}`, '-H "Authorization: Bearer $LAYERS_API_KEY"'];
  if (sendsKey) curl.push('-H "Idempotency-Key: $(uuidgen)"');
  if (body !== undefined) {
    curl.push('-H "Content-Type: application/json"');
    curl.push(`-d '${JSON.stringify(body)}'`);
  }

  for (const q of op.parameters.query) {
    const value = parameterExample(doc, q);
    if (value !== undefined && q.name === 'limit') args[q.name] = value;
  }
  // The client takes (params, body?) — or just (body) when the operation has no parameters.
  const tsArgs = Object.keys(args).length > 0 ? [tsLiteral(args)] : [];
  if (body !== undefined) tsArgs.push(tsLiteral(body));
  const ts = [
    "import { LayersClient } from '@layers/partner-api';",
    '',
    'const layers = new LayersClient({ apiKey: process.env.LAYERS_API_KEY! });',
    `const result = await layers.${op.operationId}(${tsArgs.join(', ')});`,
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
