/** Header reading that sees every occurrence: Node keeps only the first Authorization or Content-Type. */
import type { IncomingMessage } from 'node:http';

/** Every value of header `name` (lower-case) in the order sent. */
export function headerValues(request: IncomingMessage, name: string): string[] {
  const raw = request.rawHeaders;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) out.push(raw[i + 1]!);
  return out;
}
