/**
 * Schema migrations, applied in order, each once, recorded in sandbox_migrations; an applied
 * migration is never edited, a change is a new one. The same SQL runs
 * on PGlite and PostgreSQL. An advisory lock makes concurrent starts against one database safe.
 */
import type { Db } from './db.js';

const MIGRATIONS: Array<{ id: number; sql: string }> = [
  {
    id: 1,
    sql: `
      CREATE TABLE api_keys (
        key_hash text PRIMARY KEY,
        org_id text NOT NULL,
        scopes text[] NOT NULL,
        label text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE projects (
        project_id text PRIMARY KEY,
        org_id text NOT NULL,
        name text NOT NULL,
        app_description text,
        target_gender text NOT NULL,
        brand_voice text NOT NULL,
        language text NOT NULL,
        initial_influencer_id text,
        initial_job_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX projects_org ON projects (org_id);
      CREATE TABLE influencers (
        influencer_id text PRIMARY KEY,
        seq bigserial UNIQUE,
        org_id text NOT NULL,
        project_id text NOT NULL REFERENCES projects (project_id),
        name text NOT NULL,
        gender text NOT NULL,
        age_range text NOT NULL,
        brand_voice text NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        prompt text,
        source_influencer_id text,
        reference_images jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        delete_reason text
      );
      CREATE INDEX influencers_project ON influencers (project_id, seq);
      CREATE TABLE jobs (
        job_id text PRIMARY KEY,
        org_id text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        influencer_id text NOT NULL REFERENCES influencers (influencer_id),
        fail_with text,
        next_step_at timestamptz NOT NULL,
        lease_owner text,
        lease_until timestamptz,
        error_code text,
        error_message text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz
      );
      CREATE INDEX jobs_due ON jobs (status, next_step_at);
      CREATE TABLE idempotency_keys (
        org_id text NOT NULL,
        operation_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer,
        response_headers jsonb,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, operation_id, idempotency_key)
      );
    `,
  },
  {
    // Executed job steps; a finished job has run exactly two (checked across processes by the tests).
    id: 2,
    sql: 'ALTER TABLE jobs ADD COLUMN steps_run integer NOT NULL DEFAULT 0',
  },
  {
    // Per-database secrets (the cursor signing key), shared by every process on the database.
    id: 3,
    sql: 'CREATE TABLE sandbox_secrets (name text PRIMARY KEY, value bytea NOT NULL)',
  },
  {
    // Why an influencer failed: the job that failed it, and that job's error (Influencer.failure).
    id: 4,
    sql: 'ALTER TABLE influencers ADD COLUMN failure_job_id text; ALTER TABLE influencers ADD COLUMN failure_code text; ALTER TABLE influencers ADD COLUMN failure_message text',
  },
  {
    // Influencers ever created in a project: the next persona's ordinal. Creates increment it first,
    // which also locks the project row until they commit, so one project's rows commit in `seq` order.
    id: 5,
    sql: `ALTER TABLE projects ADD COLUMN influencers_created integer NOT NULL DEFAULT 0;
      UPDATE projects p SET influencers_created = (SELECT count(*) FROM influencers i WHERE i.project_id = p.project_id)`,
  },
  {
    // Jobs follow a course fixed when they start (course.ts) instead of being stepped by a runner,
    // and live on the influencer they create (store/jobs.ts): the row gains the job's id and course,
    // and the stepped state (statuses, leases, outcomes, portraits) and the jobs table go. Finished
    // jobs keep their times; a job in flight finishes at its next scheduled step (one still pending
    // skips training). The unique index on `seq` goes too: its sequence makes it unique.
    id: 6,
    sql: `ALTER TABLE influencers ADD COLUMN job_id text, ADD COLUMN training_at timestamptz, ADD COLUMN done_at timestamptz, ADD COLUMN fail_with text;
      UPDATE influencers i SET job_id = j.job_id, fail_with = j.fail_with,
        training_at = CASE WHEN j.status = 'running' AND i.status = 'pending' THEN j.next_step_at ELSE j.created_at END,
        done_at = CASE WHEN j.status = 'running' THEN j.next_step_at ELSE coalesce(j.completed_at, j.updated_at) END
        FROM jobs j WHERE j.influencer_id = i.influencer_id;
      ALTER TABLE influencers ALTER COLUMN job_id SET NOT NULL, ALTER COLUMN training_at SET NOT NULL, ALTER COLUMN done_at SET NOT NULL;
      CREATE UNIQUE INDEX influencers_job ON influencers (job_id);
      ALTER TABLE influencers DROP COLUMN status, DROP COLUMN reference_images, DROP COLUMN failure_job_id, DROP COLUMN failure_code, DROP COLUMN failure_message;
      ALTER TABLE influencers DROP CONSTRAINT influencers_seq_key;
      DROP TABLE jobs`,
  },
];

/** Applies the migrations not yet applied, in order; `through` stops after that id (tests of upgrades). Returns the ids applied. */
export async function migrate(db: Db, through = Number.POSITIVE_INFINITY): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7210001)');
    await tx.query('CREATE TABLE IF NOT EXISTS sandbox_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM sandbox_migrations')).map((r) => r.id));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id) || m.id > through) continue;
      for (const statement of m.sql.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO sandbox_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
