/**
 * `llms.txt` (llmstxt.org): the site's index for language models, a title, a one-line summary and a
 * list of every page's markdown twin with its one-line description.
 */
import type { Contract } from '../contract/model.js';
import type { ConceptPage } from './concepts.js';
import type { ReferencePageModel } from './reference/page-model.js';

const firstSentence = (text: string) => (/^(.*?[.!?])(\s|$)/s.exec(text.replace(/\s+/g, ' ').trim())?.[1] ?? text).trim();

export function llmsTxt(contract: Contract, reference: ReferencePageModel[], concepts: ConceptPage[], origin = ''): string {
  const out = [`# ${contract.doc.info.title}`, '', `> ${firstSentence(contract.doc.info.description ?? '')} Contract version ${contract.version}.`, ''];
  out.push('## Concepts', '');
  for (const c of concepts) out.push(`- [${c.title}](${origin}${c.url}.md)${c.description ? `: ${c.description}` : ''}`);
  out.push('', '## Reference', '');
  for (const p of reference) out.push(`- [${p.title}](${origin}${p.url}.md): \`${p.method} ${p.path}\`. ${firstSentence(p.description)}`);
  out.push('', '## Optional', '', `- [OpenAPI document](${origin}/openapi.json): the contract itself (OpenAPI 3.1).`, '');
  return out.join('\n');
}
