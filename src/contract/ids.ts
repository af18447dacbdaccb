/** Ids in the contract's formats (D01–D04): prefixed UUIDs for resources, prefixed ULIDs for jobs, assets, requests. */
import { createHash, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

/** One Crockford character per byte (256 is a multiple of 32, so random bytes give uniform characters). */
function encodeBytes(bytes: Uint8Array, start: number, length: number): string {
  let out = '';
  for (let i = start; i < start + length; i++) out += CROCKFORD[bytes[i]! % 32];
  return out;
}

// Randomness drawn 4 KiB at a time: one call into the CSPRNG per 256 ids, not one per id (every response has a request id).
const pool = new Uint8Array(4096);
let used = pool.length;
function randomChars(length: number): string {
  if (used + length > pool.length) {
    // Web Crypto: in Node and in the browser (the MSW handlers' bundle runs this module there too).
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  const out = encodeBytes(pool, used, length);
  used += length;
  return out;
}

/** A ULID: 10 characters of time, 16 of randomness. */
export const ulid = (now = Date.now()) => encodeTime(now) + randomChars(16);

export const newInfluencerId = () => `inf_${randomUUID()}`;
export const newProjectId = () => `prj_${randomUUID()}`;
export const newJobId = () => `job_${ulid()}`;
export const newRequestId = () => `req_${ulid()}`;

/** A stable asset id for the n-th portrait of an influencer: the same influencer always gets the same image. */
export function assetIdFor(influencerId: string, n: number): string {
  return `med_${encodeBytes(createHash('sha256').update(`${influencerId}#${n}`).digest(), 0, 26)}`;
}
