/**
 * What one client may cost the server. These are server limits, not contract rules: the contract
 * states field limits; these bound the transport. The README's mock and sandbox sections list them.
 */
export interface HttpLimits {
  /** Largest request body read; larger answers 422 and closes the connection. */
  bodyBytes: number;
  /** Largest header block (Node's maxHeaderSize); larger answers 431. */
  headerBytes: number;
  /** Time to receive the headers; slower answers 408. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included; slower answers 408. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after a response. */
  keepAliveTimeoutMs: number;
  /** How long any connection may stay silent (one that never sends a request, too). */
  idleTimeoutMs: number;
  /** Connections accepted at once; more are refused at accept. */
  maxConnections: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  bodyBytes: 64 * 1024,
  headerBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnections: 256,
};
