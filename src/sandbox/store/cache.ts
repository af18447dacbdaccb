/**
 * Reads of project, influencer and job rows by id, through a bounded cache (oldest entry out first) when
 * this process owns its storage (PGlite): every write to those rows happens in this process and
 * calls `changed` after it commits. With PostgreSQL several processes write, so reads go straight
 * to the database. A cached row answers only its own org. Rows hold courses, not states: what a
 * cached row says is derived at each read (course.ts), so a job finishes in the cache on time.
 */
import { BoundedMap } from '../../lib/bounded-map.js';
import { mayChange, type Course } from '../course.js';
import type { Db } from './db.js';
import { findInfluencer, type InfluencerRow } from './influencers.js';
import { findJob, type JobRow } from './jobs.js';
import { findProject, type ProjectRow } from './projects.js';

const LIMIT = 10_000;

type Bounded<V> = BoundedMap<string, V>;

export interface Reads {
  /** A project of `orgId`, or undefined (its persona counter is not read from here). */
  project(db: Db, orgId: string, projectId: string): Promise<ProjectRow | undefined>;
  /** A live influencer of `orgId`, or undefined. */
  influencer(db: Db, orgId: string, influencerId: string): Promise<InfluencerRow | undefined>;
  job(db: Db, orgId: string, jobId: string): Promise<JobRow | undefined>;
  /** After a commit that changed these rows. */
  changed(ids: { influencerId?: string | undefined; jobId?: string | undefined; projectId?: string | undefined }): void;
}

/** `keep` says whether a loaded row may be cached (course.ts mayChange: not while it can change without a write to it). */
function readThrough<V extends { org_id: string }>(cache: Bounded<V>, load: (db: Db, orgId: string, id: string) => Promise<V | undefined>, keep: (row: V) => boolean = () => true) {
  return async (db: Db, orgId: string, id: string): Promise<V | undefined> => {
    const hit = cache.get(id);
    if (hit) return hit.org_id === orgId ? hit : undefined;
    const row = await load(db, orgId, id);
    if (row && keep(row)) cache.set(id, row);
    return row;
  };
}

const settled = (row: Course) => !mayChange(row, Date.now());

export function createReads(cached: boolean): Reads {
  if (!cached) {
    return { project: findProject, influencer: findInfluencer, job: findJob, changed: () => {} };
  }
  const projects = new BoundedMap<string, ProjectRow>(LIMIT);
  const influencers = new BoundedMap<string, InfluencerRow>(LIMIT);
  const jobs = new BoundedMap<string, JobRow>(LIMIT);
  return {
    project: readThrough(projects, findProject),
    influencer: readThrough(influencers, findInfluencer, settled),
    job: readThrough(jobs, findJob, settled),
    changed({ influencerId, jobId, projectId }) {
      if (influencerId) influencers.delete(influencerId);
      if (jobId) jobs.delete(jobId);
      if (projectId) projects.delete(projectId);
    },
  };
}
