/**
 * openapi/ → generated/: Redocly bundles the split source, the decision record is replaced by its
 * public form, code samples are added from each operation's examples, and openapi-typescript writes
 * the types. `--check` rebuilds in memory and fails if the committed files differ (the drift gate).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import openapiTS, { astToString, STRING } from 'openapi-typescript';
import { stringify } from 'yaml';
import { codeSamplesFor } from './lib/code-samples.js';
import { publicRecord } from './lib/public-record.js';
import { readBundle } from '../src/contract/bundle.js';
import { operationsOf } from '../src/contract/model.js';
import type { Badge, OpenApiDocument } from '../src/contract/oas.js';
import { bin, bundleJsonPath, bundleYamlPath, generatedDir, redoclyEnv, repoRoot, typesPath } from './lib/paths.js';

function redoclyBundle(): OpenApiDocument {
  const dir = mkdtempSync(join(tmpdir(), 'layers-bundle-'));
  try {
    const out = join(dir, 'openapi.json');
    execFileSync(bin('redocly'), ['bundle', 'partner@v1', '--output', out], {
      cwd: repoRoot,
      env: redoclyEnv,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return readBundle(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const recordPath = join(repoRoot, 'openapi/DECISIONS.md');

/**
 * openapi/DECISIONS.md is the internal record (seed files, sources, what pins each entry); the
 * bundle, and so the npm package and the docs, carry its public form (scripts/lib/public-record.ts).
 * The tag is found by its description being the record Redocly inlined, whatever the tag is called.
 */
function publishRecord(doc: OpenApiDocument): void {
  const record = readFileSync(recordPath, 'utf8');
  const tags = (doc.tags ?? []).filter((tag) => tag.description === record);
  if (tags.length !== 1) throw new Error(`expected one tag whose description is openapi/DECISIONS.md, found ${tags.length}`);
  tags[0]!.description = publicRecord(record);
}

/** Adds `x-codeSamples` to each operation of the in-memory bundle (`raw` is the document's own object). */
function addCodeSamples(doc: OpenApiDocument): void {
  for (const op of operationsOf(doc)) op.raw['x-codeSamples'] = codeSamplesFor(doc, op);
}

/**
 * Adds `x-badges` (rendered by Redocly and Scalar) from what the contract already says: the
 * operation's `x-lifecycle` and whether it takes an `Idempotency-Key`, the three badges the seeds show.
 */
function addBadges(doc: OpenApiDocument): void {
  for (const op of operationsOf(doc)) {
    const badges: Badge[] = [];
    if (op.lifecycle) badges.push({ name: `Phase ${op.lifecycle.phase}` }, { name: op.lifecycle.stability });
    if (op.idempotent) badges.push({ name: 'idempotent' });
    if (badges.length > 0) op.raw['x-badges'] = badges;
  }
}

/**
 * Type generation flags, chosen on purpose (README "Generated types" explains them):
 * - rootTypes + rootTypesNoSchemaPrefix: `Influencer`, `Job`, ... as top-level aliases.
 * - defaultNonNullable: false, so a request field with a default (`brandVoice`) stays optional.
 * - readWriteMarkers: false: requests and responses are separate schemas, so no field needs them.
 * - transform: an open enumeration (`x-extensible-enum`, D45) is `string`, so a client must handle a
 *   value it does not know; its listed values are exported beside it as `Known<Name>`
 *   (`KnownJobKind`). Not `'a' | (string & {})`: openapi-fetch's `Readable<>` maps `string & {}` as
 *   an object, so response data would stop matching the schema types.
 * Given the bundle's JSON text: openapi-typescript parses it itself, against its own document types.
 */
async function generateTypes(bundleJson: string): Promise<string> {
  const ast = await openapiTS(bundleJson, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    defaultNonNullable: false,
    readWriteMarkers: false,
    alphabetize: false,
    silent: true,
    transform: (schema) => (Array.isArray(schema['x-extensible-enum']) ? STRING : undefined),
  });
  const banner = '/**\n * Generated from openapi/ by scripts/build-contract.ts. Do not edit: change the contract and run `npm run build`.\n */\n\n';
  return banner + astToString(ast) + knownValueTypes(JSON.parse(bundleJson) as OpenApiDocument);
}

/** `export type KnownJobKind = "influencer_create";` for each open enumeration among the schemas. */
function knownValueTypes(doc: OpenApiDocument): string {
  const lines = Object.entries(doc.components?.schemas ?? {}).flatMap(([name, schema]) => {
    const values = schema['x-extensible-enum'];
    if (!Array.isArray(values)) return [];
    return [
      `/** The values \`${name}\` lists in this version; a later version may add others (an open list). */`,
      `export type Known${name} = ${values.map((v) => JSON.stringify(v)).join(' | ')};`,
    ];
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export async function buildArtifacts(): Promise<Map<string, string>> {
  const doc = redoclyBundle();
  publishRecord(doc);
  addCodeSamples(doc);
  addBadges(doc);
  const json = JSON.stringify(doc, null, 2) + '\n';
  return new Map([
    [bundleJsonPath, json],
    [bundleYamlPath, stringify(doc, { lineWidth: 0 })],
    [typesPath, await generateTypes(json)],
  ]);
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const artifacts = await buildArtifacts();
  if (!check) {
    mkdirSync(generatedDir, { recursive: true });
    for (const [file, content] of artifacts) writeFileSync(file, content);
    console.log(`wrote ${[...artifacts.keys()].map((f) => relative(repoRoot, f)).join(', ')}`);
    return;
  }
  const stale = [...artifacts].filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content);
  if (stale.length > 0) {
    for (const [file] of stale) console.error(`stale: ${relative(repoRoot, file)} differs from what openapi/ generates`);
    console.error('Run `npm run build` and commit generated/ with the contract change.');
    process.exit(1);
  }
  console.log(`generated/ is fresh (${artifacts.size} files match openapi/)`);
}

await main();
