/**
 * `METHOD /path` mentions that name no operation (or a method the path does not have), and links
 * to docs pages (`/docs/api/...`) that these docs do not publish.
 */
import { colonPath } from '../../contract/model.js';
import { publishedUrls } from '../urls.js';
import { isOutside, operationsAt } from './endpoints.js';
import { OUTSIDE_CONTRACT } from './outside.js';
import type { Report } from './finding.js';
import type { PageContext } from './page-context.js';

export function checkEndpoints(ctx: PageContext, report: Report): void {
  const seen = new Set<string>();
  for (const m of ctx.mentions) {
    const line = ctx.page.lineOf(m.offset);
    const key = `${line} ${m.method ?? ''} ${m.path}`;
    if (seen.has(key) || isOutside(m.path)) continue;
    seen.add(key);
    const ops = operationsAt(ctx.contract, m.path);
    const shown = m.writtenPath;
    if (ops.length === 0) {
      const parent = m.path.split('/').slice(0, -1).join('/');
      const near = operationsAt(ctx.contract, parent);
      const hint = near.length > 0 ? ` (under ${colonPath(near[0]!.path)} the contract has ${near.map((o) => o.method.toUpperCase()).join(', ')}${subpaths(ctx, parent)})` : '';
      report(line, 'endpoint', `\`${m.method ? `${m.method} ` : ''}${shown}\` names no operation of the contract${hint}.`);
    } else if (m.method && !ops.some((o) => o.method.toUpperCase() === m.method)) {
      report(line, 'endpoint', `\`${m.method} ${colonPath(ops[0]!.path)}\` is not an operation: that path has ${ops.map((o) => `\`${o.method.toUpperCase()}\``).join(', ')}.`);
    }
  }
  const published = publishedUrls(ctx.contract);
  for (const m of ctx.page.text.matchAll(/\]\((\/docs\/[^)\s#]*)(#[^)\s]*)?\)/g)) {
    const url = m[1]!.replace(/\/$/, '');
    if (published.has(url) || OUTSIDE_CONTRACT.some((o) => url.startsWith(o.linkPrefix))) continue;
    report(ctx.page.lineOf(m.index), 'link', `links to \`${url}\`, which is not a page of these docs (reference pages are ${[...published].filter((u) => u.startsWith('/docs/api/reference/') && !u.endsWith('.md')).slice(0, 3).join(', ')}, ...; concept pages under /docs/api/concepts/).`);
  }
}

function subpaths(ctx: PageContext, parent: string): string {
  const children = ctx.contract.operations.filter((o) => o.path.replace(/\{\w+\}/g, '{}').startsWith(`${parent}/`));
  return children.length > 0 ? `, and ${[...new Set(children.map((o) => `${o.method.toUpperCase()} ${colonPath(o.path)}`))].join(', ')}` : '';
}
