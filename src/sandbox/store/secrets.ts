/** The sandbox_secrets table: random secrets made once per database. */
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

/** The secret called `name`, created on first use; concurrent first uses agree on one value. */
export async function secret(db: Db, name: string, bytes = 32): Promise<Buffer> {
  await db.query('INSERT INTO sandbox_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(bytes)]);
  const [row] = await db.query<{ value: Uint8Array }>('SELECT value FROM sandbox_secrets WHERE name = $1', [name]);
  if (!row) throw new Error(`secret ${name} was not stored`);
  return Buffer.from(row.value);
}
