/**
 * The plain-markdown twin of a reference page ("View as Markdown", and what llms.txt points at):
 * the same page model as the MDX page, with tables for parameter rows, headed code blocks for the
 * samples and the responses. No components, so any markdown reader (or a model) reads it as is.
 */
import type { FieldRow } from '../schema-text.js';
import type { ReferencePageModel } from './page-model.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(rows: FieldRow[]): string[] {
  const out = ['| Name | Type | Required | Description |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    const extra = [
      ...(r.enum ? [`One of: ${r.enum.map((v) => `\`${v}\``).join(', ')}.`] : []),
      ...(r.default !== undefined ? [`Default: \`${typeof r.default === 'string' ? r.default : JSON.stringify(r.default)}\`.`] : []),
    ];
    out.push(`| \`${r.name}\` | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell([r.description ?? '', ...extra].filter(Boolean).join(' '))} |`);
  }
  return out;
}

export function renderMarkdown(page: ReferencePageModel): string {
  const out: string[] = [`# ${page.method} ${page.path} (${page.url})`, ''];
  const facts = [
    `**${page.summary}.**`,
    `Scope: \`${page.scope}\``,
    ...(page.lifecycle.phase !== undefined ? [`Phase ${page.lifecycle.phase}`] : []),
    ...(page.lifecycle.stability ? [`Stability: ${page.lifecycle.stability}`] : []),
    ...(page.lifecycle.idempotent ? ['Idempotent (`Idempotency-Key`)'] : []),
  ];
  out.push(facts.join(' · '), '', page.description, '');
  if (page.idempotency.length > 0) out.push('## Idempotency', '', ...page.idempotency.map((p) => `${p}\n`));
  if (page.pathParameters.length > 0) out.push('## Path parameters', '', ...table(page.pathParameters), '');
  if (page.queryParameters.length > 0) out.push('## Query parameters', '', ...table(page.queryParameters), '');
  if (page.headerParameters.length > 0) out.push('## Headers', '', ...table(page.headerParameters), '');
  if (page.body) {
    out.push('## Body', '');
    if (page.body.description) out.push(page.body.description, '');
    out.push(page.body.required ? 'The body is required.' : 'The body is optional.', '', ...table(page.body.rows), '');
  }
  if (page.samples.length > 0) {
    out.push('## Request', '');
    for (const s of page.samples) out.push(`### ${s.label}`, '', `\`\`\`${s.fence}`, s.source, '```', '');
  }
  out.push('## Responses', '');
  for (const r of page.responses) {
    out.push(`### ${r.status}`, '', r.description, '');
    for (const e of r.examples) {
      if (r.examples.length > 1) out.push(`${e.summary ?? e.name}:`, '');
      out.push('```json', JSON.stringify(e.value, null, 2), '```', '');
    }
  }
  if (page.notes.length > 0) out.push('## Notes', '', ...page.notes.map((n) => `* ${n}`), '');
  if (page.errors.length > 0) {
    out.push('## Errors', '', '| Code | Status | When |', '| --- | --- | --- |');
    for (const e of page.errors) out.push(`| \`${e.code}\` | ${e.status} | ${cell(e.when)} |`);
    out.push('');
  }
  out.push('## See also', '', ...page.seeAlso.map((l) => `* [${l.title}](${l.url})`), '');
  // Links between pages point at the twins.
  return out.join('\n').replace(/\]\((\/docs\/api\/[^)#\s]+)(#[\w-]+)?\)/g, (_, url: string, hash = '') => `](${url}.md${hash})`);
}
