/** The influencers table. */
import type { Influencer, ReferenceImage } from '../../../generated/schema.js';
import type { Db } from './db.js';

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
  failure_job_id: string | null;
  failure_code: NonNullable<Influencer['failure']>['error']['code'] | null;
  failure_message: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export type NewInfluencer = Omit<InfluencerRow, 'seq' | 'deleted_at' | 'reference_images' | 'failure_job_id' | 'failure_code' | 'failure_message'>;
export type InfluencerPatch = Partial<Pick<InfluencerRow, 'name' | 'gender' | 'age_range' | 'brand_voice' | 'language'>>;

/** `mediaBase` is the sandbox's configured public URL, so portrait URLs never echo a client's Host. */
export function influencerOut(row: InfluencerRow, mediaBase: string): Influencer {
  const referenceImages: ReferenceImage[] = row.reference_images.map((image) => ({
    assetId: image.assetId,
    url: `${mediaBase}/media/${image.assetId}.png`,
    thumbnailUrl: `${mediaBase}/media/${image.assetId}-thumb.png`,
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
    failure: row.failure_job_id && row.failure_code ? { jobId: row.failure_job_id, error: { code: row.failure_code, message: row.failure_message ?? 'The job failed.' } } : null,
    referenceImages,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Live (not deleted) influencers only: a deleted one is gone from the API (D26). */
export async function findInfluencer(db: Db, orgId: string, influencerId: string, lock = false): Promise<InfluencerRow | undefined> {
  const sql = `SELECT * FROM influencers WHERE influencer_id = $1 AND org_id = $2 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`;
  return (await db.query<InfluencerRow>(sql, [influencerId, orgId]))[0];
}

/**
 * Reserves `count` persona ordinals in a project: returns the first and the database's clock,
 * read after the project row is locked. The lock is held until the transaction ends, so creates in
 * one project are serialized from here to their commit: their `seq` (assigned by the insert that
 * follows) and `created_at` (this clock) both follow commit order, even across processes on one
 * PostgreSQL; a cursor past a row can never have a row behind it that commits later.
 */
export async function reserveOrdinals(db: Db, projectId: string, count: number): Promise<{ first: number; now: Date }> {
  const [row] = await db.query<{ n: number; now: Date }>(
    'UPDATE projects SET influencers_created = influencers_created + $2 WHERE project_id = $1 RETURNING influencers_created AS n, clock_timestamp() AS now',
    [projectId, count],
  );
  if (!row) throw new Error(`project ${projectId} vanished while creating influencers`);
  return { first: row.n - count, now: row.now };
}

export interface NewInfluencerWithJob extends NewInfluencer {
  job_id: string;
  fail_with: string | null;
  first_step_at: Date;
}

/** Inserts influencers and their create jobs in one statement, `seq` assigned in array order. */
export async function insertInfluencersWithJobs(db: Db, rows: readonly NewInfluencerWithJob[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((r) => ({ ...r, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(), first_step_at: r.first_step_at.toISOString() })),
  );
  await db.query(
    `WITH r AS MATERIALIZED (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(influencer_id text, org_id text, project_id text, name text, gender text, age_range text, brand_voice text,
         language text, status text, prompt text, source_influencer_id text, created_at timestamptz, updated_at timestamptz, job_id text, fail_with text, first_step_at timestamptz)),
     i AS (
       INSERT INTO influencers (influencer_id, org_id, project_id, name, gender, age_range, brand_voice, language, status, prompt, source_influencer_id, created_at, updated_at)
       SELECT influencer_id, org_id, project_id, name, gender, age_range, brand_voice, language, status, prompt, source_influencer_id, created_at, updated_at FROM r)
     INSERT INTO jobs (job_id, org_id, kind, status, influencer_id, fail_with, next_step_at, created_at, updated_at)
     SELECT job_id, org_id, 'influencer_create', 'running', influencer_id, fail_with, first_step_at, created_at, created_at FROM r`,
    [json],
  );
}

export async function listInfluencersPage(db: Db, projectId: string, afterSeq: number, limit: number): Promise<InfluencerRow[]> {
  return db.query<InfluencerRow>('SELECT * FROM influencers WHERE project_id = $1 AND deleted_at IS NULL AND seq > $2 ORDER BY seq LIMIT $3', [projectId, afterSeq, limit]);
}

const PATCH_COLUMNS = ['name', 'gender', 'age_range', 'brand_voice', 'language'] as const;

export async function patchInfluencer(db: Db, influencerId: string, fields: InfluencerPatch, now: Date): Promise<InfluencerRow> {
  const entries = PATCH_COLUMNS.flatMap((column) => (fields[column] === undefined ? [] : [[column, fields[column]] as const]));
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const [row] = await db.query<InfluencerRow>(
    `UPDATE influencers SET ${[...sets, `updated_at = $${entries.length + 2}`].join(', ')} WHERE influencer_id = $1 RETURNING *`,
    [influencerId, ...entries.map(([, v]) => v), now],
  );
  if (!row) throw new Error(`influencer ${influencerId} vanished inside its own transaction`);
  return row;
}

export async function softDeleteInfluencer(db: Db, influencerId: string, reason: string | null, now: Date): Promise<void> {
  await db.query('UPDATE influencers SET deleted_at = $2, delete_reason = $3, updated_at = $2 WHERE influencer_id = $1', [influencerId, now, reason]);
}

/** The job runner's view: the row, locked, whatever its state. */
export async function lockInfluencer(db: Db, influencerId: string): Promise<InfluencerRow | undefined> {
  return (await db.query<InfluencerRow>('SELECT * FROM influencers WHERE influencer_id = $1 FOR UPDATE', [influencerId]))[0];
}

export async function isDeleted(db: Db, influencerId: string): Promise<boolean> {
  const [row] = await db.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM influencers WHERE influencer_id = $1', [influencerId]);
  return !row || row.deleted_at !== null;
}

export async function failInfluencer(db: Db, influencerId: string, jobId: string, failure: { code: NonNullable<InfluencerRow['failure_code']>; message: string }): Promise<void> {
  await db.query("UPDATE influencers SET status = 'failed', failure_job_id = $2, failure_code = $3, failure_message = $4, updated_at = now() WHERE influencer_id = $1", [influencerId, jobId, failure.code, failure.message]);
}

export async function setInfluencerStatus(db: Db, influencerId: string, status: InfluencerRow['status'], referenceImages?: InfluencerRow['reference_images']): Promise<void> {
  if (referenceImages) {
    await db.query('UPDATE influencers SET status = $2, reference_images = $3::jsonb, updated_at = now() WHERE influencer_id = $1', [influencerId, status, JSON.stringify(referenceImages)]);
  } else {
    await db.query('UPDATE influencers SET status = $2, updated_at = now() WHERE influencer_id = $1', [influencerId, status]);
  }
}
