/**
 * openapi/ → generated/: Redocly bundles the split source, code samples are added from each
 * operation's examples, and openapi-typescript writes the types. `--check` rebuilds in memory and
 * fails if the committed files differ (the drift gate).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { stringify } from 'yaml';
import { codeSamplesFor } from './lib/code-samples.js';
import { listOperations, type JsonObject } from '../src/contract/openapi-walk.js';
import { bundleJsonPath, bundleYamlPath, generatedDir, redoclyEnv, repoRoot, typesPath } from './lib/paths.js';

function redoclyBundle(): JsonObject {
  const dir = mkdtempSync(join(tmpdir(), 'layers-bundle-'));
  try {
    const out = join(dir, 'openapi.json');
    execFileSync(join(repoRoot, 'node_modules/.bin/redocly'), ['bundle', 'partner@v1', '--output', out], {
      cwd: repoRoot,
      env: redoclyEnv,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return JSON.parse(readFileSync(out, 'utf8')) as JsonObject;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function addCodeSamples(doc: JsonObject): void {
  for (const op of listOperations(doc)) op.operation['x-codeSamples'] = codeSamplesFor(doc, op) as never;
}

/**
 * Type generation flags, chosen on purpose (README "Generated types" explains them):
 * - rootTypes + rootTypesNoSchemaPrefix: `Influencer`, `Job`, ... as top-level aliases.
 * - defaultNonNullable: false, so a request field with a default (`brandVoice`) stays optional.
 * - readWriteMarkers: false: requests and responses are separate schemas, so no field needs them.
 */
async function generateTypes(doc: JsonObject): Promise<string> {
  const ast = await openapiTS(doc as never, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    defaultNonNullable: false,
    readWriteMarkers: false,
    alphabetize: false,
    silent: true,
  });
  const banner = '/**\n * Generated from openapi/ by scripts/build-contract.ts. Do not edit: change the contract and run `npm run build`.\n */\n\n';
  return banner + astToString(ast);
}

export async function buildArtifacts(): Promise<Map<string, string>> {
  const doc = redoclyBundle();
  addCodeSamples(doc);
  return new Map([
    [bundleJsonPath, JSON.stringify(doc, null, 2) + '\n'],
    [bundleYamlPath, stringify(doc, { lineWidth: 0 })],
    [typesPath, await generateTypes(doc)],
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
