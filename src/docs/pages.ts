/**
 * Every generated docs page as files: the MDX reference pages, their markdown twins, the concept
 * pages (MDX as written, markdown twins derived), llms.txt and the README for whoever consumes them.
 * Paths are relative to the output directory (dist/docs/).
 */
import { loadContract, type Contract } from '../contract/model.js';
import { conceptMarkdown, readConceptPages } from './concepts.js';
import { llmsTxt } from './llms.js';
import { referencePageModel, type ReferencePageModel } from './reference/page-model.js';
import { renderMarkdown } from './reference/render-markdown.js';
import { renderMdx } from './reference/render-mdx.js';
import { REFERENCE_BASE } from './urls.js';

export interface DocsFile {
  path: string;
  text: string;
}

const relative = (url: string) => url.replace(/^\/docs\/api\//, '');

export function referenceModels(contract: Contract = loadContract()): ReferencePageModel[] {
  return contract.operations.map((op) => referencePageModel(contract, op));
}

export function docsFiles(contract: Contract = loadContract()): DocsFile[] {
  const reference = referenceModels(contract);
  const concepts = readConceptPages();
  return [
    ...reference.flatMap((p) => [
      { path: `mdx/${relative(p.url)}.mdx`, text: renderMdx(p) },
      { path: `md/${relative(p.url)}.md`, text: renderMarkdown(p) },
    ]),
    ...concepts.flatMap((c) => [
      { path: `mdx/${relative(c.url)}.mdx`, text: c.mdx },
      { path: `md/${relative(c.url)}.md`, text: conceptMarkdown(c) },
    ]),
    { path: 'llms.txt', text: llmsTxt(contract, reference, concepts) },
    { path: 'README.md', text: readme(contract, reference.length, concepts.length) },
  ];
}

function readme(contract: Contract, references: number, concepts: number): string {
  return `# Layers Partner API docs (generated, contract ${contract.version})

Written by \`npm run docs\` from the contract (\`generated/openapi.json\`, through \`src/contract\`) and
the concept pages in \`docs/concepts/\`. Do not edit these files; change the contract or the concept
pages and run \`npm run docs\` again.

| path | what |
|---|---|
| \`index.html\` | the self-contained HTML reference (Scalar): every operation, curl/TypeScript/Python samples, server switcher (production, local sandbox, local mock), try-it, the concept pages and the decision record |
| \`mdx/reference/<tag>/<operation>.mdx\` | ${references} reference pages in the site's MDX components (\`<Endpoint>\`, \`<Parameters>\`, \`<Tabs>\`/\`<Tab>\`, \`<Response>\`, \`<Callout>\`) |
| \`mdx/concepts/<slug>.mdx\` | ${concepts} concept pages, as written in \`docs/concepts/\` |
| \`md/...\` | the plain-markdown twin of every page ("View as Markdown") |
| \`llms.txt\` | the index of the markdown twins for language models (llmstxt.org) |
| \`openapi.json\` | the contract the pages were generated from |

## Consuming it from the docs site

- Page \`mdx/<section>/<path>.mdx\` is served at \`/docs/api/<section>/<path>\` (reference pages under
  \`${REFERENCE_BASE}/\`); its twin \`md/<section>/<path>.md\` at the same URL plus \`.md\`, which is
  where "View as Markdown" and \`llms.txt\` point. Copy \`mdx/\` into the site's content tree and
  \`md/\` + \`llms.txt\` into its static files.
- The MDX uses the site's components only; each page has front matter \`title\` and \`description\`.
  Attribute strings (\`rows="[...]"\`, \`items="[...]"\`) are JavaScript literals, as on the existing pages.
- A hand-written page is checked before it ships: \`npm run docs:check -- FILE...\` reports every
  statement that disagrees with the contract (\`--json\` for a machine-readable list).
`;
}
