/**
 * Where each docs page lives on the site the seed pages come from: reference pages under
 * `/docs/api/reference/<tag>/<slug>`, concept pages under `/docs/api/concepts/<slug>`, each with a
 * markdown twin at the same path plus `.md` ("View as Markdown"). The generator writes these pages
 * and the drift checker resolves links against the same table, so a link is right exactly when a
 * page is written for it.
 */
import type { Contract, ContractOperation } from '../contract/model.js';

export const REFERENCE_BASE = '/docs/api/reference';
export const CONCEPT_BASE = '/docs/api/concepts';

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/\s+/g, '-').toLowerCase();

/** `createInfluencer` in tag `Influencers` → `influencers/create-influencer`. */
export const referenceSlug = (op: ContractOperation): string => `${kebab(op.tags[0] ?? 'api')}/${kebab(op.operationId)}`;

export const referenceUrl = (op: ContractOperation): string => `${REFERENCE_BASE}/${referenceSlug(op)}`;

export const conceptUrl = (slug: string): string => `${CONCEPT_BASE}/${slug}`;

/** The concept pages in docs/concepts/ (file name without `.mdx`), in reading order. */
export const CONCEPT_SLUGS = ['influencers', 'projects', 'jobs', 'authentication', 'errors', 'idempotency', 'pagination', 'migrating'] as const;
export type ConceptSlug = (typeof CONCEPT_SLUGS)[number];

/** Every page URL the docs publish, each also reachable with `.md`. */
export function publishedUrls(contract: Contract): Set<string> {
  const urls = [...contract.operations.map(referenceUrl), ...CONCEPT_SLUGS.map(conceptUrl)];
  return new Set(urls.flatMap((u) => [u, `${u}.md`]));
}
