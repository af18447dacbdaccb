import { isObject } from './lib/shapes.js';

/**
 * Scope-based authorization on every operation:
 *  - `security` is present and non-empty;
 *  - each requirement names exactly one scheme, defined in `components.securitySchemes`,
 *    with exactly one scope, and that scope is a key of the root `x-scopes` map;
 *  - the operation offers every scheme in `options.schemes` (bearer and API-key header), each
 *    with the same set of scopes (alternatives: any one scope grants the operation), and no other scheme.
 * Given: an Operation Object. Options: `{ schemes: string[] }`.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, { schemes: string[] }>}
 */
export default function operationScopes(operation, { schemes }, { path, documentInventory }) {
  if (!isObject(operation)) return;
  const root = isObject(documentInventory.resolved) ? documentInventory.resolved : {};
  const scopes = isObject(root['x-scopes']) ? root['x-scopes'] : {};
  const defined = isObject(root.components) && isObject(root.components.securitySchemes) ? root.components.securitySchemes : {};
  const security = operation.security;
  if (!Array.isArray(security) || security.length === 0) {
    return [{ message: 'Operations must declare a non-empty `security` with their scope.', path }];
  }

  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  /** @type {Map<string, Set<string>>} scheme -> scopes */
  const offered = new Map();
  security.forEach((requirement, i) => {
    const at = [...path, 'security', i];
    const names = isObject(requirement) ? Object.keys(requirement) : [];
    if (names.length !== 1) {
      results.push({ message: 'Each security requirement must name exactly one scheme (alternatives go in separate entries).', path: at });
      return;
    }
    const scheme = names[0];
    const list = /** @type {Record<string, unknown>} */ (requirement)[scheme];
    if (!(scheme in defined)) results.push({ message: `Security scheme "${scheme}" is not defined in components.securitySchemes.`, path: [...at, scheme] });
    if (!schemes.includes(scheme)) results.push({ message: `Security scheme "${scheme}" is not one of ${schemes.join(', ')}.`, path: [...at, scheme] });
    if (!Array.isArray(list) || list.length !== 1) {
      results.push({ message: `"${scheme}" must list exactly one scope.`, path: [...at, scheme] });
      return;
    }
    const scope = String(list[0]);
    if (!(scope in scopes)) results.push({ message: `Scope "${scope}" is not declared in the root \`x-scopes\` map.`, path: [...at, scheme, 0] });
    if (!offered.has(scheme)) offered.set(scheme, new Set());
    offered.get(scheme)?.add(scope);
  });

  const missing = schemes.filter(s => !offered.has(s));
  if (missing.length > 0) {
    results.push({ message: `Operations must offer ${schemes.join(' and ')}; missing ${missing.join(', ')}.`, path: [...path, 'security'] });
  }
  const sets = [...offered].map(([scheme, set]) => [scheme, [...set].sort().join(' | ')]);
  if (new Set(sets.map(([, set]) => set)).size > 1) {
    results.push({ message: `Every scheme must accept the same scopes; got ${sets.map(([s, c]) => `${s}: ${c}`).join(', ')}.`, path: [...path, 'security'] });
  }
  return results;
}
