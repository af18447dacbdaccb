/**
 * `METHOD /path` mentions (prose, `POST /v1/...` in code, curl, httpx and fetch calls, and bare
 * `/v1/...` paths in code spans) matched to the contract's operations. Paths are compared segment by
 * segment: a contract `{param}` matches `:param`, `{param}`, `${param}` or a concrete id.
 */
import type { Contract, ContractOperation } from '../../contract/model.js';
import { OUTSIDE_CONTRACT } from './outside.js';

export interface EndpointMention {
  offset: number;
  /** Upper case; undefined for a bare path. */
  method?: string;
  path: string;
  /** The path as written (host and trailing punctuation removed), for messages. */
  writtenPath: string;
  /** How it was written, for messages. */
  written: string;
}

const METHODS = 'GET|POST|PUT|PATCH|DELETE';
const PATH = String.raw`/v1(?:/[^\s\x60'"<>)\],;?\\]*)?`;
const HOST = String.raw`https?://[^\s/'"\x60]+`;

/** `/v1/projects/${projectId}/influencers.` → `/v1/projects/{}/influencers` */
export function normalizePath(path: string): string {
  const clean = path.replace(/[.,:;]+$/, '').replace(/\/+$/, '') || '/';
  return clean
    .split('/')
    // A rendered page glues the next word onto a path (`/clonePhase 1`): contract paths are lower case.
    .map((seg) => (/^(:\w+|\{\w*\}|\$\{\w+\})$/.test(seg) ? '{}' : seg.replace(/(?<=[a-z])[A-Z].*$/, '')))
    .join('/');
}

const templateOf = (op: ContractOperation) => op.path.replace(/\{\w+\}/g, '{}');

function segmentsMatch(template: string, path: string): boolean {
  const t = template.split('/');
  const p = path.split('/');
  return t.length === p.length && t.every((seg, i) => seg === p[i] || (seg === '{}' && p[i] !== ''));
}

export const operationsAt = (contract: Contract, path: string): ContractOperation[] =>
  contract.operations.filter((op) => segmentsMatch(templateOf(op), normalizePath(path)));

export const isOutside = (path: string): string | undefined => {
  const norm = normalizePath(path);
  return OUTSIDE_CONTRACT.find((o) => {
    const prefix = o.pathPrefix.replace(/\/$/, '').split('/');
    const segs = norm.split('/');
    return segs.length >= prefix.length && prefix.every((s, i) => s === segs[i] || (s === '{}' && segs[i] !== ''));
  })?.why;
};

export function endpointMentions(text: string): EndpointMention[] {
  const found: EndpointMention[] = [];
  const add = (offset: number, method: string | undefined, path: string, written: string) => {
    if (found.some((f) => f.offset === offset)) return;
    found.push({ offset, ...(method ? { method: method.toUpperCase() } : {}), path: normalizePath(path), writtenPath: path.replace(/[.,:;]+$/, ''), written: written.trim() });
  };
  const scan = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    for (let m = re.exec(text); m; m = re.exec(text)) f(m);
  };
  // `POST /v1/...` and `POST https://host/v1/...`
  scan(new RegExp(String.raw`\b(${METHODS})\s*(?:${HOST})?(${PATH})`, 'g'), (m) => add(m.index, m[1], m[2]!, m[0]));
  // curl [-X METHOD] ... URL
  scan(new RegExp(String.raw`curl\b((?:[^\n]|\\\n)*?)(${HOST})(${PATH})`, 'g'), (m) => {
    const method = /-X\s+(\w+)/.exec(m[1]!)?.[1] ?? (/\s-d\s|--data/.test(text.slice(m.index, m.index + 400)) ? 'POST' : 'GET');
    add(m.index + m[0].length - m[3]!.length, method, m[3]!, `curl -X ${method.toUpperCase()} ${m[3]}`);
  });
  // httpx.post("https://host/v1/...") / requests.get(...)
  scan(new RegExp(String.raw`\b(?:httpx|requests|client)\.(get|post|put|patch|delete)\(\s*f?["'](?:${HOST})(${PATH})`, 'g'), (m) =>
    add(m.index + m[0].length - m[2]!.length, m[1], m[2]!, `${m[1]!.toUpperCase()} ${m[2]}`),
  );
  // fetch(`https://host/v1/...`, { method: 'POST' })
  scan(new RegExp(String.raw`\bfetch\(\s*[\x60'"](?:${HOST})(${PATH})`, 'g'), (m) => {
    const after = text.slice(m.index, m.index + 400);
    const method = /method:\s*['"](\w+)['"]/.exec(after)?.[1] ?? 'GET';
    add(m.index + m[0].length - m[1]!.length, method, m[1]!, `${method.toUpperCase()} ${m[1]}`);
  });
  // A bare path in a code span: `/v1/jobs/:jobId`
  scan(new RegExp(String.raw`\x60(${PATH})\x60`, 'g'), (m) => add(m.index + 1, undefined, m[1]!, m[1]!));
  return found.sort((a, b) => a.offset - b.offset);
}

/** The operation a mention names, if exactly one (a bare path naming several matches none). */
export function operationOf(contract: Contract, mention: EndpointMention): ContractOperation | undefined {
  const ops = operationsAt(contract, mention.path);
  return mention.method ? ops.find((op) => op.method.toUpperCase() === mention.method) : ops.length === 1 ? ops[0] : undefined;
}
