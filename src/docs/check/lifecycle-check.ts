/**
 * The phase, stability and idempotent badge a reference page gives its operation (`<Endpoint phase
 * stability>`, or a rendered page's "Phase 1stableidempotent") against the contract's `x-lifecycle`
 * and its `Idempotency-Key` parameter; and an `<Endpoint>` tag must name an operation.
 */
import { colonPath } from '../../contract/model.js';
import { lifecycleOf } from '../reference/lifecycle.js';
import type { Report } from './finding.js';
import type { PageContext } from './page-context.js';

export function checkLifecycle(ctx: PageContext, report: Report): void {
  const { page, operation } = ctx;
  const endpoint = page.elements.find((e) => e.name === 'Endpoint');
  if (endpoint && !operation) {
    report(page.lineOf(endpoint.offset), 'endpoint', `<Endpoint method="${String(endpoint.attributes.method)}" path="${String(endpoint.attributes.path)}"> names no operation of the contract.`);
    return;
  }
  if (!operation) return;
  const life = lifecycleOf(operation);
  const claims: Array<{ phase?: number; stability?: string; idempotent?: boolean; index: number }> = [];
  if (endpoint) {
    const a = endpoint.attributes;
    claims.push({
      ...(typeof a.phase === 'string' ? { phase: Number(a.phase) } : {}),
      ...(typeof a.stability === 'string' ? { stability: a.stability } : {}),
      ...(a.idempotent !== undefined ? { idempotent: a.idempotent === true || a.idempotent === 'true' } : {}),
      index: endpoint.offset,
    });
  }
  if (page.kind === 'text') {
    for (const m of page.text.matchAll(/Phase\s*(\d+)\s*(stable|beta|experimental|deprecated)?\s*(idempotent)?/g)) {
      claims.push({ phase: Number(m[1]), ...(m[2] ? { stability: m[2] } : {}), ...(m[3] ? { idempotent: true } : {}), index: m.index });
    }
  }
  const name = `\`${operation.method.toUpperCase()} ${colonPath(operation.path)}\``;
  for (const c of claims) {
    const line = page.lineOf(c.index);
    if (c.phase !== undefined && life.phase !== undefined && c.phase !== life.phase) report(line, 'lifecycle', `${name} is phase ${life.phase} in the contract, not ${c.phase}.`);
    if (c.stability && life.stability && c.stability !== life.stability) report(line, 'lifecycle', `${name} is ${life.stability} in the contract, not ${c.stability}.`);
    if (c.idempotent === true && !life.idempotent) report(line, 'lifecycle', `${name} takes no \`Idempotency-Key\`, so it is not badged idempotent.`);
  }
}
