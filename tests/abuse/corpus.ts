/**
 * The abuse corpus: byte-level requests a hostile or broken client can send, grouped by class,
 * each with the answer the contract promises. `{{KEY}}`, `{{PROJECT}}` and `{{INFLUENCER}}` are
 * filled in per target. Every case is sent to the mock and to the sandbox (tests/abuse/abuse.test.ts).
 */
export interface Expect {
  /** The status, or 'closed' when the only right answer is to drop the connection (the client left). */
  status: number | 'closed';
  code?: string;
  /** A field that must be named in details.fieldErrors. */
  field?: string;
}

export interface AbuseCase {
  name: string;
  class: 'framing' | 'encodings' | 'request targets' | 'methods' | 'header floods' | 'slow clients' | 'nesting' | 'number forms' | 'prototype keys' | 'forged tokens' | 'body size';
  request: string | Buffer;
  pieces?: Array<string | Buffer>;
  gapMs?: number;
  endAfterSend?: boolean;
  expect: Expect;
  /** Where the mock's answer differs (it accepts any key and keeps no state). */
  mock?: Expect;
  /** Only meaningful against the stateful sandbox. */
  sandboxOnly?: boolean;
}

export interface CorpusContext {
  key: string;
  project: string;
  influencer: string;
}

const H = 'Host: 127.0.0.1\r\nAuthorization: Bearer {{KEY}}\r\n';
let fill = (text: string) => text;
const get = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\n${H}${extra}Connection: close\r\n\r\n`;
const withBody = (method: string, target: string, body: string | Buffer, contentType = 'application/json') => {
  const bytes = typeof body === 'string' ? Buffer.from(fill(body), 'utf8') : body;
  return Buffer.concat([Buffer.from(fill(`${method} ${target} HTTP/1.1\r\n${H}Content-Type: ${contentType}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`), 'latin1'), bytes]);
};
const list = (query: string) => get(`/v1/projects/{{PROJECT}}/influencers?${query}`);
const invalid = (field?: string): Expect => ({ status: 422, code: 'VALIDATION', ...(field ? { field } : {}) });
const malformed: Expect = { status: 400, code: 'MALFORMED_REQUEST' };
const notFound: Expect = { status: 404, code: 'NOT_FOUND' };
const unauthenticated: Expect = { status: 401, code: 'UNAUTHENTICATED' };
const unsupported: Expect = { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' };

const nested = (depth: number) => `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** The corpus for one target: placeholders filled in before any Content-Length is computed. */
export function corpus(ctx: CorpusContext): AbuseCase[] {
  fill = (text: string) => text.replaceAll('{{KEY}}', ctx.key).replaceAll('{{PROJECT}}', ctx.project).replaceAll('{{INFLUENCER}}', ctx.influencer);
  const fillAny = (r: string | Buffer) => (typeof r === 'string' ? fill(r) : Buffer.from(fill(r.toString('latin1')), 'latin1'));
  return cases().map((c) => ({ ...c, request: fillAny(c.request), ...(c.pieces ? { pieces: c.pieces.map(fillAny) } : {}) }));
}

const cases = (): AbuseCase[] => [
  // Framing
  { name: 'Content-Length and Transfer-Encoding together (smuggling)', class: 'framing', request: `POST /v1/projects HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, expect: malformed },
  { name: 'two different Content-Length headers', class: 'framing', request: `POST /v1/projects HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, expect: malformed },
  { name: 'bad chunk size', class: 'framing', request: `POST /v1/projects HTTP/1.1\r\n${H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, expect: malformed },
  { name: 'bare LF line endings', class: 'framing', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer {{KEY}}\n\n`, expect: malformed },
  { name: 'HTTP/9.9', class: 'framing', request: `GET /v1/projects/{{PROJECT}} HTTP/9.9\r\n${H}\r\n`, expect: malformed },
  { name: 'missing Host', class: 'framing', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nAuthorization: Bearer {{KEY}}\r\nConnection: close\r\n\r\n`, expect: malformed },
  { name: 'two Host headers', class: 'framing', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\n${H}Host: evil.example\r\nConnection: close\r\n\r\n`, expect: malformed },
  { name: 'raw 0xFF byte in the path', class: 'framing', request: Buffer.concat([Buffer.from('GET /v1/projects/'), Buffer.from([0xff]), Buffer.from(` HTTP/1.1\r\n${H}\r\n`)]), expect: malformed },
  { name: 'control character in a header value', class: 'framing', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\n${H}X-Note: a\x01b\r\n\r\n`, expect: malformed },
  { name: 'body cut off: Content-Length 100, 4 bytes, then the client leaves', class: 'framing', request: `POST /v1/projects HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`, endAfterSend: true, expect: { status: 'closed' } },
  { name: 'chunked body cut off mid-chunk', class: 'framing', request: `POST /v1/projects HTTP/1.1\r\n${H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"name"`, endAfterSend: true, expect: { status: 'closed' } },
  { name: 'headers cut off', class: 'framing', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: 127`, endAfterSend: true, expect: { status: 'closed' } },
  { name: 'garbage instead of a request line', class: 'framing', request: '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n', expect: malformed },

  // Request targets
  { name: 'target //', class: 'request targets', request: get('//'), expect: notFound },
  { name: 'target http://[/v1/jobs/x', class: 'request targets', request: get('http://[/v1/jobs/x'), expect: malformed },
  { name: 'target http://a:b/', class: 'request targets', request: get('http://a:b/'), expect: malformed },
  { name: 'target http://x:99999/', class: 'request targets', request: get('http://x:99999/'), expect: malformed },
  { name: 'target *', class: 'request targets', request: get('*'), expect: notFound },
  { name: 'path with a dot segment', class: 'request targets', request: get('/v1/projects/../jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T'), expect: notFound },
  { name: 'encoded slash inside a path id', class: 'request targets', request: get('/v1/projects/prj_a%2Fb'), expect: invalid('projectId') },
  { name: 'empty path id', class: 'request targets', request: get('/v1/projects/'), expect: invalid('projectId') },
  { name: 'very long path', class: 'request targets', request: get(`/v1/projects/${'a'.repeat(8000)}`), expect: invalid('projectId') },

  // Encodings
  ...['%FF', '%ZZ', '%C0%AF', '%ED%A0%80', '%E9'].map((escape): AbuseCase => ({ name: `path escape ${escape}`, class: 'encodings', request: get(`/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T${escape}`), expect: malformed })),
  ...['%FF', '%C0%AF', '%ED%A0%80', '%E9'].map((escape): AbuseCase => ({ name: `query escape ${escape}`, class: 'encodings', request: list(`cursor=abc${escape}`), expect: invalid('cursor') })),
  { name: 'invalid UTF-8 inside a JSON body', class: 'encodings', request: withBody('POST', '/v1/projects', Buffer.concat([Buffer.from('{"name":"Bad '), Buffer.from([0xff, 0xfe]), Buffer.from(' name"}')])), expect: invalid() },
  { name: 'lone surrogate escape in a JSON string', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":"Bad \\ud800 name"}'), expect: invalid('name') },
  { name: 'charset=utf-16 with a UTF-8 body', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":"Bloom"}', 'application/json; charset=utf-16'), expect: unsupported },
  { name: 'charset=latin1', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":"Bloom"}', 'application/json; charset=latin1'), expect: unsupported },
  { name: 'Content-Type application/json;;; (empty parameters)', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":"x","colour":"red"}', 'application/json;;;'), expect: invalid('colour') },
  { name: 'Content-Type that is not a media type', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":"Bloom"}', '"json"'), expect: unsupported },
  { name: 'text/plain body', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":"Bloom"}', 'text/plain'), expect: unsupported },
  { name: 'two Content-Type headers', class: 'encodings', request: Buffer.from(`POST /v1/projects HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 16\r\nConnection: close\r\n\r\n{"name":"Bloom"}`, 'latin1'), expect: unsupported },
  { name: 'unknown field named in the 422 (real violation, not a canned example)', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":"Bloom","colour":"red"}'), expect: invalid('colour') },
  { name: 'malformed JSON', class: 'encodings', request: withBody('POST', '/v1/projects', '{"name":'), expect: invalid() },
  { name: 'JSON null body', class: 'encodings', request: withBody('DELETE', '/v1/influencers/{{INFLUENCER}}', 'null'), expect: invalid() },
  { name: 'malformed path id names the right field', class: 'encodings', request: get('/v1/projects/abc'), expect: invalid('projectId') },

  // Methods
  ...['TRACE', 'OPTIONS', 'PROPFIND', 'PUT'].map((method): AbuseCase => ({ name: `${method} on an operation's path`, class: 'methods', request: `${method} /v1/projects/{{PROJECT}} HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, expect: notFound })),
  { name: 'HEAD on a GET path', class: 'methods', request: `HEAD /v1/projects/{{PROJECT}} HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, expect: { status: 404 } },
  { name: 'lower-case method', class: 'methods', request: `get /v1/projects/{{PROJECT}} HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, expect: malformed },

  // Header floods
  { name: 'one 100 KB header', class: 'header floods', request: get('/v1/projects/{{PROJECT}}', `X-Big: ${'a'.repeat(100_000)}\r\n`), expect: { status: 431, code: 'HEADERS_TOO_LARGE' } },
  { name: '3,000 headers', class: 'header floods', request: get('/v1/projects/{{PROJECT}}', Array.from({ length: 3000 }, (_, i) => `X-H${i}: v\r\n`).join('')), expect: { status: 431, code: 'HEADERS_TOO_LARGE' } },

  // Slow clients (the test servers run with a 1 s header and 2 s request timeout)
  { name: 'headers one byte at a time, slower than the header timeout', class: 'slow clients', request: '', pieces: [...`GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'s'.repeat(40)}`], gapMs: 50, expect: { status: 408, code: 'REQUEST_TIMEOUT' } },
  { name: 'body slower than the request timeout', class: 'slow clients', request: '', pieces: [`POST /v1/projects HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 40\r\n\r\n`, ...'{"name":"slow"'], gapMs: 250, expect: { status: 408, code: 'REQUEST_TIMEOUT' } },

  // Nesting
  { name: 'JSON body nested 5,000 deep', class: 'nesting', request: withBody('POST', '/v1/projects', nested(5000)), expect: invalid('name') },
  { name: 'JSON body nested 100,000 deep (past the parser)', class: 'nesting', request: withBody('PATCH', '/v1/influencers/{{INFLUENCER}}', `{"name":${'['.repeat(60_000)}`), expect: invalid() },
  { name: 'query key with brackets', class: 'nesting', request: list('limit[a][b]=1'), expect: invalid() },

  // Number forms (limit is an integer 1–100)
  ...['1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '1e400', '0x10', '0b11', '0o7', '+3', '%205', '5%20', '1.0', '1e1', '05', '-0', '1_0', '99999999999999999999'].map(
    (form): AbuseCase => ({ name: `limit=${form}`, class: 'number forms', request: list(`limit=${form}`), expect: invalid('limit') }),
  ),
  { name: 'limit twice', class: 'number forms', request: list('limit=1&limit=2'), expect: invalid('limit') },
  { name: 'empty limit', class: 'number forms', request: list('limit='), expect: invalid('limit') },

  // Prototype keys
  ...['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'].map(
    (key): AbuseCase => ({ name: `query key ${key}`, class: 'prototype keys', request: list(`${key}=1`), expect: invalid(key) }),
  ),
  { name: 'DELETE with ?__proto__=1 deletes nothing', class: 'prototype keys', request: withBody('DELETE', '/v1/influencers/{{INFLUENCER}}?__proto__=1', '{}'), expect: invalid('__proto__') },
  { name: 'body key __proto__', class: 'prototype keys', request: withBody('POST', '/v1/projects', '{"name":"Bloom","__proto__":{"admin":true}}'), expect: invalid('__proto__') },
  { name: 'body key constructor', class: 'prototype keys', request: withBody('PATCH', '/v1/influencers/{{INFLUENCER}}', '{"constructor":{"prototype":{"x":1}}}'), expect: invalid('constructor') },

  // Forged tokens
  { name: 'unknown Bearer key', class: 'forged tokens', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_forged_0000\r\nConnection: close\r\n\r\n`, expect: unauthenticated, mock: { status: 200 } },
  { name: 'empty Bearer', class: 'forged tokens', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \r\nConnection: close\r\n\r\n`, expect: unauthenticated },
  { name: 'Basic scheme', class: 'forged tokens', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic dXNlcjpwYXNz\r\nConnection: close\r\n\r\n`, expect: unauthenticated },
  { name: 'two Authorization headers (the second one valid)', class: 'forged tokens', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_forged\r\nAuthorization: Bearer {{KEY}}\r\nConnection: close\r\n\r\n`, expect: unauthenticated },
  { name: 'Authorization and X-Api-Key disagree', class: 'forged tokens', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {{KEY}}\r\nX-Api-Key: sk_other\r\nConnection: close\r\n\r\n`, expect: unauthenticated },
  { name: 'two X-Api-Key headers', class: 'forged tokens', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: x\r\nX-Api-Key: {{KEY}}\r\nX-Api-Key: {{KEY}}\r\nConnection: close\r\n\r\n`, expect: unauthenticated },
  { name: '8 KB key', class: 'forged tokens', request: `GET /v1/projects/{{PROJECT}} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'k'.repeat(8000)}\r\nConnection: close\r\n\r\n`, expect: unauthenticated, mock: { status: 200 } },
  {
    name: 'forged cursor for this project (valid base64url JSON, no signature)',
    class: 'forged tokens',
    request: list(`cursor=${Buffer.from(fill('{"p":"{{PROJECT}}","s":-5}')).toString('base64url')}`),
    expect: invalid('cursor'),
    sandboxOnly: true,
  },

  // Body size
  { name: '10 MB body', class: 'body size', request: withBody('POST', '/v1/projects', `{"name":"${'a'.repeat(10 * 1024 * 1024)}"}`), expect: invalid() },
  { name: '70 KB body (just over the limit)', class: 'body size', request: withBody('POST', '/v1/projects', `{"name":"${'a'.repeat(70 * 1024)}"}`), expect: invalid() },
];
