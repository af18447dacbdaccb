import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export { bundlePath as bundleJsonPath } from '../../src/contract/bundle.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const generatedDir = join(repoRoot, 'generated');
export const bundleYamlPath = join(generatedDir, 'openapi.yaml');
export const typesPath = join(generatedDir, 'schema.d.ts');

/** An installed CLI of this project (node_modules/.bin), so no script depends on PATH or npx. */
export const bin = (name: string): string => join(repoRoot, 'node_modules/.bin', name);

/** Environment for Redocly CLI: no telemetry, no update check (this project reaches no network). */
export const redoclyEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};
