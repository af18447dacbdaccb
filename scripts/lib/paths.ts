import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const generatedDir = join(repoRoot, 'generated');
export const bundleJsonPath = join(generatedDir, 'openapi.json');
export const bundleYamlPath = join(generatedDir, 'openapi.yaml');
export const typesPath = join(generatedDir, 'schema.d.ts');

/** Environment for Redocly CLI: no telemetry, no update check (this project reaches no network). */
export const redoclyEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};
