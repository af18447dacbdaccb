/**
 * The compatibility policy (D45) in the client's types: an open list (`x-extensible-enum`) is any
 * string, so code handles a value a later version adds; its listed values are `Known<Name>`. A closed
 * enum admits only its values.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorCode, Job, JobErrorCode, JobKind, KnownErrorCode, KnownJobKind, TransportErrorCode } from '../../src/client/index.js';

describe('open lists', () => {
  it('admit values a later version adds, and still name the known ones', () => {
    expectTypeOf<'content_render'>().toExtend<JobKind>();
    expectTypeOf<'influencer_create'>().toExtend<Job['kind']>();
    expectTypeOf<'QUOTA_EXCEEDED'>().toExtend<ErrorCode>();
    expectTypeOf<'NEW_REASON'>().toExtend<JobErrorCode>();
    expectTypeOf<'PAYLOAD_TOO_LARGE'>().toExtend<TransportErrorCode>();
    expectTypeOf<KnownJobKind>().toEqualTypeOf<'influencer_create'>();
    expectTypeOf<KnownJobKind>().toExtend<Job['kind']>();
    expectTypeOf<'QUOTA_EXCEEDED'>().not.toExtend<KnownErrorCode>();
    expectTypeOf<'RATE_LIMITED'>().toExtend<KnownErrorCode>();
    // Still text, not anything.
    expectTypeOf<number>().not.toExtend<JobKind>();
  });
});

describe('closed enums', () => {
  it('admit only their values', () => {
    expectTypeOf<'cancelled'>().not.toExtend<Job['status']>();
    expectTypeOf<'succeeded'>().toExtend<Job['status']>();
  });
});
