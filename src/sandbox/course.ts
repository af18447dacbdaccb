/**
 * A create job's course, fixed when it starts: its influencer is `pending` until `training_at`,
 * `training` until `done_at`, and then `ready` (the job succeeded) or `failed`. Nothing steps a
 * job: whoever reads one derives its state from the stored course and the clock. So a job
 * finishes on time whether or not a sandbox process is running (after a crash, across restarts,
 * with any number of processes sharing one PostgreSQL), no step can run twice or be lost, and
 * starting an influencer writes its rows once and never again.
 *
 * The outcome is known from the start, except for one thing: a clone fails when its source was
 * deleted before the clone's render finished (`source_deleted_at` ≤ `done_at`), so readers of a
 * clone read its source's deletion time with it.
 */
import type { Job } from '../../generated/schema.js';

export type JobFailure = { code: NonNullable<Job['error']>['code']; message: string };

/**
 * The documented, deterministic way to make a job fail in the sandbox: a create `prompt`, a clone
 * `name` or a project `appDescription` containing one of these markers.
 */
export const FAILURE_MARKERS: Record<string, JobFailure> = {
  'sandbox:fail': { code: 'RENDER_FAILED', message: 'The portrait render did not converge.' },
  'sandbox:reject': { code: 'PROMPT_REJECTED', message: 'The prompt hint was refused by content policy.' },
};

export const SOURCE_GONE: JobFailure = { code: 'SOURCE_UNAVAILABLE', message: 'The clone source was deleted before the render finished.' };

/** The failure marker in `text` (the first of FAILURE_MARKERS found), or null. */
export function failureFor(text: string | null | undefined): string | null {
  if (!text) return null;
  return Object.keys(FAILURE_MARKERS).find((marker) => text.includes(marker)) ?? null;
}

/** What a course is read from: the influencer's row, with its clone source's deletion time. */
export interface Course {
  created_at: Date;
  training_at: Date;
  done_at: Date;
  /** A key of FAILURE_MARKERS the job ends with, or null. */
  fail_with: string | null;
  source_influencer_id: string | null;
  /** When the clone source was deleted (null: not a clone, or its source is live). */
  source_deleted_at: Date | null;
}

export type Stage = 'pending' | 'training' | 'done';

export function stageAt(course: Course, now: number): Stage {
  if (now < course.training_at.getTime()) return 'pending';
  if (now < course.done_at.getTime()) return 'training';
  return 'done';
}

/** How the job ends: its failure, or null when it succeeds. A marker wins over a deleted source. */
export function outcomeOf(course: Course): JobFailure | null {
  const marked = course.fail_with ? FAILURE_MARKERS[course.fail_with] : undefined;
  if (marked) return marked;
  const sourceGone = course.source_influencer_id !== null && course.source_deleted_at !== null && course.source_deleted_at.getTime() <= course.done_at.getTime();
  return sourceGone ? SOURCE_GONE : null;
}

/** When the course last changed state, as of `now`: its start, the start of training, or its end. */
export function lastChange(course: Course, now: number): Date {
  const stage = stageAt(course, now);
  return stage === 'done' ? course.done_at : stage === 'training' ? course.training_at : course.created_at;
}

/**
 * Whether what is read of this course may still change without a write to its own row: a clone
 * still rendering, whose source may yet be deleted. The read cache keeps no such row.
 */
export function mayChange(course: Course, now: number): boolean {
  return course.source_influencer_id !== null && stageAt(course, now) !== 'done';
}
