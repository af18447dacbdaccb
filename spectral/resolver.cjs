'use strict';
/**
 * Spectral $ref resolver for the split source.
 *
 * The contract keeps long prose in Markdown (`description: { $ref: ./info.md }`), a Redocly
 * convention that `redocly bundle` inlines as a string. Spectral's default resolver parses every
 * referenced file as YAML, so a `.md` target yields parser errors and a non-string description.
 * This resolver reads `.md` targets as plain text, so the source lints exactly like the bundle.
 * Only local files are resolved (no http/https readers: the contract has no remote $refs).
 *
 * Use: `npx spectral lint openapi/openapi.yaml --resolver spectral/resolver.cjs`
 */
const { Resolver } = require('@stoplight/spectral-ref-resolver');
const { resolveFile } = require('@stoplight/json-ref-readers');

const isMarkdown = (/** @type {string} */ href) => /\.md$/i.test(href.replace(/[?#].*$/, ''));

class TextAwareResolver extends Resolver {
  /** @type {Resolver['resolve']} */
  resolve(source, opts = {}) {
    const parse = opts.parseResolveResult;
    return super.resolve(source, {
      ...opts,
      parseResolveResult: async resolveOpts => {
        if (isMarkdown(resolveOpts.targetAuthority.href())) {
          resolveOpts.result = String(resolveOpts.result).trimEnd();
          return resolveOpts;
        }
        return parse ? parse(resolveOpts) : resolveOpts;
      },
    });
  }
}

module.exports = new TextAwareResolver({ resolvers: { file: { resolve: resolveFile } } });
