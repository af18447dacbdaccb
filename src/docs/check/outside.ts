/**
 * Paths and pages the docs site has that this contract deliberately does not describe, so the
 * checker neither reports them as unknown nor validates against them. Each names the decision that
 * puts it outside. Keep this list short: anything else under /v1/ is the contract's to answer for.
 */
export interface Outside {
  /** A path prefix with `{}` for any parameter, e.g. `/v1/projects/{}/content/`. */
  pathPrefix: string;
  /** The reference pages of that surface. */
  linkPrefix: string;
  why: string;
}

export const OUTSIDE_CONTRACT: readonly Outside[] = [
  { pathPrefix: '/v1/projects/{}/content/', linkPrefix: '/docs/api/reference/content/', why: 'content endpoints have their own contract (decision D37)' },
];
