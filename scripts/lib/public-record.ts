/**
 * The public decision record: openapi/DECISIONS.md is the internal record (sources by seed page,
 * what pins each decision); the bundle, the npm package and the docs carry this transform of it.
 * Partners read the conflict, the decision and the reason; the trail back to seed files and tests
 * stays in the repository.
 *
 * Rules, applied block by block (headings, paragraphs, list items, tables; code fences pass as is):
 * 1. A list item labelled `**Sources:**` or `**Pinned by:**` (or `**Tests:**`, `**Tested by:**`) is dropped.
 * 2. Seed pages are known from the record's pages table (the column of `NNN_<hash>.txt` names, the
 *    "what it is" and "revision" columns). In a table, a column that holds nothing but seed names or
 *    ids is dropped; a row that still shows an internal marker is dropped.
 * 3. In running text, a parenthetical that only cites pages (`(\`000\`, \`002\`)`), or that still
 *    holds a repository path or an internal marker once its page ids are named (rule 4), is removed;
 *    `(**designed**)` becomes `(designed: the pages are silent)`, or `(designed)` where the sentence
 *    already says the pages are silent; `**designed**` loses its bold.
 * 4. A page id or seed file name becomes the page's partner name ("the later influencers concept
 *    page"); a list of them becomes "the later pages" / "the older pages" / "all the pages" where it is a
 *    whole revision, else the names joined. "the `002` enum" becomes "the enum of <name>". The
 *    word "seed" goes the same way: "seed pages" / "the seeds" → "pages" / "the pages", "the seed
 *    flow" → "the pages' flow".
 * 5. A sentence that still shows an internal marker (an unknown page id, a seed file name, a repository
 *    path, "pinned", "fuzz", "sandbox", "mock", "contract test", "tests/", ...) loses the `; `-clauses
 *    that show it, or is dropped if none is left; so is an item or paragraph left empty, and a section
 *    heading left without content.
 */

/** A seed page as the record's pages table describes it. */
export interface SeedPage {
  id: string;
  file: string;
  revision: string;
  /** The partner name used in place of the id: "the later influencers concept page". */
  name: string;
}

const SEED_FILE = /\b(\d{3})_[0-9a-f]{16}\.txt\b/g;
const SEED_FILE_ONE = /^`?(\d{3})_[0-9a-f]{16}\.txt`?$/;
/** A page id as the record writes it: a backticked three-digit number starting with 0 (no HTTP status does). */
const PAGE_ID = '`(0\\d\\d)(?:_[0-9a-f]{16}\\.txt)?`';
const PAGE_LIST = new RegExp(`${PAGE_ID}(?:(?:,? (?:and|or) |, )${PAGE_ID})*`, 'g');
const PAGE_ID_ONE = new RegExp(PAGE_ID, 'g');

const DROPPED_LABELS = /^(sources?|pinned by|tests?|tested by)$/i;

/** A repository path in backticks: relative, and a directory (`shared/seeds/`) or a file with an extension. */
const REPO_PATH = /`(?:\.{0,2}\/)?(?:[\w.-]+\/)+(?:[\w.-]*\.(?:ts|js|mjs|cjs|md|txt|ya?ml|json|sh))?`/;

/** What must never reach the published text. Exported for the bundle's own check (tests/contract/public-text.test.ts). */
export const INTERNAL_MARKERS: readonly RegExp[] = [
  /\b\d{3}_[0-9a-f]{16}\.txt\b/,
  /`0\d\d`/,
  /\bpin(?:s|ned|ning)?\b/i,
  /\bsources?:/i,
  /\bfuzz/i,
  /\btests?\//i,
  /\.test(?:-d)?\.ts\b/,
  /\bcontract tests?\b/i,
  /\b(?:sandbox|mock|prism|vitest|spectral|playwright)\b/i,
  /\bseed(?:s|ed)?\b/i,
  REPO_PATH,
];

export const internalMarkersIn = (text: string): string[] =>
  INTERNAL_MARKERS.flatMap((re) => {
    const m = re.exec(text);
    return m ? [m[0]] : [];
  });

const isInternal = (text: string): boolean => internalMarkersIn(text).length > 0;

// ---------------------------------------------------------------------------------------------
// Tables

const isTableLine = (line: string): boolean => /^\s*\|/.test(line);
const cellsOf = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
const rowOf = (cells: string[]): string => `| ${cells.join(' | ')} |`;
const isSeparator = (cells: string[]): boolean => cells.every((c) => /^:?-+:?$/.test(c));

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The seed pages, from the first table that has a column of seed file names. */
export function seedPagesOf(record: string): SeedPage[] {
  const lines = record.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!isTableLine(lines[i]!) || (i > 0 && isTableLine(lines[i - 1]!))) continue;
    const rows: string[][] = [];
    for (let j = i; j < lines.length && isTableLine(lines[j]!); j++) rows.push(cellsOf(lines[j]!));
    const [header, ...rest] = rows;
    const body = rest.filter((r) => !isSeparator(r));
    if (!header || body.length === 0) continue;
    const fileCol = header.findIndex((_, c) => body.every((r) => SEED_FILE_ONE.test(r[c] ?? '')));
    if (fileCol < 0) continue;
    const revCol = header.findIndex((h) => /revision/i.test(h));
    const whatCol = header.findIndex((_, c) => c !== fileCol && c !== revCol);
    return body.map((r) => {
      const file = (r[fileCol] ?? '').replace(/`/g, '');
      const revision = revCol >= 0 ? (r[revCol] ?? '') : '';
      const what = lowerFirst((whatCol >= 0 ? (r[whatCol] ?? '') : 'page').replace(/\s*\([^()]*\)\s*$/, ''));
      return { id: file.slice(0, 3), file, revision, name: ['the', revision, what].filter(Boolean).join(' ') };
    });
  }
  return [];
}

function publicTable(rows: string[][], pages: SeedPage[]): string[] {
  const [header, ...rest] = rows;
  if (!header) return [];
  const body = rest.filter((r) => !isSeparator(r));
  const pageCell = (c: string) => SEED_FILE_ONE.test(c) || /^`0\d\d`$/.test(c);
  const keep = header.map((_, c) => !(body.length > 0 && body.every((r) => pageCell(r[c] ?? ''))));
  const out: string[] = [];
  for (const row of rows) {
    const cells = row.filter((_, c) => keep[c]).map((c) => (isSeparator(row) ? c : replacePages(c, pages, false) ?? c));
    if (cells.length === 0 || (!isSeparator(row) && isInternal(cells.join(' ')))) continue;
    out.push(rowOf(cells));
  }
  return out.length >= 3 ? out : [];
}

// ---------------------------------------------------------------------------------------------
// Running text

/** "the later pages" for a whole revision of more than one page, "all the pages" for all of them. */
function phraseFor(ids: string[], pages: SeedPage[], conjunction: string): string | undefined {
  const named = ids.map((id) => pages.find((p) => p.id === id));
  if (named.some((p) => !p)) return undefined;
  const set = new Set(ids);
  if (pages.length > 1 && pages.every((p) => set.has(p.id))) return 'all the pages';
  const parts: string[] = [];
  const done = new Set<string>();
  for (const page of named as SeedPage[]) {
    if (done.has(page.id)) continue;
    const revision = pages.filter((p) => p.revision === page.revision);
    if (page.revision && revision.length > 1 && revision.every((p) => set.has(p.id))) {
      parts.push(`the ${page.revision} pages`);
      for (const p of revision) done.add(p.id);
    } else {
      parts.push(page.name);
      done.add(page.id);
    }
  }
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts.at(-1)}`;
}

/**
 * Replaces page ids and seed file names with partner names; undefined if one is unknown. `atStart`:
 * a name that opens the text is capitalized.
 */
function replacePages(text: string, pages: SeedPage[], atStart: boolean): string | undefined {
  let unknown = false;
  const name = (list: string): string => {
    const ids = [...list.matchAll(PAGE_ID_ONE)].map((m) => m[1]!);
    const phrase = phraseFor(ids, pages, / or /.test(list) ? 'or' : 'and');
    if (phrase === undefined) unknown = true;
    return phrase ?? list;
  };
  // "the `002` enum" → "the enum of the later ... reference"
  let out = text.replace(new RegExp(`\\b([Tt])he ${PAGE_ID} ([a-z][\\w-]*)`, 'g'), (whole, t: string, id: string, noun: string) => {
    const phrase = phraseFor([id], pages, 'and');
    if (phrase === undefined) {
      unknown = true;
      return whole;
    }
    return `${t}he ${noun} of ${phrase}`;
  });
  out = out.replace(PAGE_LIST, (list, ...args) => {
    const offset = args.at(-2) as number;
    const before = (args.at(-1) as string).slice(0, offset);
    const phrase = name(list);
    const opens = (atStart && before.trim() === '') || /[.!?]["')]?\s+$/.test(before);
    return opens ? upperFirst(phrase) : phrase;
  });
  out = out.replace(SEED_FILE, (file, id: string) => name(`\`${id}\``));
  return unknown ? undefined : out;
}

/**
 * Removes citation-only parentheticals and those that stay internal once their page ids are named
 * (innermost first); rewrites `(**designed**)`.
 */
function publicParentheticals(sentence: string, pages: SeedPage[]): string {
  let out = sentence;
  for (let guard = 0; guard < 20; guard++) {
    const next = out.replace(/ ?\(([^()]*)\)/g, (whole, inner: string) => {
      const content = inner.trim();
      if (content === '**designed**') return /\bsilent\b/i.test(out) ? ' (designed)' : ' (designed: the pages are silent)';
      const citation = content.replace(new RegExp(PAGE_LIST.source, 'g'), '').replace(/[\s,;]|\band\b|\bor\b/g, '') === '' && content !== '';
      if (citation) return '';
      const named = replacePages(seedWords(content), pages, false);
      if (named === undefined || isInternal(named)) return '';
      return whole;
    });
    if (next === out) break;
    out = next;
  }
  return out.replace(/\*\*designed\*\*/g, 'designed');
}

/** "seed pages" → "pages", "the seeds" → "the pages", "the seed flow" → "the pages' flow"; any other "seed" stays (and is internal). */
const seedWords = (text: string): string =>
  text
    .replace(/\b([Ss])eed (pages?)\b/g, (_, s: string, pages: string) => (s === 'S' ? upperFirst(pages) : pages))
    .replace(/\b([Tt])he seeds\b/g, '$1he pages')
    .replace(/\b([Tt])he seed (?!pages?\b)([a-z][\w-]*)/g, "$1he pages' $2")
    .replace(/\bseeds\b/g, 'pages');

/** Sentence ends: `.`, `!` or `?` (optionally closed by a quote, bracket or bold), then space and a capital, quote, backtick or bracket. */
const splitSentences = (text: string): string[] => text.split(/(?<=[.!?]["')*]{0,2})\s+(?=["'`(*A-Z])/);

/** Top-level `; ` splits (outside brackets, quotes and code spans). */
function clausesOf(sentence: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let code = false;
  let quote = false;
  let start = 0;
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence[i];
    if (c === '`') code = !code;
    else if (code) continue;
    else if (c === '"') quote = !quote;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ';' && sentence[i + 1] === ' ' && depth === 0 && !quote) {
      clauses.push(sentence.slice(start, i));
      start = i + 2;
    }
  }
  clauses.push(sentence.slice(start));
  return clauses;
}

/** One sentence made public; a `;` clause that cannot be is dropped, and the sentence if none is left. */
function publicSentence(sentence: string, pages: SeedPage[], atStart: boolean): string | undefined {
  const whole = replacePages(seedWords(publicParentheticals(sentence, pages)), pages, atStart);
  if (whole !== undefined && !isInternal(whole)) return whole.trim() || undefined;
  const clauses = clausesOf(sentence);
  if (clauses.length < 2) return undefined;
  const end = /([.!?])["')*]{0,2}$/.exec(sentence.trim())?.[1] ?? '';
  const kept = clauses
    .map((clause, i) => publicSentence(clause, pages, atStart && i === 0))
    .filter((clause): clause is string => clause !== undefined);
  if (kept.length === 0) return undefined;
  let out = kept.join('; ');
  if (!/[.!?]["')*]{0,2}$/.test(out)) out += end;
  return atStart && /^[A-Z]/.test(sentence.trim()) ? upperFirst(out) : out;
}

/** The public form of a run of text: each sentence rewritten by the rules, or dropped. */
export function publicText(text: string, pages: SeedPage[], { capitalizeFirst = true } = {}): string {
  const kept: string[] = [];
  splitSentences(text.trim()).forEach((sentence, i) => {
    const cleaned = publicSentence(sentence, pages, capitalizeFirst || i > 0);
    if (cleaned !== undefined) kept.push(cleaned);
  });
  return kept.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Blocks

type Block =
  | { kind: 'blank' }
  | { kind: 'heading'; level: number; line: string }
  | { kind: 'code'; lines: string[] }
  | { kind: 'table'; lines: string[] }
  | { kind: 'item'; lines: string[] }
  | { kind: 'paragraph'; lines: string[] };

const ITEM = /^(\s*)([-*+]|\d+\.)\s+/;
const HEADING = /^(#{1,6})\s/;

function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (line.trim() === '') {
      blocks.push({ kind: 'blank' });
      i++;
    } else if (/^\s*(```|~~~)/.test(line)) {
      const fence = line.trim().slice(0, 3);
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim().startsWith(fence)) j++;
      blocks.push({ kind: 'code', lines: lines.slice(i, j + 1) });
      i = j + 1;
    } else if (HEADING.test(line)) {
      blocks.push({ kind: 'heading', level: HEADING.exec(line)![1]!.length, line });
      i++;
    } else if (isTableLine(line)) {
      let j = i;
      while (j < lines.length && isTableLine(lines[j]!)) j++;
      blocks.push({ kind: 'table', lines: lines.slice(i, j) });
      i = j;
    } else {
      const kind = ITEM.test(line) ? 'item' : 'paragraph';
      let j = i + 1;
      const continues = (l: string) =>
        l.trim() !== '' && !HEADING.test(l) && !isTableLine(l) && !/^\s*(```|~~~)/.test(l) && !ITEM.test(l) && (kind === 'paragraph' || /^\s/.test(l));
      while (j < lines.length && continues(lines[j]!)) j++;
      blocks.push({ kind, lines: lines.slice(i, j) });
      i = j;
    }
  }
  return blocks;
}

/** Rewrites a paragraph or list item; the original lines are kept when nothing changed. */
function publicLines(lines: string[], prefix: string, pages: SeedPage[], capitalizeFirst: boolean): string[] {
  const joined = lines.map((l, k) => (k === 0 ? l.slice(prefix.length) : l.trim())).join(' ');
  const text = publicText(joined, pages, { capitalizeFirst });
  if (text === '') return [];
  return text === joined ? lines : [prefix + text];
}

function publicItem(lines: string[], pages: SeedPage[]): string[] {
  const [first = ''] = lines;
  const marker = ITEM.exec(first)![0];
  const label = /^\*\*([^*]+?):\*\*\s*/.exec(first.slice(marker.length));
  if (!label) return publicLines(lines, marker, pages, true);
  if (DROPPED_LABELS.test(label[1]!.trim())) return [];
  const prefix = marker + label[0];
  const out = publicLines(lines, prefix, pages, false);
  return out.length === 0 ? [] : out;
}

/** The public record: see the rules at the top of this file. */
export function publicRecord(record: string): string {
  const pages = seedPagesOf(record);
  const out: string[] = [];
  const headingAt: { index: number; level: number }[] = [];
  const closeHeadings = (level: number) => {
    // A heading followed by nothing (only blanks) before the next heading of its level or higher is dropped.
    while (headingAt.length > 0 && headingAt.at(-1)!.level >= level) {
      const { index } = headingAt.pop()!;
      if (out.slice(index + 1).every((l) => l.trim() === '')) out.splice(index);
    }
  };
  for (const block of blocksOf(record)) {
    switch (block.kind) {
      case 'blank':
        if (out.length > 0 && out.at(-1) !== '') out.push('');
        break;
      case 'heading': {
        closeHeadings(block.level);
        const line = replacePages(seedWords(publicParentheticals(block.line, pages)), pages, false);
        if (line === undefined || isInternal(line)) break;
        headingAt.push({ index: out.length, level: block.level });
        out.push(line);
        break;
      }
      case 'code':
        out.push(...block.lines);
        break;
      case 'table':
        out.push(...publicTable(block.lines.map(cellsOf), pages));
        break;
      case 'item':
        out.push(...publicItem(block.lines, pages));
        break;
      case 'paragraph':
        out.push(...publicLines(block.lines, '', pages, true));
        break;
    }
  }
  closeHeadings(1);
  while (out.at(-1) === '') out.pop();
  const text = out.join('\n');
  return record.endsWith('\n') ? `${text}\n` : text;
}
