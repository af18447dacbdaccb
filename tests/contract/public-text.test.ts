/**
 * The bundle is public: it ships in the npm package and renders the docs. No string in it (keys
 * included) may carry the internal trail the repository keeps: seed file names, "Pinned by", test
 * paths, "Sources:" lines, fuzzing remarks (openapi/DECISIONS.md keeps them; scripts/lib/public-record.ts
 * publishes the record without them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleJsonPath } from '../../scripts/lib/paths.js';

const INTERNAL: ReadonlyArray<readonly [string, RegExp]> = [
  ['seed file name', /\b00[0-4]_[0-9a-f]{16}\.txt\b/],
  ['"Pinned by"', /Pinned by/i],
  ['a tests/ path', /tests\//],
  ['"Sources:"', /Sources:/i],
  ['fuzzing', /fuzz/i],
];

interface Found { path: string; what: string; text: string }

/** Every string of the document, keys included, with its JSON path. */
function* stringsOf(value: unknown, path = '$'): Generator<{ path: string; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsOf(item, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield { path: `${path} (key)`, text: key };
      yield* stringsOf(item, `${path}.${key}`);
    }
  }
}

const findings = (doc: unknown): Found[] =>
  [...stringsOf(doc)].flatMap(({ path, text }) =>
    INTERNAL.filter(([, re]) => re.test(text)).map(([what, re]) => {
      const at = re.exec(text)!.index;
      return { path, what, text: text.slice(Math.max(0, at - 40), at + 60) };
    }),
  );

describe('the published bundle', () => {
  const doc: unknown = JSON.parse(readFileSync(bundleJsonPath, 'utf8'));

  it('has no internal notes in any string', () => {
    const found = findings(doc);
    expect(found.map((f) => `${f.path}: ${f.what} in "…${f.text}…"`), 'internal notes in generated/openapi.json').toEqual([]);
  });

  it('has a check that bites', () => {
    const bad = {
      tags: [{ description: 'see `000_519f45fd434d0fe1.txt`. **Pinned by:** contract test' }],
      paths: { '/x': { get: { description: 'covered in tests/fuzz/README.md; **Sources:** `002`. Found by fuzzing.' } } },
    };
    expect(new Set(findings(bad).map((f) => f.what))).toEqual(new Set(INTERNAL.map(([what]) => what)));
    expect(findings(bad).map((f) => f.path)).toContain('$.paths./x.get.description');
  });
});
