/**
 * Scopes named on a page (`influencers:write`) must exist; the scope a reference page gives its
 * operation (`<Endpoint scope>`, or a rendered page's "Scope" line) must be the operation's own,
 * and "Key lacks `x`" (the `403` row) must name a scope that grants it.
 */
import { list, type Report } from './finding.js';
import type { PageContext } from './page-context.js';

export function checkScopes(ctx: PageContext, report: Report): void {
  const { page, contract, operation } = ctx;
  const declared = Object.keys(contract.scopes);
  for (const m of page.text.matchAll(/(?<![\w/.-])([a-z]+):(read|write|admin|delete)\b/g)) {
    if (!declared.includes(m[0])) report(page.lineOf(m.index), 'scope', `\`${m[0]}\` is not a scope of the contract (${list(declared)}).`);
  }
  if (!operation) return;
  const own = operation.scopes[0];
  const claims: Array<{ scope: string; index: number }> = [];
  const endpoint = page.elements.find((e) => e.name === 'Endpoint');
  if (endpoint && typeof endpoint.attributes.scope === 'string') claims.push({ scope: endpoint.attributes.scope, index: endpoint.offset });
  for (const m of page.text.matchAll(/^[-•\s]*Scope\s*\n[-•\s]*([a-z]+:[a-z]+)\s*$/gm)) claims.push({ scope: m[1]!, index: m.index + m[0].indexOf(m[1]!) });
  for (const c of claims) {
    if (c.scope === own) continue;
    const grants = operation.scopes.includes(c.scope);
    report(page.lineOf(c.index), 'scope', `${operation.operationId}'s scope is \`${own}\`${grants ? `; \`${c.scope}\` also grants it` : ''} (granted by ${list(operation.scopes)}).`);
  }
  for (const m of page.text.matchAll(/[Kk]ey lacks\s+\x60?([a-z]+:[a-z]+)\x60?/g)) {
    const scope = m[1]!;
    if (scope === own && operation.scopes.length === 1) continue;
    if (!operation.scopes.includes(scope)) {
      report(page.lineOf(m.index), 'scope', `\`${scope}\` does not grant ${operation.operationId}; it answers 403 when the key holds none of ${list(operation.scopes)}.`);
    } else if (operation.scopes.length > 1) {
      report(page.lineOf(m.index), 'scope', `a key without \`${scope}\` still passes ${operation.operationId} with ${list(operation.scopes.filter((s) => s !== scope))}; 403 comes only when it holds none of ${list(operation.scopes)}.`);
    }
  }
}
