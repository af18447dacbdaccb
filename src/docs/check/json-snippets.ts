/**
 * JSON objects written in a page, fenced, in a code span, or bare in the text (as a rendered page
 * exports them): every balanced `{...}` span (strings respected) that parses as a JSON object,
 * outermost first; and the object literal a JavaScript sample passes to `JSON.stringify(...)` (the
 * body it sends). Each comes with the offset of every member's key, so a finding names its line.
 */
import type { Json } from '../../contract/oas.js';
import { parseLiteral } from './literal.js';

export interface JsonSnippet {
  start: number;
  end: number;
  value: { [key: string]: Json };
  /** JSON pointer (`/referenceImages/0/assetId`) → offset in the page of its key (or value, in arrays). */
  offsets: Map<string, number>;
}

/** The end (exclusive) of the balanced span opening at `start`, or -1. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if (c === '\n' && depth === 0) return -1;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return c === '}' ? i + 1 : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** Offsets of the members of a JavaScript literal: each key's first occurrence after its parent's. */
function literalOffsets(value: unknown, span: string, base: number): Map<string, number> {
  const offsets = new Map<string, number>();
  const walk = (node: unknown, path: string, from: number) => {
    offsets.set(path, base + from);
    if (typeof node !== 'object' || node === null) return;
    let cursor = from;
    for (const [key, child] of Object.entries(node)) {
      const at = span.slice(cursor).search(new RegExp(`['"]?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*:`));
      const offset = at < 0 ? cursor : cursor + at;
      walk(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, offset);
      cursor = offset + 1;
    }
  };
  walk(value, '', 0);
  return offsets;
}

/** Offsets of each member of a JSON text known to be valid (a small scanner, not a validator). */
function memberOffsets(text: string, base: number): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const from = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(from, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    offsets.set(path, base + i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        const keyAt = i;
        const key = str();
        ws();
        i++; // :
        const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        value(child);
        offsets.set(child, base + keyAt);
        ws();
        if (text[i++] === '}') return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (let n = 0; ; n++) {
        value(`${path}/${n}`);
        ws();
        if (text[i++] === ']') return;
      }
    } else if (c === '"') str();
    else while (i < text.length && /[^,}\]\s]/.test(text[i]!)) i++;
  };
  value('');
  return offsets;
}

export function jsonSnippets(text: string): JsonSnippet[] {
  const out: JsonSnippet[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '{') continue;
    const end = balancedEnd(text, i);
    if (end < 0) continue;
    const span = text.slice(i, end);
    let value: unknown;
    let offsets: () => Map<string, number>;
    try {
      value = JSON.parse(span);
      offsets = () => memberOffsets(span, i);
    } catch {
      // A JavaScript sample's body: `JSON.stringify({ name: 'Nova' })`.
      if (!/JSON\.stringify\(\s*$/.test(text.slice(Math.max(0, i - 40), i))) continue;
      try {
        value = parseLiteral(span);
      } catch {
        continue;
      }
      offsets = () => literalOffsets(value, span, i);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) continue;
    out.push({ start: i, end, value: value as { [key: string]: Json }, offsets: offsets() });
    i = end - 1;
  }
  return out;
}
