/** Runs the pinned Redocly CLI with telemetry and the update check off (this project reaches no network). */
import { spawnSync } from 'node:child_process';
import { bin, redoclyEnv } from './lib/paths.js';

const result = spawnSync(bin('redocly'), process.argv.slice(2), { stdio: 'inherit', env: redoclyEnv });
process.exit(result.status ?? 1);
