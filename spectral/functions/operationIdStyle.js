/**
 * operationId is lowerCamelCase: one of the allowed verbs, then a PascalCase noun
 * (`getInfluencer`, `listInfluencers`, `cloneInfluencer`).
 * Given: an Operation Object. Options: `{ verbs: string[] }`.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, { verbs: string[] }>}
 */
export default function operationIdStyle(operation, { verbs }, { path }) {
  const id = typeof operation === 'object' && operation !== null ? /** @type {any} */ (operation).operationId : undefined;
  if (typeof id !== 'string') return [{ message: 'Operations must have an operationId.', path }];
  const style = new RegExp(`^(?:${verbs.join('|')})(?:[A-Z][a-z0-9]+)+$`);
  if (style.test(id)) return;
  return [{
    message: `operationId "${id}" must be ${verbs.join('|')} followed by a PascalCase noun (e.g. getInfluencer).`,
    path: [...path, 'operationId'],
  }];
}
