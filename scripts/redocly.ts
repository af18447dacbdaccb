/** Runs the pinned Redocly CLI with telemetry and the update check off (this project reaches no network). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { redoclyEnv, repoRoot } from './lib/paths.js';

const result = spawnSync(join(repoRoot, 'node_modules/.bin/redocly'), process.argv.slice(2), { stdio: 'inherit', env: redoclyEnv });
process.exit(result.status ?? 1);
