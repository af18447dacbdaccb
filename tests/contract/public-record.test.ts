/**
 * The public form of the decision record (scripts/lib/public-record.ts): a fixture entry with every
 * internal marker comes out clean, and the real record keeps every entry's decision and reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { internalMarkersIn, publicRecord, seedPagesOf } from '../../scripts/lib/public-record.js';
import { repoRoot } from '../../scripts/lib/paths.js';

const BAD = `Three pages described widgets and disagreed.

**The pages** (in \`shared/seeds/\`):

| file | what it is | revision |
|---|---|---|
| \`000_519f45fd434d0fe1.txt\` | Widgets concept page (markdown source) | later |
| \`001_0cc244012fe2628d.txt\` | Widgets concept page (rendered) | older |
| \`002_d122157f2967d798.txt\` | \`GET /v1/widgets/:widgetId\` reference (rendered) | older |

**Precedence.** Where the later revision (\`000\`) speaks, it wins. Each entry: the conflict, the
decision, the reason, and what pins it. "Pinned by contract test" means
\`tests/decisions/decisions.test.ts\` has a test named after the entry.

## Widgets

### D01 · A bad entry
- **Conflict:** \`000\` calls it \`a\`; \`001\` and \`002\` call it \`b\` (\`001_0cc244012fe2628d.txt\`, \`shared/seeds/\`). Found by fuzzing the sandbox. Every other field is silent (**designed**).
- **Sources:** \`000\` (schema); \`001\`, \`002\`.
- **Decision (partly designed):** \`a\`, as in \`000_519f45fd434d0fe1.txt\`; the \`000\` enum wins, and \`000\`, \`001\`, \`002\` agree on its length (**designed**). Pinned by tests/decisions/decisions.test.ts.
- **Reason:** \`002\` is older (\`002\`). See \`tests/contract/model.test.ts\`. An unknown page \`007\` says otherwise. The mock agrees; the seed flow must work with what the seeds name.
- **Pinned by:** contract test.

## Internal only

### D02 · Nothing public
- **Sources:** \`000\`.
- **Pinned by:** behaviour (sandbox).
`;

const BAD_PUBLISHED = `Three pages described widgets and disagreed.

**The pages**:

| what it is | revision |
| --- | --- |
| Widgets concept page (markdown source) | later |
| Widgets concept page (rendered) | older |
| \`GET /v1/widgets/:widgetId\` reference (rendered) | older |

**Precedence.** Where the later revision speaks, it wins.

## Widgets

### D01 · A bad entry
- **Conflict:** the later widgets concept page calls it \`a\`; the older pages call it \`b\`. Every other field is silent (designed).
- **Decision (partly designed):** \`a\`, as in the later widgets concept page; the enum of the later widgets concept page wins, and all the pages agree on its length (designed: the pages are silent).
- **Reason:** the older \`GET /v1/widgets/:widgetId\` reference is older. The pages' flow must work with what the pages name.
`;

/** The brief's markers, and the transform's own wider list. */
const MARKERS = [/\b00[0-4]_[0-9a-f]{16}\.txt\b/, /Pinned by/i, /tests\//, /Sources:/i, /fuzz/i, /`0\d\d`/, /\*\*designed\*\*/, /shared\/seeds/];

interface Entry { id: string; title: string; fields: Map<string, string> }
const entriesOf = (markdown: string): Entry[] =>
  markdown.split(/^### /m).slice(1).map((chunk) => {
    const [heading = '', ...rest] = chunk.split('\n');
    const [id = '', title = ''] = heading.split(' · ');
    const fields = new Map<string, string>();
    for (const line of rest) {
      const m = /^- \*\*([^*]+?):\*\* (.*)$/.exec(line);
      if (m) fields.set(m[1]!.replace(/ \(.*\)$/, ''), m[2]!);
    }
    return { id: id.trim(), title: title.trim(), fields };
  });

describe('publicRecord on a fixture with every internal marker', () => {
  const out = publicRecord(BAD);

  it('comes out clean', () => {
    for (const re of MARKERS) expect(out, String(re)).not.toMatch(re);
    expect(internalMarkersIn(out)).toEqual([]);
    expect(out).not.toMatch(/sandbox|mock|seed|pins it/i);
  });

  it('comes out as the expected public text', () => {
    expect(out).toBe(BAD_PUBLISHED);
  });

  it('names the pages from the pages table', () => {
    expect(seedPagesOf(BAD).map((p) => [p.id, p.name])).toEqual([
      ['000', 'the later widgets concept page'],
      ['001', 'the older widgets concept page'],
      ['002', 'the older `GET /v1/widgets/:widgetId` reference'],
    ]);
  });

  it('drops a section left with nothing public, and is stable when applied twice', () => {
    expect(out).not.toContain('D02');
    expect(out).not.toContain('## Internal only');
    expect(publicRecord(out)).toBe(out);
  });

  it('drops a sentence naming a page the table does not list, and keeps a paragraph it does not touch as written', () => {
    const text = 'Line one of a paragraph\nthat wraps.\n\n- **Reason:** `005` says so. It holds.\n';
    expect(publicRecord(text)).toBe('Line one of a paragraph\nthat wraps.\n\n- **Reason:** It holds.\n');
  });
});

describe('publicRecord on openapi/DECISIONS.md', () => {
  const record = readFileSync(join(repoRoot, 'openapi/DECISIONS.md'), 'utf8');
  const published = publicRecord(record);
  const internal = entriesOf(record);
  const pub = entriesOf(published);

  it('is clean', () => {
    for (const re of MARKERS) expect(published, String(re)).not.toMatch(re);
    expect(internalMarkersIn(published)).toEqual([]);
  });

  it('keeps every entry, by id and title, in order', () => {
    expect(pub.map((e) => `${e.id} · ${e.title}`)).toEqual(internal.map((e) => `${e.id} · ${e.title}`));
  });

  it.each(internal.map((e) => [`${e.id} ${e.title}`, e] as const))('%s keeps its conflict, decision and reason, and loses its sources and pins', (_name, entry) => {
    const p = pub.find((e) => e.id === entry.id)!;
    expect([...p.fields.keys()]).toEqual(['Conflict', 'Decision', 'Reason']);
    for (const field of ['Decision', 'Reason']) {
      const before = entry.fields.get(field)!;
      const after = p.fields.get(field)!;
      expect(after.length, `${entry.id} ${field}`).toBeGreaterThan(0);
      // Text with nothing internal in it is published word for word.
      if (internalMarkersIn(before).length === 0 && !/\*\*designed\*\*/.test(before)) expect(after, `${entry.id} ${field}`).toBe(before);
    }
  });

  it('publishes most decisions and reasons word for word', () => {
    const verbatim = internal.filter((e) => {
      const p = pub.find((x) => x.id === e.id)!;
      return p.fields.get('Decision') === e.fields.get('Decision') && p.fields.get('Reason') === e.fields.get('Reason');
    });
    expect(verbatim.length).toBeGreaterThan(internal.length / 2);
  });

  it('names pages in partner terms where the record cites them', () => {
    // D26's reason: "`003` holds where `000` is silent".
    const d26 = pub.find((e) => e.id === 'D26')!;
    expect(d26.fields.get('Reason')).toContain('the older `GET /v1/influencers/:influencerId` reference holds where the later influencers concept page is silent');
    // D38's reason ends with an internal remark that is dropped; the reason itself stays.
    const d38 = internal.find((e) => e.id === 'D38')!;
    expect(pub.find((e) => e.id === 'D38')!.fields.get('Reason')).toBe(d38.fields.get('Reason')!.replace(/ Found by fuzzing the sandbox\.$/, ''));
  });
});
