/**
 * The influencers table. Each row also holds the job that creates it: its id and its course
 * (course.ts); a job is read as its influencer's row (store/jobs.ts).
 */
import type { Influencer, ReferenceImage } from '../../../generated/schema.js';
import { assetIdFor } from '../../contract/ids.js';
import { BoundedMap } from '../../lib/bounded-map.js';
import { lastChange, outcomeOf, stageAt, type Course } from '../course.js';
import { statement, type Db } from './db.js';

/** A row; its course columns (created_at, training_at, done_at, fail_with, source_influencer_id) are Course's. */
export interface InfluencerRow extends Course {
  influencer_id: string;
  seq: number;
  org_id: string;
  project_id: string;
  name: string;
  gender: Influencer['gender'];
  age_range: Influencer['ageRange'];
  brand_voice: Influencer['brandVoice'];
  language: string;
  prompt: string | null;
  /** The job that creates it (D20: every job is an `influencer_create`). */
  job_id: string;
  updated_at: Date;
  deleted_at: Date | null;
}

export type NewInfluencer = Omit<InfluencerRow, 'seq' | 'deleted_at' | 'source_deleted_at'>;
export type InfluencerPatch = Partial<Pick<InfluencerRow, 'name' | 'gender' | 'age_range' | 'brand_voice' | 'language'>>;

/** An influencer's status at `now`, from its course. */
export function statusAt(row: InfluencerRow, now: number): Influencer['status'] {
  const stage = stageAt(row, now);
  if (stage !== 'done') return stage;
  return outcomeOf(row) ? 'failed' : 'ready';
}

// assetIdFor hashes; a read of a ready influencer needs its first portrait's id every time.
const portraits = new BoundedMap<string, string>(10_000);
function firstPortrait(influencerId: string): string {
  let id = portraits.get(influencerId);
  if (id === undefined) portraits.set(influencerId, (id = assetIdFor(influencerId, 1)));
  return id;
}

/** `mediaBase` is the sandbox's configured public URL, so portrait URLs never echo a client's Host. */
export function influencerOut(row: InfluencerRow, mediaBase: string, now: number): Influencer {
  const status = statusAt(row, now);
  const failure = status === 'failed' ? outcomeOf(row) : null;
  // A ready influencer has its first portrait, added when the render finished.
  const images = status === 'ready' ? [firstPortrait(row.influencer_id)] : [];
  const referenceImages: ReferenceImage[] = images.map((assetId) => ({
    assetId,
    url: `${mediaBase}/media/${assetId}.png`,
    thumbnailUrl: `${mediaBase}/media/${assetId}-thumb.png`,
    addedAt: row.done_at.toISOString(),
  }));
  const changed = lastChange(row, now);
  return {
    influencerId: row.influencer_id,
    projectId: row.project_id,
    name: row.name,
    gender: row.gender,
    ageRange: row.age_range,
    brandVoice: row.brand_voice,
    language: row.language,
    status,
    failure: failure ? { jobId: row.job_id, error: failure } : null,
    referenceImages,
    createdAt: row.created_at.toISOString(),
    updatedAt: (changed > row.updated_at ? changed : row.updated_at).toISOString(),
  };
}

/** An influencer row with its clone source's deletion time (Course.source_deleted_at). */
export const SELECT_INFLUENCER = 'SELECT i.*, s.deleted_at AS source_deleted_at FROM influencers i LEFT JOIN influencers s ON s.influencer_id = i.source_influencer_id';

const FIND = statement('find_influencer', `${SELECT_INFLUENCER} WHERE i.influencer_id = $1 AND i.org_id = $2 AND i.deleted_at IS NULL`);
const FIND_FOR_UPDATE = statement('find_influencer_for_update', `${FIND.sql} FOR UPDATE OF i`);
const RESERVE = statement(
  'reserve_ordinals',
  'UPDATE projects SET influencers_created = influencers_created + $2 WHERE project_id = $1 RETURNING influencers_created AS n, clock_timestamp() AS now',
);
const INSERT = statement(
  'insert_influencers',
  `INSERT INTO influencers (influencer_id, org_id, project_id, name, gender, age_range, brand_voice, language, prompt, source_influencer_id,
     job_id, created_at, updated_at, training_at, done_at, fail_with)
   SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(influencer_id text, org_id text, project_id text, name text, gender text, age_range text,
     brand_voice text, language text, prompt text, source_influencer_id text, job_id text, created_at timestamptz, updated_at timestamptz,
     training_at timestamptz, done_at timestamptz, fail_with text)`,
);
const PAGE = statement('list_influencers', `${SELECT_INFLUENCER} WHERE i.project_id = $1 AND i.deleted_at IS NULL AND i.seq > $2 ORDER BY i.seq LIMIT $3`);

/** Live (not deleted) influencers only: a deleted one is gone from the API (D26). */
export async function findInfluencer(db: Db, orgId: string, influencerId: string, lock = false): Promise<InfluencerRow | undefined> {
  return (await db.run<InfluencerRow>(lock ? FIND_FOR_UPDATE : FIND, [influencerId, orgId]))[0];
}

/**
 * Reserves `count` persona ordinals in a project: returns the first and the database's clock,
 * read after the project row is locked. The lock is held until the transaction ends, so creates in
 * one project are serialized from here to their commit: their `seq` (assigned by the insert that
 * follows) and `created_at` (this clock) both follow commit order, even across processes on one
 * PostgreSQL; a cursor past a row can never have a row behind it that commits later.
 */
export async function reserveOrdinals(db: Db, projectId: string, count: number): Promise<{ first: number; now: Date }> {
  const [row] = await db.run<{ n: number; now: Date }>(RESERVE, [projectId, count]);
  if (!row) throw new Error(`project ${projectId} vanished while creating influencers`);
  return { first: row.n - count, now: row.now };
}

/** Inserts influencers (with their create jobs) in one statement, `seq` assigned in array order. */
export async function insertInfluencers(db: Db, rows: readonly NewInfluencer[]): Promise<void> {
  const iso = (d: Date) => d.toISOString();
  const json = JSON.stringify(
    rows.map((r) => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at), training_at: iso(r.training_at), done_at: iso(r.done_at) })),
  );
  await db.run(INSERT, [json]);
}

export async function listInfluencersPage(db: Db, projectId: string, afterSeq: number, limit: number): Promise<InfluencerRow[]> {
  return db.run<InfluencerRow>(PAGE, [projectId, afterSeq, limit]);
}

const PATCH_COLUMNS = ['name', 'gender', 'age_range', 'brand_voice', 'language'] as const;

/** Patches a row read with findInfluencer (its source's deletion time is kept from that read). */
export async function patchInfluencer(db: Db, row: InfluencerRow, fields: InfluencerPatch, now: Date): Promise<InfluencerRow> {
  const entries = PATCH_COLUMNS.flatMap((column) => (fields[column] === undefined ? [] : [[column, fields[column]] as const]));
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const [updated] = await db.query<Omit<InfluencerRow, 'source_deleted_at'>>(
    `UPDATE influencers SET ${[...sets, `updated_at = $${entries.length + 2}`].join(', ')} WHERE influencer_id = $1 RETURNING *`,
    [row.influencer_id, ...entries.map(([, v]) => v), now],
  );
  if (!updated) throw new Error(`influencer ${row.influencer_id} vanished inside its own transaction`);
  return { ...updated, source_deleted_at: row.source_deleted_at };
}

export async function softDeleteInfluencer(db: Db, influencerId: string, reason: string | null, now: Date): Promise<void> {
  await db.query('UPDATE influencers SET deleted_at = $2, delete_reason = $3, updated_at = $2 WHERE influencer_id = $1', [influencerId, now, reason]);
}
