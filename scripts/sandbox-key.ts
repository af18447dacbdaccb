/**
 * `npm run sandbox:key`: issues a new sandbox API key with every scope, in the sandbox's org, in
 * the store `npm run sandbox` uses (the same environment: DATABASE_URL, SANDBOX_DATA_DIR), and
 * prints it. Keys are stored hashed, so a lost key cannot be shown again; this makes another.
 * PGlite has one writer: with it, stop the sandbox first (PostgreSQL does not need that).
 */
import { connect } from 'node:net';
import { newApiKey } from '../src/sandbox/auth.js';
import { ALL_SCOPES, DEFAULT_ORG, readSandboxEnv } from '../src/sandbox/index.js';
import { ensureKey } from '../src/sandbox/store/keys.js';
import { migrate } from '../src/sandbox/store/migrations.js';
import { openPglite } from '../src/sandbox/store/pglite.js';
import { openPostgres } from '../src/sandbox/store/postgres.js';

function answering(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 500 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const { storage, databaseUrl, dataDir, port, host } = readSandboxEnv();
if (!databaseUrl && !dataDir) {
  console.error('sandbox:key: SANDBOX_MEMORY=1 keeps keys in the running process only; start it with SANDBOX_API_KEY=<a key of yours> instead.');
  process.exit(1);
}
if (!databaseUrl && port && (await answering(host ?? '127.0.0.1', port))) {
  console.error(`sandbox:key: something answers on ${host}:${port}, likely the sandbox, which holds ${storage}. Stop it (Ctrl-C) and run this again, or restart it with SANDBOX_API_KEY=<a key of yours>.`);
  process.exit(1);
}
const db = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(dataDir);
try {
  await migrate(db);
  const key = newApiKey();
  await ensureKey(db, key, DEFAULT_ORG, ALL_SCOPES, 'npm run sandbox:key');
  console.log(`new sandbox API key (org ${DEFAULT_ORG}, every scope; stored hashed, shown once) in ${storage}:`);
  console.log(key);
} finally {
  await db.close();
}
