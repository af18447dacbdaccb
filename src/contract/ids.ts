/** Ids in the contract's formats (D01–D04): prefixed UUIDs for resources, prefixed ULIDs for jobs, assets, requests. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

const encodeBytes = (bytes: Uint8Array, length: number) => [...bytes.subarray(0, length)].map((b) => CROCKFORD[b % 32]).join('');

/** A ULID: 10 characters of time, 16 of randomness. */
export const ulid = (now = Date.now()) => encodeTime(now) + encodeBytes(randomBytes(16), 16);

export const newInfluencerId = () => `inf_${randomUUID()}`;
export const newProjectId = () => `prj_${randomUUID()}`;
export const newJobId = () => `job_${ulid()}`;
export const newRequestId = () => `req_${ulid()}`;

/** A stable asset id for the n-th portrait of an influencer: the same influencer always gets the same image. */
export function assetIdFor(influencerId: string, n: number): string {
  return `med_${encodeBytes(createHash('sha256').update(`${influencerId}#${n}`).digest(), 26)}`;
}
