/**
 * The drift checker: every statement of a prose page (markdown, MDX, or a rendered page's text)
 * that disagrees with the contract, with its line and the contract's answer. One module per kind of
 * statement; this runs them all on a page.
 */
import { loadContract, type Contract } from '../../contract/model.js';
import { checkEndpoints } from './endpoint-check.js';
import { checkEnums } from './enum-check.js';
import type { Finding } from './finding.js';
import { checkHeaders } from './header-check.js';
import { checkJson } from './json-check.js';
import { checkLifecycle } from './lifecycle-check.js';
import { pageContext } from './page-context.js';
import { checkParameters } from './parameters-check.js';
import { checkScopes } from './scope-check.js';
import { readPage } from './source.js';
import { checkStatuses } from './status-check.js';

export type { Finding } from './finding.js';

const CHECKS = [checkEndpoints, checkLifecycle, checkParameters, checkJson, checkEnums, checkHeaders, checkScopes, checkStatuses];

export function checkPage(file: string, text: string, contract: Contract = loadContract()): Finding[] {
  const ctx = pageContext(readPage(file, text), contract);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const check of CHECKS) {
    check(ctx, (line, rule, message) => {
      const key = `${line}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ file, line, rule, message });
    });
  }
  return findings.sort((a, b) => a.line - b.line);
}
