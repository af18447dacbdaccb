import { isObject } from './lib/shapes.js';

const LEVELS = ['experimental', 'beta', 'stable', 'deprecated'];

/**
 * Every operation says how far along it is, in `x-lifecycle`:
 *  - `phase`: the rollout phase that shipped it, an integer from 1 (the seeds badge "Phase 1");
 *  - `stability`: one of experimental | beta | stable | deprecated;
 *  - no other key, and `stability: deprecated` exactly when the operation is `deprecated: true`,
 *    so the OpenAPI flag and the badge never disagree.
 * Given: an Operation Object.
 * @type {import('@stoplight/spectral-core').RulesetFunction<unknown, null>}
 */
export default function operationLifecycle(operation, _options, { path }) {
  if (!isObject(operation)) return;
  const lifecycle = operation['x-lifecycle'];
  const at = [...path, 'x-lifecycle'];
  if (!isObject(lifecycle)) return [{ message: 'Operations must declare `x-lifecycle` with `phase` and `stability`.', path }];

  /** @type {{ message: string, path: Array<string | number> }[]} */
  const results = [];
  const { phase, stability } = lifecycle;
  if (!Number.isInteger(phase) || phase < 1) results.push({ message: '`x-lifecycle.phase` must be an integer of at least 1.', path: [...at, 'phase'] });
  if (!LEVELS.includes(stability)) results.push({ message: `\`x-lifecycle.stability\` must be one of ${LEVELS.join(', ')}.`, path: [...at, 'stability'] });
  for (const key of Object.keys(lifecycle)) {
    if (key !== 'phase' && key !== 'stability') results.push({ message: `\`x-lifecycle\` has no key \`${key}\` (phase, stability).`, path: [...at, key] });
  }
  if ((stability === 'deprecated') !== (operation.deprecated === true)) {
    results.push({ message: '`x-lifecycle.stability: deprecated` and `deprecated: true` go together.', path: [...at, 'stability'] });
  }
  return results;
}
