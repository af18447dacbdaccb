/** Server-made ids (src/contract/ids.ts): the contract's formats, time order, and randomness that does not repeat. */
import { describe, expect, it } from 'vitest';
import { assetIdFor, newInfluencerId, newJobId, newProjectId, newRequestId, ulid } from '../../src/contract/ids.js';
import { validatorForSchema } from '../support/contract.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('ids', () => {
  it('match the contract patterns', () => {
    const cases: Array<[string, () => string]> = [
      ['InfluencerId', newInfluencerId],
      ['ProjectId', newProjectId],
      ['JobId', newJobId],
      ['RequestId', newRequestId],
      ['AssetId', () => assetIdFor(newInfluencerId(), 1)],
    ];
    for (const [schema, make] of cases) {
      const valid = validatorForSchema(schema);
      for (let i = 0; i < 50; i++) {
        const id = make();
        expect(valid(id), `${schema}: ${id}`).toBe(true);
      }
    }
  });

  it('start a ULID with its time, so ids sort by time', () => {
    const at = Date.UTC(2026, 11, 2, 12, 0, 0);
    const decode = (text: string) => [...text.slice(0, 10)].reduce((n, c) => n * 32 + CROCKFORD.indexOf(c), 0);
    expect(decode(ulid(at))).toBe(at);
    expect(ulid(at).slice(0, 10) < ulid(at + 1).slice(0, 10)).toBe(true);
    expect(ulid(0).slice(0, 10)).toBe('0000000000');
  });

  it('never repeat the random part, across many refills of the random pool', () => {
    const tails = Array.from({ length: 20_000 }, () => ulid(0).slice(10));
    expect(new Set(tails).size).toBe(tails.length);
    // Every Crockford character turns up in every position of the random part.
    for (let position = 0; position < 16; position++) expect(new Set(tails.map((t) => t[position])).size, `position ${position}`).toBe(32);
  });

  it('give an influencer the same asset id for the same portrait, and another for the next', () => {
    const influencer = newInfluencerId();
    expect(assetIdFor(influencer, 1)).toBe(assetIdFor(influencer, 1));
    expect(assetIdFor(influencer, 2)).not.toBe(assetIdFor(influencer, 1));
    expect(assetIdFor(newInfluencerId(), 1)).not.toBe(assetIdFor(influencer, 1));
  });
});
