/** Files on disk, for the scripts that read whole trees. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file at or under `path` whose name matches `ext`, in name order (none when `path` does not exist). */
export function filesUnder(path: string, ext: RegExp = /(?:)/): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return ext.test(path) ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name), ext));
}
