/** Minimal OpenAPI 3.1 shapes used by the build scripts (the generated types describe the API, not the document). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationRef {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operation: JsonObject;
  /** Path-level parameters followed by operation-level ones, $refs resolved. */
  parameters: JsonObject[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves a local `#/...` JSON pointer against the document. */
export function resolvePointer(doc: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local refs are supported, got ${ref}`);
  let node: Json = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) throw new Error(`unresolvable ref ${ref}`);
    node = node[key] as Json;
  }
  return node;
}

export function deref(doc: JsonObject, node: Json): Json {
  let current = node;
  while (isObject(current) && typeof current.$ref === 'string') current = resolvePointer(doc, current.$ref);
  return current;
}

export function listOperations(doc: JsonObject): OperationRef[] {
  const out: OperationRef[] = [];
  const paths = doc.paths;
  if (!isObject(paths)) return out;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const parameters = [...shared, ...own].map((p) => deref(doc, p)).filter(isObject);
      out.push({ path, method, operation, parameters });
    }
  }
  return out;
}
