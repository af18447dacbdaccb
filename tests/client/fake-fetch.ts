import { LayersClient, type LayersClientOptions } from '../../src/client/index.js';

/** A scripted fetch for client tests that need fake timers (no sockets): each call gets the next answer, and an aborted signal rejects as fetch does. */
export interface FakeCall {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  signal: AbortSignal | undefined;
}

export type Answer = Response | ((call: FakeCall) => Response | Promise<Response>);

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export function fakeFetch(...answers: Answer[]): typeof fetch & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = init?.signal ?? undefined;
    const call = { method: request.method, url: request.url, headers: request.headers, body: await request.text(), signal };
    calls.push(call);
    if (signal?.aborted) throw signal.reason;
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (!answer) throw new Error('fakeFetch needs at least one answer');
    const response = typeof answer === 'function' ? await answer(call) : answer.clone();
    if (signal?.aborted) throw signal.reason;
    return response;
  };
  return Object.assign(fn as typeof fetch, { calls });
}

/** A client whose requests go to `f` (`http://api.test`, a test key); `options` override the rest. */
export const fakeClient = (f: typeof fetch, options: Partial<LayersClientOptions> = {}): LayersClient =>
  new LayersClient({ apiKey: 'sk_test_1', baseUrl: 'http://api.test', fetch: f, ...options });
