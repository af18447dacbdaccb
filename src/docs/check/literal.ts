/**
 * Reads the JavaScript-like literal a component attribute holds (`rows="[{ name: 'a', required:
 * true, enum: ['x', 'y'] }, ]"`): objects, arrays, single- or double-quoted strings with escapes,
 * numbers, booleans, null, bare keys, trailing commas. Anything else is an error, not a guess.
 */
export function parseLiteral(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i} in ${text.slice(Math.max(0, i - 20), i + 20)}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      for (;;) {
        ws();
        if (text[i] === ']') { i++; return out; }
        out.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail('expected , or ]');
      }
    }
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      for (;;) {
        ws();
        if (text[i] === '}') { i++; return out; }
        let key: string;
        if (text[i] === "'" || text[i] === '"') key = str();
        else {
          const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
          if (!m) return fail('expected a key');
          key = m[0];
          i += key.length;
        }
        ws();
        if (text[i++] !== ':') fail('expected :');
        out[key] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail('expected , or }');
      }
    }
    if (c === "'" || c === '"') return str();
    const m = /^(true|false|null|-?\d+(?:\.\d+)?)/.exec(text.slice(i));
    if (!m) return fail('unexpected token');
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
  };
  const str = (): string => {
    const quote = text[i++];
    let out = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        const n = text[i + 1];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : (n ?? '');
        i += 2;
      } else out += text[i++];
    }
    if (text[i++] !== quote) fail('unterminated string');
    return out;
  };
  const result = value();
  ws();
  if (i < text.length) fail('trailing text');
  return result;
}
