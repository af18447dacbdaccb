/**
 * The decision record itself: every entry is complete, names real seed pages, and every entry that
 * says it is pinned by a contract test has one in decisions.test.ts. openapi/DECISIONS.md is the
 * internal record; the bundle publishes its public form (scripts/lib/public-record.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doc } from '../support/contract.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { publicRecord } from '../../scripts/lib/public-record.js';

const record = readFileSync(join(repoRoot, 'openapi/DECISIONS.md'), 'utf8');
const testSource = readFileSync(join(repoRoot, 'tests/decisions/decisions.test.ts'), 'utf8');
const SEEDS = ['000_519f45fd434d0fe1.txt', '001_0cc244012fe2628d.txt', '002_d122157f2967d798.txt', '003_6a7153aa9707b37a.txt', '004_11fcb47ccb23b435.txt'];

interface Entry { id: string; title: string; body: string }
const entries: Entry[] = record.split(/^### /m).slice(1).map((chunk) => {
  const [heading = '', ...rest] = chunk.split('\n');
  const [id = '', title = ''] = heading.split(' · ');
  return { id: id.trim(), title: title.trim(), body: rest.join('\n') };
});

describe('the decision record', () => {
  it('has entries numbered D01.. without gaps', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(entries.map((e) => e.id)).toEqual(entries.map((_, i) => `D${String(i + 1).padStart(2, '0')}`));
  });

  it('lists every seed page by file name', () => {
    for (const seed of SEEDS) expect(record).toContain(seed);
  });

  it.each(entries.map((e) => [`${e.id} ${e.title}`, e] as const))('%s is complete', (_name, entry) => {
    for (const field of ['**Conflict:**', '**Decision', '**Reason:**', '**Pinned by:**']) {
      expect(entry.body, `${entry.id} lacks ${field}`).toContain(field);
    }
    const conflictIsReal = !/\*\*Conflict:\*\* none/.test(entry.body);
    if (conflictIsReal) {
      expect(entry.body, `${entry.id} names no seed page`).toMatch(/`00[0-4]`/);
    }
  });

  it('every entry pinned by a contract test has a describe named after it', () => {
    const pinned = entries.filter((e) => /\*\*Pinned by:\*\* contract test/.test(e.body)).map((e) => e.id);
    expect(pinned.length).toBeGreaterThan(25);
    for (const id of pinned) expect(testSource, `${id} has no describe('${id} ...')`).toMatch(new RegExp(`describe\\('${id} `));
  });

  it('no describe in decisions.test.ts names an entry that does not exist', () => {
    const described = [...testSource.matchAll(/describe\('(D\d\d) /g)].map((m) => m[1]);
    const ids = new Set(entries.map((e) => e.id));
    for (const id of described) expect(ids.has(id ?? ''), `${id} is not in DECISIONS.md`).toBe(true);
  });

  it('is published in the bundled contract as the "Decision record" tag, in its public form', () => {
    const tag = doc.tags?.find((t) => t.name === 'Decision record');
    expect(tag?.description).toBe(publicRecord(record));
    expect(tag?.['x-traitTag']).toBe(true);
    const published = tag?.description ?? '';
    for (const entry of entries) expect(published, `${entry.id} is not published`).toContain(`### ${entry.id} · ${entry.title}\n`);
  });

  it('keeps the internal trail in the repository, not in the published record', () => {
    const published = doc.tags?.find((t) => t.name === 'Decision record')?.description ?? '';
    for (const entry of entries) {
      for (const field of ['**Conflict:**', '**Decision', '**Reason:**', '**Pinned by:**']) expect(entry.body, `${entry.id} lacks ${field}`).toContain(field);
    }
    expect(record).toContain('**Sources:**');
    for (const seed of SEEDS) expect(published).not.toContain(seed);
    expect(published).not.toContain('**Pinned by:**');
    expect(published).not.toContain('**Sources:**');
  });
});
