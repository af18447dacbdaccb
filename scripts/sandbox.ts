/**
 * `npm run sandbox`: the stateful sandbox on 127.0.0.1. Configured by environment:
 *   PORT (default 4020; 0 picks a free one)
 *   SANDBOX_DATA_DIR   PGlite data directory (default .sandbox-data/); SANDBOX_MEMORY=1 keeps it in memory
 *   DATABASE_URL       PostgreSQL instead of PGlite
 *   SANDBOX_API_KEY    ensures a key with every scope; without it the first start prints a fresh one
 *   SANDBOX_TIMING     fast (default) | realistic (pending at once, training in ~1 s, ready in ~1 min)
 *                      | <toTrainingMs>,<toDoneMs>
 *   SANDBOX_EXTRA_KEYS JSON [{ "key", "orgId", "scopes": [...] }], for tests (other orgs, fewer scopes)
 * Prints `sandbox listening on <url>` once ready. Ctrl-C (SIGINT) or SIGTERM shuts down cleanly.
 */
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox/index.js';
import { parseTiming } from '../src/sandbox/jobs.js';
import { repoRoot } from './lib/paths.js';

const env = process.env;
const timing = parseTiming(env.SANDBOX_TIMING);
const sandbox = await startSandbox({
  port: Number(env.PORT ?? 4020),
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : env.SANDBOX_MEMORY === '1' ? {} : { dataDir: env.SANDBOX_DATA_DIR ?? join(repoRoot, '.sandbox-data') }),
  ...(env.SANDBOX_API_KEY ? { apiKey: env.SANDBOX_API_KEY } : {}),
  ...(env.SANDBOX_EXTRA_KEYS ? { extraKeys: JSON.parse(env.SANDBOX_EXTRA_KEYS) as [] } : {}),
  timing,
});
const storage = env.DATABASE_URL ? 'PostgreSQL' : env.SANDBOX_MEMORY === '1' ? 'PGlite (memory)' : `PGlite (${env.SANDBOX_DATA_DIR ?? '.sandbox-data'})`;
if (sandbox.generatedKey) console.log(`created an API key with every scope (shown once, stored hashed): ${sandbox.generatedKey}`);
console.log(`sandbox listening on ${sandbox.url} (${storage}, jobs: ${env.SANDBOX_TIMING ?? 'fast'})`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
