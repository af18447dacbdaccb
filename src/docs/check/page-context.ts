/**
 * What a statement on a page is about: the page's own operation (its `<Endpoint>` tag, or the
 * `METHOD /path` of its title), and for a position, the nearest operation and status code written
 * before it in the same section.
 */
import type { Contract, ContractOperation } from '../../contract/model.js';
import { endpointMentions, normalizePath, operationOf, type EndpointMention } from './endpoints.js';
import { headingBefore, type Page } from './source.js';

export interface PageContext {
  page: Page;
  contract: Contract;
  mentions: EndpointMention[];
  /** The operation the whole page documents, if it is a reference page. */
  operation?: ContractOperation;
}

export function pageContext(page: Page, contract: Contract): PageContext {
  const mentions = endpointMentions(page.text);
  const endpoint = page.elements.find((e) => e.name === 'Endpoint');
  let operation: ContractOperation | undefined;
  if (endpoint && typeof endpoint.attributes.method === 'string' && typeof endpoint.attributes.path === 'string') {
    operation = operationOf(contract, { offset: endpoint.offset, method: endpoint.attributes.method.toUpperCase(), path: normalizePath(endpoint.attributes.path), writtenPath: endpoint.attributes.path, written: '' });
  }
  if (!operation) {
    // A reference page's title: a `METHOD /path` within its first three non-empty lines.
    const head = page.text.split('\n').filter((l) => l.trim()).slice(0, 3).join('\n');
    const first = mentions.find((m) => m.method && m.offset < page.text.indexOf(head) + head.length + 1 && page.text.slice(0, m.offset).split('\n').filter((l) => l.trim()).length < 3);
    if (first) operation = operationOf(contract, first);
  }
  return { page, contract, mentions, ...(operation ? { operation } : {}) };
}

/** Statuses a page may write: every status the contract documents for some operation. */
const statusPattern = /(?<![\w.\-–/])([2-5]\d\d)(?!\d|\s*(?:ms|characters|chars|seconds|items|bytes)\b)/g;

export function statusesIn(contract: Contract, text: string): Array<{ status: number; index: number }> {
  const documented = new Set(contract.operations.flatMap((op) => op.responses.map((r) => r.status)));
  const out: Array<{ status: number; index: number }> = [];
  for (const m of text.matchAll(statusPattern)) if (documented.has(Number(m[1]))) out.push({ status: Number(m[1]), index: m.index });
  return out;
}

export interface Around {
  operation?: ContractOperation;
  /** The last `METHOD /path` before the position names no operation: what follows is about something else. */
  unknownEndpoint?: boolean;
  /** The nearest status written before the position in its window, if any. */
  status?: number;
  /** The text between the window's start and the position. */
  window: string;
}

/**
 * The window of a position: from the later of the previous JSON snippet's end and the current
 * heading, to the position. The operation is the last one mentioned in the window, else the
 * page's own, else the last one mentioned in the same section.
 */
export function around(ctx: PageContext, offset: number, windowStart: number): Around {
  const heading = headingBefore(ctx.page, offset);
  const start = Math.max(windowStart, heading?.offset ?? 0);
  const window = ctx.page.text.slice(start, offset);
  const inWindow = ctx.mentions.filter((m) => m.offset >= start && m.offset < offset && m.method);
  const sectionStart = heading?.offset ?? 0;
  const inSection = ctx.mentions.filter((m) => m.offset >= sectionStart && m.offset < offset && m.method);
  const last = inWindow.at(-1);
  if (last && !operationOf(ctx.contract, last)) return { unknownEndpoint: true, window };
  const named = last ? operationOf(ctx.contract, last) : undefined;
  const operation = named ?? ctx.operation ?? [...inSection].reverse().map((m) => operationOf(ctx.contract, m)).find(Boolean);
  const responseTag = ctx.page.elements.filter((e) => e.name === 'Response' && e.offset <= offset && e.end > offset).at(-1);
  const statuses = statusesIn(ctx.contract, window);
  const status = responseTag && typeof responseTag.attributes.status === 'string' ? Number(responseTag.attributes.status) : statuses.at(-1)?.status;
  return { ...(operation ? { operation } : {}), ...(status !== undefined ? { status } : {}), window };
}
