/** Which (operation, status) pairs a run exercised, printed as a table at the end of the run. */
import { operations } from '../../support/contract.js';

const seen = new Map<string, Set<string>>();

export function record(operationId: string, status: number): void {
  if (!seen.has(operationId)) seen.set(operationId, new Set());
  seen.get(operationId)!.add(String(status));
}

export function unexercisedOperations(): string[] {
  return operations.map((op) => op.operationId).filter((id) => !seen.get(id)?.size);
}

export function coverageTable(targetName: string): string {
  const statuses = [...new Set(operations.flatMap((op) => op.responses.map((r) => String(r.status))))].sort();
  const width = Math.max(...operations.map((op) => op.operationId.length));
  const lines = [`contract coverage, target ${targetName} (✓ exercised, · documented but not exercised, blank: not documented)`];
  lines.push(`${'operation'.padEnd(width)}  ${statuses.map((s) => s.padStart(3)).join(' ')}`);
  let documented = 0;
  let exercised = 0;
  for (const op of operations) {
    const id = op.operationId;
    const documentedHere = new Set(op.responses.map((r) => String(r.status)));
    const cells = statuses.map((s) => {
      if (!documentedHere.has(s)) return '   ';
      documented += 1;
      if (seen.get(id)?.has(s)) {
        exercised += 1;
        return '  ✓';
      }
      return '  ·';
    });
    lines.push(`${id.padEnd(width)}  ${cells.join(' ')}`);
  }
  lines.push(`${exercised}/${documented} documented (operation, status) pairs exercised`);
  return lines.join('\n');
}
