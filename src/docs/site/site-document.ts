/**
 * The OpenAPI document the HTML site renders: the bundle, plus what a reader of the site needs and
 * a bare contract does not carry: the local servers beside production (the server switcher), an
 * install step for the client package, and the concept pages, each a tag of a "Guides" group (a
 * tag without operations renders as a page of text, as the decision record does). The contract's
 * own operations, schemas and `x-badges` are not changed.
 */
import type { Contract } from '../../contract/model.js';
import type { OpenApiDocument } from '../../contract/oas.js';
import { conceptMarkdown, type ConceptPage } from '../concepts.js';
import { referenceUrl } from '../urls.js';

export interface SiteServer {
  url: string;
  description: string;
}

export interface SiteOptions {
  /** Servers offered beside the contract's own (default: the local sandbox and mock of `npm start`). */
  localServers?: SiteServer[];
}

export const defaultLocalServers = (env: NodeJS.ProcessEnv = process.env): SiteServer[] => [
  { url: `http://127.0.0.1:${env.SANDBOX_PORT ?? 4020}`, description: 'Local sandbox (npm start, npm run sandbox): stateful' },
  { url: `http://127.0.0.1:${env.MOCK_PORT ?? 4010}`, description: 'Local mock (npm start, npm run mock): answers with the examples' },
];

export const INSTALL_TAG = 'Install the client';
export const GUIDES_GROUP = 'Guides';

const tagSlug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Scalar's fragment for a tag (`#tag/<slug>`) and for an operation (`#tag/<slug>/<METHOD><path>`). */
export const tagFragment = (name: string) => `tag/${tagSlug(name)}`;
export const operationFragment = (tag: string, method: string, path: string) => `${tagFragment(tag)}/${method.toUpperCase()}${path}`;

const INSTALL = [
  'The typed TypeScript client is published as `@layers/partner-api` (ESM; Node 20.19 or later, and browsers):',
  '',
  '```sh',
  'npm install @layers/partner-api',
  '```',
  '',
  '```ts',
  "import { LayersClient } from '@layers/partner-api';",
  '',
  'const layers = new LayersClient({ apiKey: process.env.LAYERS_API_KEY! });',
  '```',
  '',
  "Every operation's TypeScript sample uses it; the curl and Python samples need nothing but an HTTP client.",
  'To try requests from this page, pick a server above each request (production, or the local sandbox and mock that `npm start` runs) and enter your key.',
].join('\n');

/** Links between pages of the published site become links inside this one page. */
function localLinks(markdown: string, contract: Contract, concepts: ConceptPage[]): string {
  return markdown.replace(/\]\((\/docs\/api\/[^)#\s]+?)(?:\.md)?(#[\w-]+)?\)/g, (whole, url: string) => {
    const concept = concepts.find((c) => c.url === url);
    if (concept) return `](#${tagFragment(concept.title)})`;
    const op = contract.operations.find((o) => referenceUrl(o) === url);
    if (op) return `](#${operationFragment(op.tags[0]!, op.method, op.path)})`;
    return whole;
  });
}

export function siteDocument(contract: Contract, concepts: ConceptPage[], options: SiteOptions = {}): OpenApiDocument {
  const doc = structuredClone(contract.doc);
  doc.servers = [...(doc.servers ?? []), ...(options.localServers ?? defaultLocalServers())];
  const raw = doc as unknown as Record<string, unknown>;
  const tags = ((raw.tags as Array<{ name: string; description?: string }> | undefined) ?? []).map((t) => ({ ...t }));
  const guideTags: Array<{ name: string; description: string }> = [{ name: INSTALL_TAG, description: INSTALL }];
  for (const c of concepts) {
    const text = localLinks(conceptMarkdown(c).replace(/^# .*\n+/, ''), contract, concepts);
    // A concept page about an operation tag (Influencers, Projects, Jobs) opens that tag's page.
    const same = tags.find((t) => t.name === c.title);
    if (same) same.description = `${text}\n\n${same.description ?? ''}`.trim();
    else guideTags.push({ name: c.title, description: text });
  }
  raw.tags = [...guideTags, ...tags];
  const groups = (raw['x-tagGroups'] as Array<{ name: string; tags: string[] }> | undefined) ?? [];
  raw['x-tagGroups'] = [{ name: GUIDES_GROUP, tags: guideTags.map((t) => t.name) }, ...groups];
  return doc;
}
