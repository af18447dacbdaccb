/**
 * Starting influencers (create, clone, a project's first influencer): the influencer row and its
 * create job, written together. Unkeyed creates are committed in groups (group commit): requests
 * that arrive while a group is being written wait and go in the next one, so a busy sandbox pays
 * one transaction for many creates instead of one each. Each request still gets its own answer, and
 * a group that fails fails only the requests in it.
 */
import { newInfluencerId, newJobId } from '../contract/ids.js';
import type { Timing } from './config.js';
import { personaName } from './persona.js';
import type { Db } from './store/db.js';
import { insertInfluencers, reserveOrdinals, type InfluencerRow, type NewInfluencer } from './store/influencers.js';
import type { JobRow } from './store/jobs.js';
import type { ProjectRow } from './store/projects.js';

export interface NewPersona {
  gender: InfluencerRow['gender'];
  ageRange: InfluencerRow['age_range'];
  brandVoice: InfluencerRow['brand_voice'];
  language: string;
  /** A clone's given name; otherwise the persona generator names it. */
  name?: string;
  prompt?: string | null;
  sourceId?: string | null;
}

export interface StartRequest {
  project: ProjectRow;
  fields: NewPersona;
  /** A failure marker (course.ts) the job will end with, or null. */
  failWith: string | null;
}

export type StartInfluencer = (request: StartRequest) => Promise<JobRow>;

/** Most creates written by one statement. */
const MAX_GROUP = 200;

/**
 * Writes the influencers and jobs of `requests` inside transaction `tx`; the jobs, in order.
 * Projects are locked in id order, so two processes writing groups that share projects cannot deadlock.
 */
export async function startInfluencers(tx: Db, timing: Timing, requests: readonly StartRequest[]): Promise<JobRow[]> {
  const byProject = new Map<string, number[]>();
  requests.forEach((r, i) => byProject.set(r.project.project_id, [...(byProject.get(r.project.project_id) ?? []), i]));
  const rows: NewInfluencer[] = new Array(requests.length);
  for (const projectId of [...byProject.keys()].sort()) {
    const indexes = byProject.get(projectId)!;
    const { first, now } = await reserveOrdinals(tx, projectId, indexes.length);
    indexes.forEach((index, k) => {
      const { project, fields, failWith } = requests[index]!;
      const name =
        fields.name ??
        personaName({
          brandContext: project.app_description ?? project.name,
          gender: fields.gender,
          ageRange: fields.ageRange,
          ...(fields.prompt ? { prompt: fields.prompt } : {}),
          ordinal: first + k,
        });
      const trainingAt = new Date(now.getTime() + timing.toTrainingMs);
      rows[index] = {
        influencer_id: newInfluencerId(),
        org_id: project.org_id,
        project_id: project.project_id,
        name,
        gender: fields.gender,
        age_range: fields.ageRange,
        brand_voice: fields.brandVoice,
        language: fields.language,
        prompt: fields.prompt ?? null,
        source_influencer_id: fields.sourceId ?? null,
        job_id: newJobId(),
        created_at: now,
        updated_at: now,
        training_at: trainingAt,
        done_at: new Date(trainingAt.getTime() + timing.toDoneMs),
        fail_with: failWith,
      };
    });
  }
  // Rows in `seq` order: by project as locked, then as the requests came.
  await insertInfluencers(tx, [...byProject.keys()].sort().flatMap((id) => byProject.get(id)!.map((i) => rows[i]!)));
  // The clone handler found its source live; a deletion since is read with the job later.
  return rows.map((row) => ({ ...row, source_deleted_at: null }));
}

/** Group commit: `start` queues a request; one transaction writes every request queued meanwhile. */
export function createStartQueue(db: Db, timing: Timing): StartInfluencer {
  let queue: Array<{ request: StartRequest; resolve: (job: JobRow) => void; reject: (error: unknown) => void }> = [];
  let writing = false;
  const drain = async () => {
    while (queue.length > 0) {
      const group = queue.slice(0, MAX_GROUP);
      queue = queue.slice(MAX_GROUP);
      try {
        const jobs = await db.transaction((tx) => startInfluencers(tx, timing, group.map((g) => g.request)));
        group.forEach((g, i) => g.resolve(jobs[i]!));
      } catch (error) {
        group.forEach((g) => g.reject(error));
      }
    }
    writing = false;
  };
  return (request) =>
    new Promise<JobRow>((resolve, reject) => {
      queue.push({ request, resolve, reject });
      if (writing) return;
      writing = true;
      // Requests parsed in this turn of the event loop join the first group.
      setImmediate(() => void drain());
    });
}
