/**
 * Header names a page sends or names (curl `-H`, the header maps of fetch and httpx calls, and
 * header-like names in code spans) against the contract: its request headers, response headers and
 * authentication headers, plus the standard ones any HTTP client sends. A request header a sample
 * sends to an operation that does not take it is reported too.
 */
import type { Contract } from '../../contract/model.js';
import { list, type Report } from './finding.js';
import { operationOf } from './endpoints.js';
import type { PageContext } from './page-context.js';

/** HTTP's own headers (RFC 9110/9111/9112, CORS, cookies): a page may name them whatever the contract says. */
const STANDARD = [
  'Content-Type', 'Accept', 'Content-Length', 'Host', 'User-Agent', 'Connection', 'Accept-Encoding', 'Accept-Language', 'Cache-Control',
  'Transfer-Encoding', 'Content-Encoding', 'Date', 'ETag', 'If-None-Match', 'If-Match', 'Last-Modified', 'Expect', 'Keep-Alive', 'Upgrade',
  'Vary', 'Origin', 'Referer', 'Cookie', 'Set-Cookie', 'Range', 'Content-Range', 'Allow', 'Server', 'Proxy-Authorization', 'Forwarded',
  'Access-Control-Allow-Origin', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers',
  'Access-Control-Max-Age', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Prefer',
];

function contractHeaders(contract: Contract): Map<string, string> {
  const names = new Map<string, string>();
  const add = (n: string) => names.set(n.toLowerCase(), n);
  for (const op of contract.operations) {
    for (const p of op.parameters.header) add(p.name);
    for (const r of op.responses) for (const h of r.headers) add(h.name);
  }
  for (const scheme of Object.values(contract.doc.components?.securitySchemes ?? {})) {
    if (scheme.type === 'http') add('Authorization');
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name) add(scheme.name);
  }
  for (const s of STANDARD) add(s);
  return names;
}

export function checkHeaders(ctx: PageContext, report: Report): void {
  const known = contractHeaders(ctx.contract);
  const text = ctx.page.text;
  const sent: Array<{ name: string; index: number }> = [];
  for (const m of text.matchAll(/-H\s+["']([A-Za-z][\w-]*)\s*:/g)) sent.push({ name: m[1]!, index: m.index });
  for (const block of text.matchAll(/headers\s*[:=]\s*\{([^}]*)\}/g)) {
    for (const m of block[1]!.matchAll(/["']([A-Za-z][\w-]*)["']\s*:/g)) sent.push({ name: m[1]!, index: block.index + block[0].indexOf(m[0]) });
  }
  const named = [...text.matchAll(/\x60([A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)+)(?::[^\x60]*)?\x60/g)].map((m) => ({ name: m[1]!, index: m.index }));
  const seen = new Set<string>();
  for (const h of [...sent, ...named]) {
    const line = ctx.page.lineOf(h.index);
    if (seen.has(`${line} ${h.name}`)) continue;
    seen.add(`${line} ${h.name}`);
    if (!known.has(h.name.toLowerCase())) {
      report(line, 'header', `\`${h.name}\` is not a header of the contract (it has ${list([...known.values()].filter((n) => !STANDARD.includes(n)))}).`);
    }
  }
  // A sample that authenticates with a scheme the contract deprecates (`x-deprecated`).
  for (const scheme of Object.values(ctx.contract.doc.components?.securitySchemes ?? {})) {
    if ((scheme as { 'x-deprecated'?: unknown })['x-deprecated'] !== true || scheme.in !== 'header' || !scheme.name) continue;
    const line = sent.find((h) => h.name.toLowerCase() === scheme.name!.toLowerCase());
    if (line) report(ctx.page.lineOf(line.index), 'header', `sends \`${scheme.name}\`, which the contract deprecates: authenticate with \`Authorization: Bearer\` (the canonical scheme).`);
  }
  // A sample that sends a request header the operation does not take.
  const requestOnly = new Set(ctx.contract.operations.flatMap((op) => op.parameters.header.map((p) => p.name.toLowerCase())));
  for (const h of sent) {
    if (!requestOnly.has(h.name.toLowerCase())) continue;
    const mention = [...ctx.mentions].reverse().find((m) => m.offset <= h.index && m.method && h.index - m.offset < 600);
    const op = mention ? operationOf(ctx.contract, mention) : undefined;
    if (op && !op.parameters.header.some((p) => p.name.toLowerCase() === h.name.toLowerCase())) {
      report(ctx.page.lineOf(h.index), 'header', `${op.operationId} takes no \`${h.name}\` header.`);
    }
  }
}
