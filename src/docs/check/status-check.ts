/**
 * Status codes and error codes against the contract: a reference page's `<Response status>` blocks
 * (or a rendered page's response headings, "202Clone accepted") must be statuses its operation
 * documents; `404 NOT_FOUND`-style pairs must be the code's one status; an error code in
 * SCREAMING_CASE must be one the contract defines; and a reference page's errors table must list
 * codes its operation answers with.
 */
import type { Contract, ContractOperation } from '../../contract/model.js';
import { enumOf } from '../schema-text.js';
import { list, type Report } from './finding.js';
import type { PageContext } from './page-context.js';

function knownCodes(contract: Contract): Set<string> {
  const codes = new Set(Object.keys(contract.errorStatus));
  const jobCodes = contract.doc.components?.schemas?.JobErrorCode;
  for (const c of jobCodes ? enumOf(contract.doc, jobCodes) ?? [] : []) codes.add(c);
  return codes;
}

const codesOf = (op: ContractOperation): Set<string> =>
  new Set(op.responses.flatMap((r) => r.examples.flatMap((e) => {
    const c = (e.value as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof c === 'string' ? [c] : [];
  })));

export function checkStatuses(ctx: PageContext, report: Report): void {
  const { page, contract, operation } = ctx;
  const text = page.text;
  const codes = knownCodes(contract);
  const statusOf = contract.errorStatus as Record<string, number>;

  if (operation) {
    const documented = new Set(operation.responses.map((r) => r.status));
    const claimed: Array<{ status: number; index: number }> = [];
    for (const e of page.elements) if (e.name === 'Response' && typeof e.attributes.status === 'string') claimed.push({ status: Number(e.attributes.status), index: e.offset });
    if (page.kind === 'text') {
      // Rendered response headings: "200Full influencer record." at a line start or glued after a closing brace.
      const responses = page.headings.find((h) => h.text === 'Responses');
      if (responses) {
        const end = page.headings.find((h) => h.offset > responses.offset && h.text !== 'Responses')?.offset ?? text.length;
        const section = text.slice(responses.offset, end);
        for (const m of section.matchAll(/(?:^|\})\s*([2-5]\d\d)(?=[A-Za-z])/gm)) claimed.push({ status: Number(m[1]), index: responses.offset + m.index + m[0].indexOf(m[1]!) });
      }
    }
    for (const m of text.matchAll(/\b(?:[Rr]eturns|[Aa]nswers(?: with)?|→)\s*\x60?([2-5]\d\d)\b/g)) claimed.push({ status: Number(m[1]), index: m.index });
    for (const c of claimed) {
      if (!documented.has(c.status)) report(page.lineOf(c.index), 'status', `${operation.operationId} does not answer ${c.status}; its statuses are ${[...documented].join(', ')}.`);
    }
  }

  for (const m of text.matchAll(/\b([2-5]\d\d)\s*\x60?\s*\x60?([A-Z][A-Z_]{2,})\b/g)) {
    const status = Number(m[1]);
    const code = m[2]!;
    if (statusOf[code] !== undefined && statusOf[code] !== status) report(page.lineOf(m.index), 'error-code', `\`${code}\` is always sent with ${statusOf[code]}, not ${status}.`);
  }
  // An unknown code, where the page offers it as one: after a status (`404 GONE_AWAY`), or in code
  // on a line that speaks of codes or errors. (Environment variables are SCREAMING_CASE too.)
  for (const m of text.matchAll(/(?<![\w$'".{-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w-])/g)) {
    if (codes.has(m[1]!)) continue;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    const wholeLine = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    // The clause the word is in (a table cell, or text between `;`, `.` and line ends).
    const at = m.index - lineStart;
    const before = wholeLine.slice(0, at).split(/[;|]|\.\s/).at(-1) ?? '';
    const after = wholeLine.slice(at).split(/[;|]|\.\s/)[0] ?? '';
    const line = before + after;
    const afterStatus = /\b[2-5]\d\d\s*\x60?\s*$/.test(text.slice(lineStart, m.index));
    const asCode = text[m.index - 1] === '\x60' && text[m.index + m[1]!.length] === '\x60' && /\b(?:error|code)s?\b/i.test(line) && !/\b(?:env|environment|variable)\b/i.test(line);
    if (afterStatus || asCode) report(page.lineOf(m.index), 'error-code', `\`${m[1]}\` is not an error code of the contract (${list([...codes])}).`);
  }

  // The errors table of a reference page: each code must be one the operation answers with.
  if (!operation) return;
  const errors = page.headings.find((h) => /^errors$/i.test(h.text.trim()));
  if (!errors) return;
  const end = page.headings.find((h) => h.offset > errors.offset)?.offset ?? text.length;
  const answered = codesOf(operation);
  for (const m of text.slice(errors.offset, end).matchAll(/^\|?\s*\x60?([A-Z][A-Z_]+)\x60?\s*(?=\||[A-Z][a-z])/gm)) {
    const code = m[1]!;
    if (code === 'CODE' || !codes.has(code)) continue;
    if (!answered.has(code)) report(page.lineOf(errors.offset + m.index), 'error-code', `${operation.operationId} never answers \`${code}\` (it answers ${list([...answered])}).`);
  }
}
