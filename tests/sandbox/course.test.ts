/** A job's course (src/sandbox/course.ts): the stage at any instant, the outcome, the last change. */
import { describe, expect, it } from 'vitest';
import { FAILURE_MARKERS, SOURCE_GONE, failureFor, lastChange, mayChange, outcomeOf, stageAt, type Course } from '../../src/sandbox/course.js';

const t = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const at = (ms: number) => t(ms).getTime();
const course = (over: Partial<Course> = {}): Course => ({
  created_at: t(0),
  training_at: t(100),
  done_at: t(1_000),
  fail_with: null,
  source_influencer_id: null,
  source_deleted_at: null,
  ...over,
});

describe('stageAt', () => {
  it('is pending before training_at, training from it, done from done_at', () => {
    const c = course();
    expect([0, 99, 100, 999, 1_000, 10_000].map((ms) => stageAt(c, at(ms)))).toEqual(['pending', 'pending', 'training', 'training', 'done', 'done']);
  });

  it('skips a stage of no length', () => {
    expect(stageAt(course({ training_at: t(0), done_at: t(0) }), at(0))).toBe('done');
    expect(stageAt(course({ training_at: t(0) }), at(0))).toBe('training');
  });
});

describe('outcomeOf', () => {
  it('succeeds without a marker or a deleted source', () => {
    expect(outcomeOf(course())).toBeNull();
    // A source's deletion only matters to a clone.
    expect(outcomeOf(course({ source_deleted_at: t(500) }))).toBeNull();
  });

  it('fails with the marker it was started with', () => {
    expect(outcomeOf(course({ fail_with: 'sandbox:fail' }))).toEqual(FAILURE_MARKERS['sandbox:fail']);
    expect(outcomeOf(course({ fail_with: 'sandbox:reject' }))?.code).toBe('PROMPT_REJECTED');
    expect(outcomeOf(course({ fail_with: 'no such marker' }))).toBeNull();
  });

  it('fails a clone whose source was deleted before it finished, up to done_at itself', () => {
    const clone = (deletedMs: number | null) => course({ source_influencer_id: 'inf_source', source_deleted_at: deletedMs === null ? null : t(deletedMs) });
    expect(outcomeOf(clone(null))).toBeNull();
    expect(outcomeOf(clone(500))).toEqual(SOURCE_GONE);
    expect(outcomeOf(clone(1_000))).toEqual(SOURCE_GONE);
    expect(outcomeOf(clone(1_001))).toBeNull();
  });

  it('names the marker over a deleted source', () => {
    expect(outcomeOf(course({ fail_with: 'sandbox:reject', source_influencer_id: 'inf_source', source_deleted_at: t(10) }))?.code).toBe('PROMPT_REJECTED');
  });
});

describe('lastChange', () => {
  it('is the start, then the start of training, then the end', () => {
    const c = course();
    expect([50, 100, 500, 1_000, 5_000].map((ms) => lastChange(c, at(ms)).getTime() - at(0))).toEqual([0, 100, 100, 1_000, 1_000]);
  });
});

describe('mayChange', () => {
  it('holds only for a clone still rendering', () => {
    expect(mayChange(course(), at(500))).toBe(false);
    expect(mayChange(course({ source_influencer_id: 'inf_source' }), at(500))).toBe(true);
    expect(mayChange(course({ source_influencer_id: 'inf_source' }), at(50))).toBe(true);
    expect(mayChange(course({ source_influencer_id: 'inf_source' }), at(1_000))).toBe(false);
  });
});

describe('failureFor', () => {
  it('finds a marker anywhere in the text, the first listed when several are', () => {
    expect(failureFor(null)).toBeNull();
    expect(failureFor('')).toBeNull();
    expect(failureFor('plain')).toBeNull();
    expect(failureFor('a sandbox:reject b')).toBe('sandbox:reject');
    expect(failureFor('sandbox:reject and sandbox:fail')).toBe('sandbox:fail');
    expect(failureFor('Sandbox:Fail')).toBeNull();
  });
});
