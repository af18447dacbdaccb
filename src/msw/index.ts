/**
 * `@layers/partner-api/msw`: a test double of the Layers Partner API for partners' own tests, as
 * MSW request handlers (`setupServer(...createHandlers())` in Node, `setupWorker` in a browser).
 * Stateful in memory per call of `createHandlers`: a created influencer can be read, listed,
 * patched, cloned and deleted; jobs finish; requests are validated against the contract and
 * errors answer in its envelope.
 */
import type { HttpHandler } from 'msw';
import { createContractHandlers } from './handlers.js';

export interface CreateHandlersOptions {
  /** Where the client sends requests. Default `https://api.layers.com`. */
  baseUrl?: string;
  /** Accept only this key (as `Authorization: Bearer` or `X-Api-Key`); by default any well-formed key passes. */
  apiKey?: string;
  /** How long a job runs before a read sees it finished. Default 0: the first poll sees it done. */
  jobDurationMs?: number;
}

/** MSW handlers for every operation, sharing one in-memory store. */
export function createHandlers(options?: CreateHandlersOptions): HttpHandler[] {
  return createContractHandlers(options);
}
