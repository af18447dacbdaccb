/** A byte-level HTTP/1.1 client: sends exactly the bytes given (optionally in timed pieces) and reads the first response. */
import net from 'node:net';

export interface RawResponse {
  /** 0 when the server closed without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The connection ended (by either side) before the read finished or right after it. */
  closed: boolean;
}

export interface RawOptions {
  /** Pieces sent one after another with `gapMs` between them (a slow client). */
  pieces?: Array<string | Buffer>;
  gapMs?: number;
  /** End our side after sending (a client that stops mid-request). */
  endAfterSend?: boolean;
  timeoutMs?: number;
}

function parse(data: Buffer, closed: boolean): RawResponse | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return closed ? { status: 0, headers: {}, body: data.toString('latin1'), closed } : undefined;
  const head = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const rest = data.subarray(end + 4);
  const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
  if (length !== undefined) {
    if (rest.length < length) return closed ? { status, headers, body: rest.toString('utf8'), closed } : undefined;
    return { status, headers, body: rest.subarray(0, length).toString('utf8'), closed };
  }
  if (headers['transfer-encoding'] === 'chunked') {
    let body = '';
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return closed ? { status, headers, body, closed } : undefined;
      const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      if (size === 0) return { status, headers, body, closed };
      if (rest.length < lineEnd + 2 + size) return closed ? { status, headers, body, closed } : undefined;
      body += rest.subarray(lineEnd + 2, lineEnd + 2 + size).toString('utf8');
      at = lineEnd + 2 + size + 2;
    }
  }
  return closed ? { status, headers, body: rest.toString('utf8'), closed } : status === 204 || status === 304 ? { status, headers, body: '', closed } : undefined;
}

export function sendRaw(port: number, request: string | Buffer, options: RawOptions = {}): Promise<RawResponse> {
  const pieces = options.pieces ?? [request];
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      const parsed = parse(data, closed);
      if (!parsed) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parsed);
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      resolve({ status: -1, headers: {}, body: 'no answer before the client timeout', closed: false });
    }, options.timeoutMs ?? 10_000);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const [i, piece] of pieces.entries()) {
        if (i > 0 && options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
        if (socket.destroyed) return;
        socket.write(typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece);
      }
      if (options.endAfterSend) socket.end();
    });
  });
}
