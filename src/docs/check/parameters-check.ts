/**
 * A reference page's parameter rows against its operation: `<Parameters rows>` in MDX, or the
 * rows a rendered page exports ("influencerIdstring (uuid)requiredThe source influencer."). Each row
 * must name a parameter or body field of the operation, with its type, required flag, enum and
 * default; every required one must be there.
 */
import { referencePageModel } from '../reference/page-model.js';
import type { FieldRow } from '../schema-text.js';
import { list, type Report } from './finding.js';
import { parseLiteral } from './literal.js';
import type { PageContext } from './page-context.js';
import { headingBefore } from './source.js';

interface PageRow {
  name: string;
  type?: string;
  required?: boolean;
  enum?: string[];
  default?: string;
  offset: number;
}

type Where = 'path' | 'query' | 'header' | 'body';

function whereOf(heading: string | undefined, title: string | undefined): Where | undefined {
  const label = `${title ?? ''} ${heading ?? ''}`.toLowerCase();
  if (/\bbody\b/.test(label)) return 'body';
  if (/\bpath\b/.test(label)) return 'path';
  if (/\bquery\b/.test(label)) return 'query';
  if (/\bheaders?\b/.test(label)) return 'header';
  return undefined;
}

const KINDS = ['string', 'integer', 'number', 'boolean', 'array'];
const kindOf = (type: string) => {
  const first = type.split(/[\s(]/)[0]!.toLowerCase();
  return KINDS.includes(first) ? first : 'object';
};
const detailOf = (type: string) => /\(([^)]+)\)/.exec(type)?.[1];

function rowsOfElements(ctx: PageContext): Array<{ where?: Where; rows: PageRow[] }> {
  const out: Array<{ where?: Where; rows: PageRow[] }> = [];
  const { page } = ctx;
  const elements = page.elements.filter((e) => e.name === 'Parameters');
  const raw = elements.length > 0 || page.kind === 'text'
    ? elements.map((e) => ({ offset: e.offset, title: typeof e.attributes.title === 'string' ? e.attributes.title : undefined, rows: typeof e.attributes.rows === 'string' ? e.attributes.rows : '' }))
    : [...page.text.matchAll(/<Parameters\b([^>]*?)rows="([^"]*)"/g)].map((m) => ({ offset: m.index, title: /title="([^"]*)"/.exec(m[1]!)?.[1], rows: m[2]! }));
  for (const el of raw) {
    let parsed: unknown;
    try {
      parsed = parseLiteral(el.rows);
    } catch {
      continue;
    }
    if (!Array.isArray(parsed)) continue;
    const rows = parsed.flatMap((r): PageRow[] => {
      if (typeof r !== 'object' || r === null || typeof (r as { name?: unknown }).name !== 'string') return [];
      const o = r as Record<string, unknown>;
      return [{
        name: String(o.name),
        ...(typeof o.type === 'string' ? { type: o.type } : {}),
        required: o.required === true,
        ...(Array.isArray(o.enum) ? { enum: o.enum.map(String) } : {}),
        ...(o.default !== undefined ? { default: String(o.default) } : {}),
        offset: el.offset + Math.max(0, page.text.slice(el.offset).indexOf(`'${String(o.name)}'`)),
      }];
    });
    const where = whereOf(headingBefore(page, el.offset)?.text, el.title);
    out.push({ ...(where ? { where } : {}), rows });
  }
  return out;
}

function rowsOfRenderedText(ctx: PageContext): Array<{ where?: Where; rows: PageRow[] }> {
  const { page } = ctx;
  const out: Array<{ where?: Where; rows: PageRow[] }> = [];
  const sections = page.headings.filter((h) => whereOf(h.text, undefined));
  for (const h of sections) {
    const end = page.headings.find((x) => x.offset > h.offset && !(x.text === h.text && x.offset - h.offset < 12))?.offset ?? page.text.length;
    const text = page.text.slice(h.offset + h.text.length, end);
    const rows: PageRow[] = [];
    for (const m of text.matchAll(/(?<![a-z0-9])([a-z][A-Za-z0-9]*?)\s*(string|integer|number|boolean|object|array)(\s*\([^)]+\))?\s*(required|optional)/g)) {
      rows.push({ name: m[1]!, type: `${m[2]}${m[3] ?? ''}`.trim(), required: m[4] === 'required', offset: h.offset + h.text.length + m.index });
    }
    if (rows.length > 0 && !out.some((o) => o.rows[0]!.offset === rows[0]!.offset)) out.push({ where: whereOf(h.text, undefined)!, rows });
  }
  return out;
}

export function checkParameters(ctx: PageContext, report: Report): void {
  const { operation, page, contract } = ctx;
  if (!operation) return;
  const model = referencePageModel(contract, operation);
  const lists: Record<Where, FieldRow[]> = {
    path: model.pathParameters,
    query: model.queryParameters,
    header: model.headerParameters,
    body: model.body?.rows ?? [],
  };
  const groups = page.kind === 'text' ? rowsOfRenderedText(ctx) : rowsOfElements(ctx);
  for (const group of groups) {
    if (!group.where) continue;
    const expected = lists[group.where];
    const label = group.where === 'body' ? 'body field' : `${group.where} parameter`;
    for (const row of group.rows) {
      const line = page.lineOf(row.offset);
      const want = expected.find((r) => r.name === row.name);
      if (!want) {
        report(line, 'parameters', `\`${row.name}\` is not a ${label} of ${operation.operationId}${expected.length ? ` (${list(expected.map((r) => r.name))})` : ''}.`);
        continue;
      }
      if (row.type) {
        const pageDetail = detailOf(row.type);
        const wantDetail = detailOf(want.type);
        if (kindOf(row.type) !== kindOf(want.type)) report(line, 'parameters', `\`${row.name}\` is ${row.type} here; the contract's is ${want.type}.`);
        else if (pageDetail && pageDetail !== wantDetail) {
          const schema = wantDetail ? contract.doc.components?.schemas?.[wantDetail] : undefined;
          report(line, 'parameters', `\`${row.name}\` is ${want.type}${schema?.description ? ` (${schema.description.replace(/\s+/g, ' ').split('. ')[0]!.replace(/\.$/, '')})` : ''}, not ${row.type}.`);
        }
      }
      if (row.required !== undefined && row.required !== want.required) report(line, 'parameters', `\`${row.name}\` is ${want.required ? 'required' : 'optional'} in the contract, ${row.required ? 'required' : 'optional'} here.`);
      if (row.enum && want.enum && (row.enum.length !== want.enum.length || row.enum.some((v) => !want.enum!.includes(v)))) {
        report(line, 'parameters', `\`${row.name}\` values: the contract's are ${want.enum.join(' | ')}, the page's ${row.enum.join(' | ')}.`);
      }
      if (row.default !== undefined && want.default !== undefined && row.default !== String(want.default)) {
        report(line, 'parameters', `\`${row.name}\` defaults to \`${String(want.default)}\`, not \`${row.default}\`.`);
      }
    }
    const missing = expected.filter((r) => r.required && !r.name.includes('.') && !group.rows.some((row) => row.name === r.name));
    if (missing.length > 0) report(page.lineOf(group.rows[0]?.offset ?? 0), 'parameters', `the ${label}s leave out the required ${list(missing.map((r) => r.name))}.`);
  }
}
