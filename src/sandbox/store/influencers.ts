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
