/**
 * The one place the bundled contract is read from disk, and the one place a `$ref` is followed.
 * The bundle is the output of `npm run build`, linted by Redocly and Spectral in the gate, so
 * reading it as an OpenApiDocument is checked there, not here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isJsonObject, isReference, type OpenApiDocument, type Reference } from './oas.js';

export const bundlePath = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));

const cache = new Map<string, OpenApiDocument>();

/** The bundle at `path` (default generated/openapi.json), parsed once per process. */
export function readBundle(path: string = bundlePath): OpenApiDocument {
  let doc = cache.get(path);
  if (!doc) {
    doc = parseBundle(readFileSync(path, 'utf8'));
    cache.set(path, doc);
  }
  return doc;
}

export function parseBundle(text: string): OpenApiDocument {
  const parsed: unknown = JSON.parse(text);
  if (!isJsonObject(parsed) || typeof parsed.openapi !== 'string' || !isJsonObject(parsed.paths) || !isJsonObject(parsed.info)) {
    throw new Error('not an OpenAPI document: expected openapi, info and paths');
  }
  // Shape checked above for the top level; the rest is the linted output of `npm run build`.
  return parsed as unknown as OpenApiDocument;
}

/** Resolves a local `#/...` JSON pointer against the document. */
export function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local refs are supported, got ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isJsonObject(node) || !Object.hasOwn(node, key)) throw new Error(`unresolvable ref ${ref}`);
    node = node[key];
  }
  return node;
}

/** Follows `$ref`s until a non-reference node; `T` is what the specification allows at that place. */
export function deref<T>(doc: OpenApiDocument, node: T | Reference): T {
  let current: unknown = node;
  for (let hops = 0; isReference(current); hops++) {
    if (hops > 32) throw new Error(`ref cycle at ${current.$ref}`);
    current = resolvePointer(doc, current.$ref);
  }
  // A $ref in an OpenAPI slot points at an object allowed in that slot (linted by Redocly).
  return current as T;
}
