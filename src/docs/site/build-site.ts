/**
 * The HTML site: one self-contained page (dist/docs/index.html) rendering the site document with
 * Scalar's MIT API reference (@scalar/api-reference, its standalone browser bundle inlined; fetched
 * by pinned version and integrity, not installed: ./scalar-bundle.ts says why).
 *
 * Why Scalar rather than Redoc CE: Redoc CE has no try-it console and drops `lang: TypeScript` from
 * its sample menu; Scalar renders every `x-codeSamples` entry, `x-badges`, a server switcher from
 * `servers`, and a request console that sends real requests to the chosen server. Made offline:
 * no default fonts (they load from a CDN), telemetry off, the agent off, no request proxy (try-it
 * goes straight to the server, which answers CORS: src/http/cors.ts), no link to Scalar's hosted
 * client, an inline favicon. The browser test fails if the page requests anything off loopback.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadContract, type Contract } from '../../contract/model.js';
import { readConceptPages } from '../concepts.js';
import { pinnedFile } from './scalar-bundle.js';
import { siteDocument, type SiteOptions } from './site-document.js';

export interface BuildSiteOptions extends SiteOptions {
  contract?: Contract;
  /** Pre-filled in the try-it console's Bearer field (the browser test's sandbox key); empty by default. */
  bearerToken?: string;
}

/** JSON inside an inline <script>: nothing in it may close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function siteHtml(options: BuildSiteOptions = {}): string {
  const contract = options.contract ?? loadContract();
  const doc = siteDocument(contract, readConceptPages(), options);
  const config = {
    content: doc,
    title: doc.info.title,
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    hideClientButton: true,
    // Only the contract's own samples (x-codeSamples: curl, TypeScript with the published client, Python).
    hiddenClients: true,
    showDeveloperTools: 'never',
    documentDownloadType: 'json',
    favicon: 'data:,',
    defaultOpenAllTags: true,
    orderSchemaPropertiesBy: 'preserve',
    authentication: {
      preferredSecurityScheme: 'bearerAuth',
      securitySchemes: { bearerAuth: { token: options.bearerToken ?? '' } },
    },
  };
  const script = readFileSync(pinnedFile(), 'utf8');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title.replace(/</g, '&lt;')}</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="app"></div>
<script>${script}</script>
<script>Scalar.createApiReference('#app', ${scriptJson(config)});</script>
</body>
</html>
`;
}

/** Writes index.html and openapi.json (the contract as published) into `outDir`; returns index.html's path. */
export function buildSite(outDir: string, options: BuildSiteOptions = {}): string {
  mkdirSync(outDir, { recursive: true });
  const contract = options.contract ?? loadContract();
  writeFileSync(join(outDir, 'openapi.json'), `${JSON.stringify(contract.doc, null, 2)}\n`);
  const file = join(outDir, 'index.html');
  writeFileSync(file, siteHtml({ ...options, contract }));
  return file;
}
