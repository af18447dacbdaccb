/** The projects table. */
import type { Project } from '../../../generated/schema.js';
import { statement, type Db } from './db.js';

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

export function projectOut(row: ProjectRow): Project {
  return {
    projectId: row.project_id,
    name: row.name,
    appDescription: row.app_description,
    targetGender: row.target_gender,
    brandVoice: row.brand_voice,
    language: row.language,
    initialInfluencer: row.initial_influencer_id && row.initial_job_id ? { influencerId: row.initial_influencer_id, jobId: row.initial_job_id } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const FIND = statement('find_project', 'SELECT * FROM projects WHERE project_id = $1 AND org_id = $2');

export async function findProject(db: Db, orgId: string, projectId: string): Promise<ProjectRow | undefined> {
  return (await db.run<ProjectRow>(FIND, [projectId, orgId]))[0];
}

export async function insertProject(db: Db, row: ProjectRow): Promise<void> {
  await db.query(
    `INSERT INTO projects (project_id, org_id, name, app_description, target_gender, brand_voice, language, initial_influencer_id, initial_job_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [row.project_id, row.org_id, row.name, row.app_description, row.target_gender, row.brand_voice, row.language, row.initial_influencer_id, row.initial_job_id, row.created_at, row.updated_at],
  );
}

export async function setInitialInfluencer(db: Db, projectId: string, influencerId: string, jobId: string): Promise<void> {
  await db.query('UPDATE projects SET initial_influencer_id = $2, initial_job_id = $3 WHERE project_id = $1', [projectId, influencerId, jobId]);
}
