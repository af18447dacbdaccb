/**
 * `npm run sandbox`: the stateful sandbox on 127.0.0.1, configured by the environment variables
 * listed in src/sandbox/config.ts (SANDBOX_PORT, DATABASE_URL, SANDBOX_API_KEY, ...). Prints
 * `sandbox listening on <url>` once ready. Ctrl-C (SIGINT) or SIGTERM shuts down cleanly.
 */
import { readSandboxEnv, startSandbox, type RunningSandbox } from '../src/sandbox/index.js';

const { storage, ...options } = readSandboxEnv();
let sandbox: RunningSandbox | undefined;
try {
  sandbox = await startSandbox(options);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`sandbox: port ${options.port} is in use; set SANDBOX_PORT to another port (0 picks a free one), e.g. SANDBOX_PORT=0 npm run sandbox`);
    process.exit(1);
  }
  throw error;
}
if (sandbox.generatedKey) console.log(`created an API key with every scope (shown once, stored hashed): ${sandbox.generatedKey}`);
else if (options.apiKey) console.log('API key: the one in SANDBOX_API_KEY');
console.log(`a new API key: npm run sandbox:key${options.databaseUrl ? '' : ' (with the sandbox stopped: PGlite has one writer)'}; or start with SANDBOX_API_KEY=<a key of yours>`);
console.log(`sandbox listening on ${sandbox.url} (${storage}, jobs: ${process.env.SANDBOX_TIMING ?? 'fast'})`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sandbox?.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
