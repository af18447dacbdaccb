/**
 * What the mock answers with: the `Prefer` header a partner sends (checked against the contract,
 * so an undocumented status or example name gets a clear 422 listing what can be asked for, not
 * Prism's "No such operation"), and, when it asks for nothing, the example that lets the partner
 * flows end (a job read answers `succeeded`; a page read with a cursor answers the last page).
 */
import { ApiError } from '../contract/errors.js';
import type { Contract, ContractOperation, OperationId } from '../contract/model.js';
import type { ClientRecord } from '../contract/requests.js';

export interface Preference {
  code?: number;
  example?: string;
}

/**
 * The example each operation answers with when the request names none, by rule (README "The
 * mock"): every job has finished, and a cursor always reaches the last page. Without them
 * `waitForJob` would poll a `running` job forever and pagination would never end.
 */
export const DEFAULT_EXAMPLES: Partial<Record<OperationId, (query: ClientRecord) => string>> = {
  getJob: () => 'succeeded',
  listInfluencers: (query) => (query.cursor === undefined ? 'page' : 'last_page'),
};

const listed = (values: Iterable<string | number>) => [...values].join(', ') || '(none)';

const refuse = (message: string, hint: string) => new ApiError('VALIDATION', message, { fieldErrors: { Prefer: [hint] } });

/** The `Prefer` values as one preference; throws VALIDATION (422) for anything the mock cannot honour. */
export function readPreference(op: ContractOperation, values: string[]): Preference {
  const preference: Preference = {};
  for (const token of values.flatMap((v) => v.split(/[,;]/)).map((t) => t.trim()).filter(Boolean)) {
    const eq = token.indexOf('=');
    const name = (eq < 0 ? token : token.slice(0, eq)).trim().toLowerCase();
    const value = (eq < 0 ? '' : token.slice(eq + 1)).trim().replace(/^"|"$/g, '');
    if (name === 'dynamic') {
      if (value.toLowerCase() === 'false') continue;
      throw refuse(
        'Prefer: dynamic=true is not supported by this mock: values generated from the schemas are not realistic (dates, ids). Ask for a documented example with example=<name>, or use the sandbox for live data.',
        'dynamic=true is not supported; use code=<status> and/or example=<name>.',
      );
    }
    if (name === 'code') {
      const statuses = op.responses.map((r) => r.status);
      const code = /^\d{3}$/.test(value) ? Number(value) : NaN;
      if (!statuses.includes(code)) {
        throw refuse(`Prefer: code=${value} is not a status ${op.operationId} documents. Ask for one of: ${listed(statuses)}.`, `Documented statuses: ${listed(statuses)}.`);
      }
      preference.code = code;
    } else if (name === 'example') {
      preference.example = value;
    }
  }
  if (preference.example !== undefined) {
    const status = preference.code ?? op.successStatus;
    const names = op.responses.find((r) => r.status === status)?.examples.map((e) => e.name) ?? [];
    if (!names.includes(preference.example)) {
      throw refuse(
        `Prefer: example=${preference.example} is not an example of ${op.operationId}'s ${status} response. Ask for one of: ${listed(names)}.`,
        `Examples of the ${status} response: ${listed(names)}.`,
      );
    }
  }
  return preference;
}

/** The `Prefer` header to send Prism: the partner's, with the default example filled in when it asked for none of the success response. */
export function preferFor(op: ContractOperation, preference: Preference, query: ClientRecord, raw: string | undefined): string | undefined {
  const rule = DEFAULT_EXAMPLES[op.operationId];
  if (!rule || preference.example !== undefined || (preference.code !== undefined && preference.code !== op.successStatus)) return raw;
  return [raw, `example=${rule(query)}`].filter(Boolean).join(', ');
}

/** Throws unless every default example names an example the contract documents (checked when the mock starts). */
export function checkDefaultExamples(contract: Contract): void {
  for (const [id, rule] of Object.entries(DEFAULT_EXAMPLES)) {
    const op = contract.operation(id as OperationId); // keys of DEFAULT_EXAMPLES are OperationIds
    const names = op.responses.find((r) => r.status === op.successStatus)?.examples.map((e) => e.name) ?? [];
    for (const query of [{}, { cursor: 'x' }]) {
      const name = rule(query);
      if (!names.includes(name)) throw new Error(`mock: the default example ${name} of ${id} is not in the contract (has ${listed(names)})`);
    }
  }
}

/**
 * `Location` of a `201`: the created resource, `<collection path>/<id>`, the id read from the body
 * by the name of the item path's parameter (`/v1/projects` + `{projectId}`).
 */
export function createdLocation(contract: Contract, op: ContractOperation, path: string, body: string): string | undefined {
  const item = contract.operations.find((o) => o.method === 'get' && new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}/\\{(\\w+)\\}$`).test(o.path));
  const param = item && /\{(\w+)\}$/.exec(item.path)?.[1];
  if (!param) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[param] : undefined;
    return typeof id === 'string' ? `${path}/${encodeURIComponent(id)}` : undefined;
  } catch {
    return undefined;
  }
}
