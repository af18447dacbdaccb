/**
 * The generated reference pages, read back as the docs site would: MDX parsed with remark-mdx, the
 * components' attributes compared with the contract model, the markdown twin and llms.txt checked
 * for the same facts; a changed contract must change the page; the drift checker finds nothing on
 * any generated or concept page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import type { Root, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { colonPath, loadContract, type ContractOperation } from '../../src/contract/model.js';
import type { PathItem } from '../../src/contract/oas.js';
import { checkPage } from '../../src/docs/check/check.js';
import { parseLiteral } from '../../src/docs/check/literal.js';
import { docsFiles } from '../../src/docs/pages.js';
import { referencePageModel } from '../../src/docs/reference/page-model.js';
import { renderMdx } from '../../src/docs/reference/render-mdx.js';
import { fieldRows } from '../../src/docs/schema-text.js';
import { lifecycleOf } from '../../src/docs/reference/lifecycle.js';
import { CONCEPT_SLUGS, referenceUrl } from '../../src/docs/urls.js';
import { filesUnder } from '../../scripts/lib/files.js';
import { repoRoot } from '../../scripts/lib/paths.js';

const contract = loadContract();
const files = new Map(docsFiles(contract).map((f) => [f.path, f.text]));
const mdxOf = (op: ContractOperation) => files.get(`mdx/${referenceUrl(op).replace('/docs/api/', '')}.mdx`)!;
const mdOf = (op: ContractOperation) => files.get(`md/${referenceUrl(op).replace('/docs/api/', '')}.md`)!;

interface Element { name: string; attributes: Record<string, unknown>; children: RootContent[] }

function elements(mdx: string): Element[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).parse(mdx.replace(/^---\n[\s\S]*?\n---\n/, '')) as Root;
  const out: Element[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const attributes = Object.fromEntries(
        (node.attributes as Array<{ type: string; name: string; value: unknown }>).filter((a) => a.type === 'mdxJsxAttribute').map((a) => [a.name, a.value ?? true]),
      );
      out.push({ name: node.name ?? '', attributes, children: node.children as RootContent[] });
    }
    if ('children' in node) for (const c of node.children as RootContent[]) walk(c);
  };
  walk(tree);
  return out;
}

const codeIn = (children: RootContent[]): Array<{ lang?: string | null; value: string }> =>
  children.flatMap((c) => (c.type === 'code' ? [{ lang: c.lang, value: c.value }] : 'children' in c ? codeIn(c.children as RootContent[]) : []));

describe.each(contract.operations.map((op) => [op.operationId, op] as const))('reference page of %s', (_id, op) => {
  const mdx = mdxOf(op);
  const els = elements(mdx);

  it('opens with the <Endpoint> tag the contract describes', () => {
    const endpoint = els.find((e) => e.name === 'Endpoint')!;
    const life = lifecycleOf(op);
    expect(endpoint.attributes).toMatchObject({ method: op.method.toUpperCase(), path: colonPath(op.path), scope: op.scopes[0] });
    expect(endpoint.attributes.phase).toBe(life.phase === undefined ? undefined : String(life.phase));
    expect(endpoint.attributes.stability).toBe(life.stability);
    expect(mdx).toContain(`title: ${JSON.stringify(op.summary)}`);
  });

  it('has <Parameters> rows for every parameter and body field, as the schema says', () => {
    const params = els.filter((e) => e.name === 'Parameters').map((e) => ({ title: e.attributes.title, rows: parseLiteral(String(e.attributes.rows)) as Array<Record<string, unknown>> }));
    const path = params.find((p) => p.title === undefined);
    expect(path?.rows.map((r) => r.name) ?? []).toEqual(op.parameters.path.map((p) => p.name));
    const body = params.find((p) => p.title === 'Body');
    if (!op.requestBody) expect(body).toBeUndefined();
    else {
      const rows = fieldRows(contract.doc, op.requestBody.schema);
      expect(body!.rows.map((r) => r.name)).toEqual(rows.map((r) => r.name));
      for (const [i, row] of rows.entries()) {
        expect(body!.rows[i]!.required ?? false).toBe(row.required);
        expect(body!.rows[i]!.enum).toEqual(row.enum);
        expect(body!.rows[i]!.type).toBe(row.type);
      }
    }
  });

  it('shows the request as <Tabs> with each of the contract\'s samples', () => {
    const tabs = els.find((e) => e.name === 'Tabs')!;
    const labels = op.codeSamples.map((s) => s.label ?? s.lang);
    expect(parseLiteral(String(tabs.attributes.items))).toEqual(labels);
    expect(labels).toEqual(['curl', 'TypeScript', 'Python']);
    const tabEls = els.filter((e) => e.name === 'Tab');
    for (const sample of op.codeSamples) {
      const tab = tabEls.find((t) => t.attributes.value === (sample.label ?? sample.lang))!;
      expect(codeIn(tab.children).map((c) => c.value)).toEqual([sample.source]);
    }
    expect(op.codeSamples.find((s) => s.lang === 'TypeScript')!.source).toContain("from '@layers/partner-api'");
  });

  it('has a <Response> for every documented status, with its examples', () => {
    const responses = els.filter((e) => e.name === 'Response');
    expect(responses.map((r) => Number(r.attributes.status))).toEqual(op.responses.map((r) => r.status));
    for (const [i, r] of op.responses.entries()) {
      expect(codeIn(responses[i]!.children).map((c) => JSON.parse(c.value))).toEqual(r.examples.map((e) => e.value));
    }
  });

  it('lists every error code it answers with, and the markdown twin says the same', () => {
    const model = referencePageModel(contract, op);
    const codes = op.responses.filter((r) => r.status >= 400).flatMap((r) => r.examples.map((e) => (e.value as { error: { code: string } }).error.code));
    expect(model.errors.map((e) => e.code).sort()).toEqual([...new Set(codes)].sort());
    const md = mdOf(op);
    expect(md.startsWith(`# ${op.method.toUpperCase()} ${colonPath(op.path)} (${referenceUrl(op)})`)).toBe(true);
    expect(md).not.toMatch(/<[A-Z][A-Za-z]+[\s/>]/);
    for (const r of op.responses) expect(md).toContain(`### ${r.status}\n`);
    for (const e of model.errors) expect(md).toContain(`| \`${e.code}\` | ${e.status} |`);
    for (const s of op.codeSamples) expect(md).toContain(s.source);
  });
});

describe('llms.txt and the concept pages', () => {
  it('indexes every page by its markdown twin', () => {
    const llms = files.get('llms.txt')!;
    for (const op of contract.operations) expect(llms).toContain(`](${referenceUrl(op)}.md)`);
    for (const slug of CONCEPT_SLUGS) expect(llms).toContain(`](/docs/api/concepts/${slug}.md)`);
    expect(llms.startsWith(`# ${contract.doc.info.title}\n\n> `)).toBe(true);
  });

  it('has concept pages that are valid MDX', () => {
    for (const slug of CONCEPT_SLUGS) expect(() => elements(files.get(`mdx/concepts/${slug}.mdx`)!), slug).not.toThrow();
  });

  it('writes every concept page and its twin, and the README', () => {
    for (const slug of CONCEPT_SLUGS) {
      expect(files.get(`mdx/concepts/${slug}.mdx`)).toBeDefined();
      expect(files.get(`md/concepts/${slug}.md`)).not.toMatch(/<Callout|\[#[\w-]+\]/);
    }
    expect(files.get('README.md')).toContain('View as Markdown');
  });
});

describe('a contract change is a page change', () => {
  it('shows a new enum value, a renamed summary and a new phase in the generated page', () => {
    const doc = structuredClone(contract.doc);
    doc.components!.schemas!.Gender!.enum = [...(doc.components!.schemas!.Gender!.enum ?? []), 'other'];
    const post = (doc.paths['/v1/projects/{projectId}/influencers'] as PathItem).post!;
    post.summary = 'Start an influencer';
    post['x-lifecycle'] = { phase: 2, stability: 'beta' };
    const changed = loadContract(doc);
    const op = changed.operation('createInfluencer');
    const page = renderMdx(referencePageModel(changed, op));
    const body = elements(page).find((e) => e.name === 'Parameters' && e.attributes.title === 'Body')!;
    const gender = (parseLiteral(String(body.attributes.rows)) as Array<{ name: string; enum?: string[] }>).find((r) => r.name === 'gender')!;
    expect(gender.enum).toContain('other');
    expect(page).toContain('title: "Start an influencer"');
    expect(page).toMatch(/<Endpoint [^>]*phase="2" stability="beta"/);
    expect(page).not.toBe(mdxOf(contract.operation('createInfluencer')));
  });
});

describe('the drift checker on the project\'s own pages', () => {
  it('finds nothing on any generated or concept page', () => {
    const generated = [...files].filter(([path]) => /\.mdx?$/.test(path) && path !== 'README.md');
    // And the concept pages as written, which `npm run docs:check` reads beside what it builds.
    const sources = filesUnder(join(repoRoot, 'docs/concepts'), /\.mdx?$/).map((path) => [path, readFileSync(path, 'utf8')] as const);
    expect(sources.length).toBe(CONCEPT_SLUGS.length);
    const findings = [...generated, ...sources].flatMap(([path, text]) => checkPage(path, text, contract));
    expect(findings).toEqual([]);
  });
});
