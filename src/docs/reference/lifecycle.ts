/**
 * What an operation's `<Endpoint>` tag and badges say about it: `phase` and `stability` from the
 * contract's `x-lifecycle` (read defensively: absent means the attribute is left out, never
 * invented), and `idempotent` where the operation takes an `Idempotency-Key` (D44: the contract
 * does not restate it; the bundle's `x-badges` derive it the same way).
 */
import type { ContractOperation } from '../../contract/model.js';

export interface Lifecycle {
  phase?: number;
  stability?: string;
  idempotent?: boolean;
}

export function lifecycleOf(op: ContractOperation): Lifecycle {
  const raw: unknown = op.lifecycle ?? op.raw['x-lifecycle'];
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const keyed = op.parameters.header.some((p) => p.name.toLowerCase() === 'idempotency-key');
  return {
    ...(typeof r.phase === 'number' ? { phase: r.phase } : {}),
    ...(typeof r.stability === 'string' ? { stability: r.stability } : {}),
    ...(keyed ? { idempotent: true } : {}),
  };
}
