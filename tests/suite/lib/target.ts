/**
 * Which server the contract suite checks, from CONTRACT_TARGET:
 *  - `mock` (default): starts the Prism mock itself. Stateless: it answers from examples, and
 *    `Prefer: code=N` selects any documented status.
 *  - `sandbox`: the stateful sandbox. Started here (in memory PGlite, or DATABASE_URL for
 *    PostgreSQL) with a full key, a key without scopes and a key of another org; or, with
 *    LAYERS_BASE_URL and LAYERS_API_KEY, one already running.
 *  - `remote`: any deployment at LAYERS_BASE_URL with LAYERS_API_KEY. Stateful unless
 *    LAYERS_STATELESS=1 (for example-driven servers such as the broken-server fixture).
 * CONTRACT_PROXY=1 routes every request through `prism proxy --errors` in front of the target, so a
 * second validator checks the same traffic.
 */
import { randomBytes } from 'node:crypto';
import { startMock, startPrism } from '../../../src/mock/index.js';
import { ALL_SCOPES, startSandbox } from '../../../src/sandbox/index.js';

export interface Target {
  name: 'mock' | 'sandbox' | 'remote';
  /** Where valid requests go: the proxy when CONTRACT_PROXY=1, else the server itself. */
  baseUrl: string;
  /** The server itself. Deliberately invalid requests go here even in proxy mode, because
   *  `prism proxy --errors` would reject them itself and the server would never see them. */
  directUrl: string;
  apiKey: string;
  /** Remembers what it is told: create-then-read tests run only here. */
  stateful: boolean;
  /** Honours `Prefer: code=N` (Prism): every documented status can be asked for. */
  prefersCodes: boolean;
  /** A key of the same org without any scope, when the target has one. */
  limitedApiKey?: string;
  /** A key of another org, when the target has one. */
  otherOrgApiKey?: string;
  viaProxy: boolean;
  stop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`CONTRACT_TARGET=${process.env.CONTRACT_TARGET} needs ${name}`);
  return value;
}

export async function startTarget(): Promise<Target> {
  const name = (process.env.CONTRACT_TARGET ?? 'mock') as Target['name'];
  const stoppers: Array<() => Promise<void>> = [];
  let baseUrl: string;
  let apiKey = process.env.LAYERS_API_KEY ?? 'sk_test_contract_suite';
  let stateful: boolean;
  let limitedApiKey = process.env.LAYERS_LIMITED_API_KEY;
  let otherOrgApiKey = process.env.LAYERS_OTHER_ORG_API_KEY;
  if (name === 'mock') {
    const mock = await startMock();
    stoppers.push(() => mock.stop());
    baseUrl = mock.url;
    stateful = false;
  } else if (name === 'sandbox' && !process.env.LAYERS_BASE_URL) {
    const key = (label: string) => `sk_test_${label}_${randomBytes(8).toString('hex')}`;
    apiKey = key('full');
    limitedApiKey = key('limited');
    otherOrgApiKey = key('other');
    const sandbox = await startSandbox({
      ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
      apiKey,
      extraKeys: [
        { key: limitedApiKey, orgId: 'org_sandbox', scopes: [] },
        { key: otherOrgApiKey, orgId: 'org_other', scopes: ALL_SCOPES },
      ],
      log: () => {},
    });
    stoppers.push(() => sandbox.close());
    baseUrl = sandbox.url;
    stateful = true;
  } else if (name === 'sandbox' || name === 'remote') {
    baseUrl = required('LAYERS_BASE_URL').replace(/\/$/, '');
    apiKey = required('LAYERS_API_KEY');
    stateful = process.env.LAYERS_STATELESS !== '1';
  } else {
    throw new Error(`unknown CONTRACT_TARGET "${String(name)}" (mock, sandbox or remote)`);
  }
  const directUrl = baseUrl;
  const viaProxy = process.env.CONTRACT_PROXY === '1';
  if (viaProxy) {
    const proxy = await startPrism({ mode: 'proxy', upstream: baseUrl });
    stoppers.unshift(() => proxy.stop());
    baseUrl = proxy.url;
  }
  return {
    name,
    baseUrl,
    directUrl,
    apiKey,
    stateful,
    prefersCodes: !stateful,
    ...(limitedApiKey ? { limitedApiKey } : {}),
    ...(otherOrgApiKey ? { otherOrgApiKey } : {}),
    viaProxy,
    async stop() {
      for (const stop of stoppers) await stop();
    },
  };
}
