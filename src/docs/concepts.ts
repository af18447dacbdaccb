/**
 * The hand-written concept pages (docs/concepts/<slug>.mdx): read with their front matter, and their
 * plain-markdown twin (components turned into markdown: a `<Callout>` becomes a quote, heading
 * anchors are dropped). They are checked against the contract by `npm run docs:check` in the gate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONCEPT_SLUGS, conceptUrl, type ConceptSlug } from './urls.js';

export const conceptsDir = fileURLToPath(new URL('../../docs/concepts/', import.meta.url));

export interface ConceptPage {
  slug: ConceptSlug;
  file: string;
  url: string;
  title: string;
  description: string;
  mdx: string;
  /** Without the front matter. */
  body: string;
}

function frontMatter(text: string): { fields: Record<string, string>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return { fields: {}, body: text };
  const fields = Object.fromEntries(
    m[1]!.split('\n').flatMap((line) => {
      const kv = /^(\w+):\s*(.*)$/.exec(line);
      if (!kv) return [];
      const raw = kv[2]!.trim();
      return [[kv[1]!, raw.startsWith('"') ? (JSON.parse(raw) as string) : raw]];
    }),
  );
  return { fields, body: text.slice(m[0].length) };
}

export function readConceptPages(dir = conceptsDir): ConceptPage[] {
  return CONCEPT_SLUGS.map((slug) => {
    const file = join(dir, `${slug}.mdx`);
    const mdx = readFileSync(file, 'utf8');
    const { fields, body } = frontMatter(mdx);
    if (!fields.title) throw new Error(`${file}: front matter needs a title`);
    return { slug, file, url: conceptUrl(slug), title: fields.title, description: fields.description ?? '', mdx, body };
  });
}

/** The markdown twin: `# Title (url)`, the body with components made markdown, links to twins. */
export function conceptMarkdown(page: ConceptPage): string {
  const body = page.body
    .replace(/^(#{1,6} .*?) \[#[\w-]+\]$/gm, '$1')
    .replace(/<Callout(?: type="(\w+)")?>\n?([\s\S]*?)\n?<\/Callout>/g, (_, type: string | undefined, inner: string) => {
      const label = type === 'warn' || type === 'warning' ? 'Warning' : 'Note';
      return inner.trim().split('\n').map((l, i) => `> ${i === 0 ? `**${label}:** ` : ''}${l.trim()}`).join('\n');
    })
    .replace(/\]\((\/docs\/api\/[^)#\s]+)(#[\w-]+)?\)/g, (_, url: string, hash = '') => `](${url}.md${hash})`)
    .replace(/\\([{}<])/g, '$1');
  return `# ${page.title} (${page.url})\n\n${page.description ? `${page.description}\n\n` : ''}${body.trimStart()}`;
}
