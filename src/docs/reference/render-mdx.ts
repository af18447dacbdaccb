/**
 * A reference page in the docs site's MDX vocabulary (the components of the site the seed pages
 * come from): `<Endpoint method path scope phase stability />`, `<Parameters title rows />`,
 * `<Tabs items>`/`<Tab value>`, `<Response status description>`, `<Callout type>`, headings with
 * `[#anchor]`. Only formats the page model.
 */
import type { FieldRow } from '../schema-text.js';
import { attr, literal, mdxProse } from './mdx-text.js';
import type { ReferencePageModel } from './page-model.js';

const rowLiteral = (row: FieldRow): string =>
  literal({
    name: row.name,
    type: row.type,
    ...(row.required ? { required: true } : {}),
    ...(row.description ? { description: row.description } : {}),
    ...(row.enum ? { enum: row.enum } : {}),
    ...(row.default !== undefined ? { default: typeof row.default === 'string' ? row.default : JSON.stringify(row.default) } : {}),
  });

const parameters = (rows: FieldRow[], title?: string): string =>
  `<Parameters${title ? ` title="${attr(title)}"` : ''}\n  rows="[\n${rows.map((r) => `  ${attr(rowLiteral(r))},`).join('\n')}\n]"\n/>`;

const heading = (text: string, anchor: string) => `## ${text} [#${anchor}]`;

const indent = (text: string, by: string) => text.split('\n').map((l) => (l ? by + l : l)).join('\n');

const cell = (text: string) => mdxProse(text.replace(/\|/g, '\\|'));

export function renderMdx(page: ReferencePageModel): string {
  const out: string[] = [];
  out.push('---', `title: ${JSON.stringify(page.title)}`, `description: ${JSON.stringify(`${page.method} ${page.path}`)}`, '---', '');
  const endpointAttrs = [
    `method="${page.method}"`,
    `path="${attr(page.path)}"`,
    `scope="${attr(page.scope)}"`,
    ...(page.lifecycle.phase !== undefined ? [`phase="${page.lifecycle.phase}"`] : []),
    ...(page.lifecycle.stability ? [`stability="${attr(page.lifecycle.stability)}"`] : []),
    ...(page.lifecycle.idempotent ? ['idempotent'] : []),
  ];
  out.push(`# ${page.method} ${page.path} [#${page.operationId.toLowerCase()}]`, '', `<Endpoint ${endpointAttrs.join(' ')} />`, '');
  out.push(`**${mdxProse(page.summary)}.**`, '', mdxProse(page.description), '');
  if (page.idempotency.length > 0) out.push(heading('Idempotency', 'idempotency'), '', ...page.idempotency.map((p) => `${mdxProse(p)}\n`));
  if (page.pathParameters.length > 0) out.push(heading('Path parameters', 'path-parameters'), '', parameters(page.pathParameters), '');
  if (page.queryParameters.length > 0) out.push(heading('Query parameters', 'query-parameters'), '', parameters(page.queryParameters, 'Query'), '');
  if (page.headerParameters.length > 0) out.push(heading('Headers', 'headers'), '', parameters(page.headerParameters, 'Headers'), '');
  if (page.body) {
    out.push(heading('Body', 'body'), '');
    if (page.body.description) out.push(mdxProse(page.body.description), '');
    out.push(page.body.required ? 'The body is required.' : 'The body is optional.', '', parameters(page.body.rows, 'Body'), '');
  }
  if (page.samples.length > 0) {
    out.push(heading('Request', 'request'), '', `<Tabs items="${attr(literal(page.samples.map((s) => s.label)))}">`);
    for (const s of page.samples) {
      out.push(`  <Tab value="${attr(s.label)}">`, indent(`\`\`\`${s.fence}\n${s.source}\n\`\`\``, '    '), '  </Tab>', '');
    }
    out.push('</Tabs>', '');
  }
  out.push(heading('Responses', 'responses'), '');
  for (const r of page.responses) {
    out.push(`<Response status="${r.status}" description="${attr(r.description)}">`);
    for (const e of r.examples) {
      const title = r.examples.length > 1 ? ` title="${attr(e.summary ?? e.name)}"` : '';
      out.push(indent(`\`\`\`json${title}\n${JSON.stringify(e.value, null, 2)}\n\`\`\``, '  '));
    }
    out.push('</Response>', '');
  }
  if (page.notes.length > 0) out.push(heading('Notes', 'notes'), '', ...page.notes.map((n) => `* ${mdxProse(n)}`), '');
  if (page.errors.length > 0) {
    out.push(heading('Errors', 'errors'), '', '| Code | Status | When |', '| --- | --- | --- |');
    for (const e of page.errors) out.push(`| \`${e.code}\` | ${e.status} | ${cell(e.when)} |`);
    out.push('');
  }
  out.push(heading('See also', 'see-also'), '', ...page.seeAlso.map((l) => `* [${mdxProse(l.title)}](${l.url})`), '');
  return out.join('\n');
}
