/**
 * A page as the checks read it: its text (front matter blanked, so line numbers stay those of the
 * file), its kind, offset → line, and the places code sits (fenced blocks), from remark's parse of
 * markdown or MDX. A rendered page's exported text (the older pages: no markdown, JSON without
 * fences) is kind `text`: no fences, every check runs on the raw text.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import type { Root, RootContent } from 'mdast';

export type PageKind = 'mdx' | 'markdown' | 'text';

export interface MdxElement {
  name: string;
  attributes: Record<string, string | true>;
  offset: number;
  end: number;
}

export interface Heading {
  text: string;
  offset: number;
}

export interface Page {
  file: string;
  text: string;
  kind: PageKind;
  lineOf(offset: number): number;
  /** [start, end) of each fenced code block (the fence lines included). */
  fences: Array<[number, number]>;
  /** MDX elements (`<Endpoint>`, `<Parameters>`, `<Response>`, ...), flow and inline. */
  elements: MdxElement[];
  headings: Heading[];
}

const blankFrontMatter = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, (m) => m.replace(/[^\n]/g, ' '));

/** Markdown if the text has markdown structure (an ATX heading or a fence), else a rendered page's text. */
function kindOf(file: string, text: string): PageKind {
  if (/\.mdx$/i.test(file)) return 'mdx';
  const markdownish = /^#{1,6} \S/m.test(text) || /^\s*```/m.test(text);
  if (!markdownish) return 'text';
  return /^\s*<[A-Z][A-Za-z]*[\s/>]/m.test(text) ? 'mdx' : 'markdown';
}

function parse(text: string, kind: PageKind): Root | undefined {
  if (kind === 'text') return undefined;
  const base = unified().use(remarkParse).use(remarkGfm);
  if (kind === 'mdx') {
    try {
      return base.use(remarkMdx).parse(text) as Root;
    } catch {
      // Not valid MDX (a page exported with component tags but stray braces): read it as markdown.
    }
  }
  return unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
}

interface MdxAttr { type: string; name?: string; value?: unknown }

function walk(node: Root | RootContent, visit: (n: RootContent) => void): void {
  if (node.type !== 'root') visit(node);
  if ('children' in node) for (const child of node.children as RootContent[]) walk(child, visit);
}

const plainText = (node: RootContent): string =>
  'value' in node && typeof node.value === 'string' ? node.value : 'children' in node ? (node.children as RootContent[]).map(plainText).join('') : '';

export function readPage(file: string, raw: string): Page {
  const text = blankFrontMatter(raw.replace(/\r\n?/g, '\n'));
  const kind = kindOf(file, text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const fences: Array<[number, number]> = [];
  const elements: MdxElement[] = [];
  const headings: Heading[] = [];
  const tree = parse(text, kind);
  if (tree) {
    walk(tree, (node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      if (node.type === 'code') fences.push([start, end]);
      else if (node.type === 'heading') headings.push({ text: plainText(node).replace(/\s*\[#[\w-]+\]\s*$/, ''), offset: start });
      else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const attributes: Record<string, string | true> = {};
        for (const a of node.attributes as MdxAttr[]) {
          if (a.type !== 'mdxJsxAttribute' || !a.name) continue;
          attributes[a.name] = typeof a.value === 'string' ? a.value : a.value === null || a.value === undefined ? true : String((a.value as { value?: unknown }).value ?? '');
        }
        elements.push({ name: node.name ?? '', attributes, offset: start, end });
      }
    });
  } else {
    // A rendered page: a line that is a known section name is a heading.
    const re = /^(Path parameters|Query parameters|Body|Request|Responses|Errors|Notes|Field semantics|See also|Schema|Cloning|Lifecycle)\s*$/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) headings.push({ text: m[1]!, offset: m.index });
  }
  return { file, text, kind, lineOf, fences, elements, headings };
}

export const inFence = (page: Page, offset: number) => page.fences.some(([s, e]) => offset >= s && offset < e);

/** The heading a position falls under (the last one before it). */
export const headingBefore = (page: Page, offset: number): Heading | undefined => page.headings.filter((h) => h.offset <= offset).at(-1);
