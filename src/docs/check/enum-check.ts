/**
 * Enumerations written in prose against the schema's enum: "Status values: `a | b | c`",
 * "**Status values.** `a`, `b`", "`brandVoice` ... (`a | b | c`)", and a rendered page's glued
 * definition term ("statusdraft | pending | ..."). A list introduced as "values" must be the whole
 * enum; any other list may be part of it but may not add values.
 */
import type { Contract } from '../../contract/model.js';
import { enumOf } from '../schema-text.js';
import { list, type Report } from './finding.js';
import type { PageContext } from './page-context.js';

interface EnumField {
  field: string;
  /** `Influencer.status` */
  where: string;
  values: string[];
}

const enumCache = new WeakMap<Contract, EnumField[]>();

/** Every enum-valued property of every component schema, by property name. */
function enumFields(contract: Contract): EnumField[] {
  const cached = enumCache.get(contract);
  if (cached) return cached;
  const out: EnumField[] = [];
  for (const [name, schema] of Object.entries(contract.doc.components?.schemas ?? {})) {
    for (const [field, prop] of Object.entries(schema.properties ?? {})) {
      const values = enumOf(contract.doc, prop);
      if (values && values.length > 1) out.push({ field, where: `${name}.${field}`, values });
    }
  }
  enumCache.set(contract, out);
  return out;
}

const camel = (words: string) => {
  const parts = words.replace(/[`*]/g, '').trim().split(/\s+/);
  return parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('');
};

const ITEM = String.raw`\x60?[a-z][a-z0-9_-]*\x60?`;
const PIPES = new RegExp(String.raw`${ITEM}(?:\s*\|\s*${ITEM}){2,}`, 'g');
const COMMAS = new RegExp(String.raw`\x60[a-z][a-z0-9_-]*\x60(?:\s*(?:,|, or|, and| or| and)\s*\x60[a-z][a-z0-9_-]*\x60)+`, 'g');

export function checkEnums(ctx: PageContext, report: Report): void {
  const fields = enumFields(ctx.contract);
  const names = [...new Set(fields.map((f) => f.field))].sort((a, b) => b.length - a.length);
  const text = ctx.page.text;
  const lists: Array<{ index: number; raw: string }> = [];
  for (const m of text.matchAll(PIPES)) lists.push({ index: m.index, raw: m[0] });
  for (const m of text.matchAll(COMMAS)) lists.push({ index: m.index, raw: m[0] });
  for (const { index, raw } of lists) {
    const lineStart = text.lastIndexOf('\n', index) + 1;
    if (/^\s*\|/.test(text.slice(lineStart, index + 1))) continue; // a table row
    let values = raw.split(/\s*(?:\||,|\bor\b|\band\b)\s*/).map((v) => v.replace(/\x60/g, '').trim()).filter(Boolean);
    const before = text.slice(lineStart, index);
    let field: string | undefined;
    let complete = false;
    const intro = /([`*]*[A-Za-z][\w ]{0,30}?[`*]*)\s+values?\s*[:.]\**\s*\(?$/.exec(before);
    if (intro) {
      // "Status values", "Age range values", "The gender values": the last one to three words name the field.
      const words = intro[1]!.replace(/[`*]/g, '').trim().split(/\s+/);
      field = [1, 2, 3].map((k) => camel(words.slice(-k).join(' '))).find((n) => names.includes(n));
      complete = true;
    } else {
      // Glued definition term: "statusdraft | pending".
      const glued = names.find((n) => values[0]!.startsWith(n) && values[0]!.length > n.length && /^\s*[•*-]?\s*$/.test(before));
      if (glued) {
        field = glued;
        values = [values[0]!.slice(glued.length), ...values.slice(1)];
        complete = true;
      } else {
        // The nearest field name written in code or bold before the list, in the same sentence.
        const sentence = before.split(/[.!?]\s/).at(-1) ?? before;
        const named = [...sentence.matchAll(/\x60([A-Za-z]\w*)\x60|\*\*([A-Za-z]\w*)\*\*/g)].map((m) => m[1] ?? m[2]!).reverse().find((n) => names.includes(n));
        field = named;
      }
    }
    if (!field || (!raw.includes('|') && !complete)) continue;
    const candidates = fields.filter((f) => f.field === field);
    if (candidates.length === 0) continue;
    const exact = candidates.find((c) => (complete ? c.values.length === values.length : true) && values.every((v) => c.values.includes(v)));
    if (exact) continue;
    const best = [...candidates].sort((a, b) => values.filter((v) => b.values.includes(v)).length - values.filter((v) => a.values.includes(v)).length)[0]!;
    const extra = values.filter((v) => !best.values.includes(v));
    const absent = complete ? best.values.filter((v) => !values.includes(v)) : [];
    const parts = [
      ...(extra.length > 0 ? [`${list(extra)} ${extra.length === 1 ? 'is not a value' : 'are not values'}`] : []),
      ...(absent.length > 0 ? [`${list(absent)} ${absent.length === 1 ? 'is' : 'are'} missing`] : []),
    ];
    report(ctx.page.lineOf(index), 'enum', `${field.charAt(0).toUpperCase()}${field.slice(1)} values: the contract's ${best.where} is ${best.values.join(' | ')} (${parts.join('; ')}).`);
  }
}
