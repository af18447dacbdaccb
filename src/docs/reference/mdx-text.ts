/**
 * Text made safe for MDX: in prose, `{`, `}` and `<` start expressions and elements, so outside code
 * spans they are escaped; in a `"..."` attribute the site's components read a JavaScript-like
 * literal, so strings are single-quoted with `\` and `'` escaped and `"` written as `&quot;`.
 */
export function mdxProse(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[{}<]/g, (c) => `\\${c}`)))
    .join('');
}

export const attr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** A value as a single-quoted JavaScript literal (inside a double-quoted attribute). */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  return String(value);
}
