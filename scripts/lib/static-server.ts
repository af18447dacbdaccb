import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.png': 'image/png',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.md': 'text/markdown; charset=utf-8',
  '.mdx': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves one directory read-only over loopback; `/` is index.html. Extension-less paths that are
 * not files also get index.html: the docs site (Scalar) routes client-side, so a
 * reload or a shared link must land on the app. Resolves once listening.
 */
export function serveDirectory(root: string, port: number, host = '127.0.0.1'): Promise<Server> {
  const base = normalize(root + sep);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(base, relative));
    if (!file.startsWith(base) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    const candidates = extname(file) === '' ? [file, join(base, 'index.html')] : [file];
    for (const candidate of candidates) {
      try {
        const body = await readFile(candidate);
        res.writeHead(200, { 'content-type': TYPES[extname(candidate)] ?? 'application/octet-stream', 'content-length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      } catch {
        // try the next candidate
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
