/** The sandbox's data access: one function per question, SQL over the Db seam, rows mapped to contract types. */
import type { Influencer, Job, Project, ReferenceImage } from '../../generated/schema.js';
import type { Db } from './storage/db.js';

export interface ProjectRow {
  project_id: string;
  org_id: string;
  name: string;
  app_description: string | null;
  target_gender: Project['targetGender'];
  brand_voice: Project['brandVoice'];
  language: string;
  initial_influencer_id: string | null;
  initial_job_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface InfluencerRow {
  influencer_id: string;
  seq: number;
  org_id: string;
  project_id: string;
  name: string;
  gender: Influencer['gender'];
  age_range: Influencer['ageRange'];
  brand_voice: Influencer['brandVoice'];
  language: string;
  status: Influencer['status'];
  prompt: string | null;
  source_influencer_id: string | null;
  reference_images: Array<{ assetId: string; addedAt: string }>;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export interface JobRow {
  job_id: string;
  org_id: string;
  kind: Job['kind'];
  status: Job['status'];
  influencer_id: string;
  fail_with: string | null;
  error_code: NonNullable<Job['error']>['code'] | null;
  error_message: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

const iso = (d: Date) => d.toISOString();

export function projectOut(row: ProjectRow): Project {
  return {
    projectId: row.project_id,
    name: row.name,
    appDescription: row.app_description,
    targetGender: row.target_gender,
    brandVoice: row.brand_voice,
    language: row.language,
    initialInfluencer: row.initial_influencer_id && row.initial_job_id ? { influencerId: row.initial_influencer_id, jobId: row.initial_job_id } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** `origin` is the URL the client reached the sandbox at, so portrait URLs resolve wherever it runs. */
export function influencerOut(row: InfluencerRow, origin: string): Influencer {
  const referenceImages: ReferenceImage[] = row.reference_images.map((image) => ({
    assetId: image.assetId,
    url: `${origin}/media/${image.assetId}.png`,
    thumbnailUrl: `${origin}/media/${image.assetId}-thumb.png`,
    addedAt: image.addedAt,
  }));
  return {
    influencerId: row.influencer_id,
    projectId: row.project_id,
    name: row.name,
    gender: row.gender,
    ageRange: row.age_range,
    brandVoice: row.brand_voice,
    language: row.language,
    status: row.status,
    referenceImages,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function jobOut(row: JobRow): Job {
  return {
    jobId: row.job_id,
    kind: row.kind,
    status: row.status,
    influencerId: row.influencer_id,
    locationUrl: `/v1/jobs/${row.job_id}`,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    completedAt: row.completed_at ? iso(row.completed_at) : null,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? 'The job failed.' } : null,
  };
}

export async function findProject(db: Db, orgId: string, projectId: string): Promise<ProjectRow | undefined> {
  return (await db.query<ProjectRow>('SELECT * FROM projects WHERE project_id = $1 AND org_id = $2', [projectId, orgId]))[0];
}

/** Live (not deleted) influencers only: a deleted one is gone from the API (D26). */
export async function findInfluencer(db: Db, orgId: string, influencerId: string, lock = false): Promise<InfluencerRow | undefined> {
  const sql = `SELECT * FROM influencers WHERE influencer_id = $1 AND org_id = $2 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`;
  return (await db.query<InfluencerRow>(sql, [influencerId, orgId]))[0];
}

export async function findJob(db: Db, orgId: string, jobId: string): Promise<JobRow | undefined> {
  return (await db.query<JobRow>('SELECT * FROM jobs WHERE job_id = $1 AND org_id = $2', [jobId, orgId]))[0];
}

export async function insertProject(db: Db, row: ProjectRow): Promise<void> {
  await db.query(
    `INSERT INTO projects (project_id, org_id, name, app_description, target_gender, brand_voice, language, initial_influencer_id, initial_job_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [row.project_id, row.org_id, row.name, row.app_description, row.target_gender, row.brand_voice, row.language, row.initial_influencer_id, row.initial_job_id, row.created_at, row.updated_at],
  );
}

export type NewInfluencer = Omit<InfluencerRow, 'seq' | 'deleted_at' | 'reference_images'>;

export async function insertInfluencer(db: Db, row: NewInfluencer): Promise<void> {
  await db.query(
    `INSERT INTO influencers (influencer_id, org_id, project_id, name, gender, age_range, brand_voice, language, status, prompt, source_influencer_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [row.influencer_id, row.org_id, row.project_id, row.name, row.gender, row.age_range, row.brand_voice, row.language, row.status, row.prompt, row.source_influencer_id, row.created_at, row.updated_at],
  );
}

export async function countInfluencers(db: Db, projectId: string): Promise<number> {
  const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM influencers WHERE project_id = $1', [projectId]);
  return Number(row?.n ?? 0);
}

export async function insertJob(db: Db, row: { job_id: string; org_id: string; influencer_id: string; fail_with: string | null; created_at: Date; first_step_at: Date }): Promise<JobRow> {
  const [job] = await db.query<JobRow>(
    `INSERT INTO jobs (job_id, org_id, kind, status, influencer_id, fail_with, next_step_at, created_at, updated_at)
     VALUES ($1, $2, 'influencer_create', 'running', $3, $4, $5, $6, $6) RETURNING *`,
    [row.job_id, row.org_id, row.influencer_id, row.fail_with, row.first_step_at, row.created_at],
  );
  return job!;
}

export async function listInfluencersPage(db: Db, projectId: string, afterSeq: number, limit: number): Promise<InfluencerRow[]> {
  return db.query<InfluencerRow>(
    'SELECT * FROM influencers WHERE project_id = $1 AND deleted_at IS NULL AND seq > $2 ORDER BY seq LIMIT $3',
    [projectId, afterSeq, limit],
  );
}

export async function patchInfluencer(db: Db, influencerId: string, fields: Partial<Record<'name' | 'gender' | 'age_range' | 'brand_voice' | 'language', string>>, now: Date): Promise<InfluencerRow> {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const [row] = await db.query<InfluencerRow>(
    `UPDATE influencers SET ${[...sets, `updated_at = $${entries.length + 2}`].join(', ')} WHERE influencer_id = $1 RETURNING *`,
    [influencerId, ...entries.map(([, v]) => v), now],
  );
  return row!;
}

export async function softDeleteInfluencer(db: Db, influencerId: string, reason: string | null, now: Date): Promise<void> {
  await db.query('UPDATE influencers SET deleted_at = $2, delete_reason = $3, updated_at = $2 WHERE influencer_id = $1', [influencerId, now, reason]);
}
