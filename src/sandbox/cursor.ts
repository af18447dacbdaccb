/**
 * Pagination cursors: opaque and unforgeable. A cursor names its project and the last row it
 * returned, signed with HMAC-SHA-256 under a secret kept in the database (so every process on one
 * PostgreSQL, and a restarted sandbox, accept each other's cursors). Anything else, including a
 * well-formed cursor of another project, answers 422 as the contract says.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../contract/errors.js';

const SIGNATURE_BYTES = 16;
/** base64url of SIGNATURE_BYTES, unpadded: the cursor's last characters (the Cursor pattern allows no separator). */
const SIGNATURE_CHARS = Math.ceil((SIGNATURE_BYTES * 4) / 3);

export interface CursorCodec {
  encode(projectId: string, seq: number): string;
  /** The row position the cursor continues after; throws VALIDATION for any cursor this sandbox did not issue for `projectId`. */
  decode(cursor: string, projectId: string): number;
}

const unknownCursor = () =>
  new ApiError('VALIDATION', 'Invalid query.', { fieldErrors: { cursor: ['Unknown cursor: pass back a nextCursor this project returned.'] } });

export function createCursorCodec(secret: Buffer): CursorCodec {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  return {
    encode(projectId, seq) {
      const payload = Buffer.from(JSON.stringify({ p: projectId, s: seq })).toString('base64url');
      return `${payload}${sign(payload).toString('base64url')}`;
    },
    decode(cursor, projectId) {
      const payload = cursor.slice(0, -SIGNATURE_CHARS);
      const given = Buffer.from(cursor.slice(-SIGNATURE_CHARS), 'base64url');
      if (!payload) throw unknownCursor();
      if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, sign(payload))) throw unknownCursor();
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw unknownCursor();
      }
      const { p, s } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { p?: unknown; s?: unknown };
      if (p !== projectId || typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) throw unknownCursor();
      return s;
    },
  };
}
