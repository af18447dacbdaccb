/**
 * One handler per operation, typed from the generated contract types. Bodies and parameters
 * arrive validated (routes.ts) with the contract's defaults filled in; handlers decide only what
 * the contract leaves to the server: lookups, inheritance, state and jobs.
 */
import type { operations } from '../../generated/schema.js';
import type { ReadCache } from './cache.js';
import { ApiError, notFound } from './errors.js';
import { newInfluencerId, newJobId, newProjectId } from './ids.js';
import { failureFor, type Timing } from './jobs.js';
import { personaName } from './persona.js';
import { bodyDefaults, type OperationId } from './routes.js';
import type { Db } from './storage/db.js';
import * as store from './store.js';

export interface Principal {
  orgId: string;
  scopes: readonly string[];
}

export interface HandlerContext {
  db: Db;
  principal: Principal;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** Scheme and host the client used, for URLs in responses. */
  origin: string;
  timing: Timing;
  /** Present when this process owns its storage; writes below invalidate what they change. */
  cache?: ReadCache;
}

export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Body<K extends OperationId> = operations[K] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

const later = (ms: number) => new Date(Date.now() + ms);

/** D16: an influencer without `gender` takes the project's target gender when it is one, else female. */
function inheritedGender(target: store.ProjectRow['target_gender']): store.InfluencerRow['gender'] {
  return target === 'female' || target === 'male' ? target : 'female';
}

async function startInfluencer(
  ctx: HandlerContext,
  project: store.ProjectRow,
  fields: { gender: store.InfluencerRow['gender']; ageRange: store.InfluencerRow['age_range']; brandVoice: store.InfluencerRow['brand_voice']; language: string; name?: string; prompt?: string | null; sourceId?: string | null },
  failWith: string | null,
): Promise<store.JobRow> {
  const now = new Date();
  const influencerId = newInfluencerId();
  const name = fields.name ?? personaName({
    brandContext: project.app_description ?? project.name,
    gender: fields.gender,
    ageRange: fields.ageRange,
    ...(fields.prompt ? { prompt: fields.prompt } : {}),
    ordinal: await store.countInfluencers(ctx.db, project.project_id),
  });
  await store.insertInfluencer(ctx.db, {
    influencer_id: influencerId,
    org_id: project.org_id,
    project_id: project.project_id,
    name,
    gender: fields.gender,
    age_range: fields.ageRange,
    brand_voice: fields.brandVoice,
    language: fields.language,
    status: 'pending',
    prompt: fields.prompt ?? null,
    source_influencer_id: fields.sourceId ?? null,
    created_at: now,
    updated_at: now,
  });
  return store.insertJob(ctx.db, {
    job_id: newJobId(),
    org_id: project.org_id,
    influencer_id: influencerId,
    fail_with: failWith,
    created_at: now,
    first_step_at: later(ctx.timing.toTrainingMs),
  });
}

function accepted(job: store.JobRow): HandlerResult {
  const out = store.jobOut(job);
  return { status: 202, body: out, headers: { location: out.locationUrl } };
}

async function influencerOr404(ctx: HandlerContext, lock = false): Promise<store.InfluencerRow> {
  const id = ctx.params.influencerId!;
  const cached = lock ? undefined : ctx.cache?.influencers.get(id);
  if (cached) {
    if (cached.org_id !== ctx.principal.orgId) throw notFound('Influencer');
    return cached;
  }
  const row = await store.findInfluencer(ctx.db, ctx.principal.orgId, id, lock);
  if (!row) throw notFound('Influencer');
  if (lock) ctx.cache?.influencers.delete(id);
  else ctx.cache?.influencers.set(id, row);
  return row;
}

async function projectOr404(ctx: HandlerContext): Promise<store.ProjectRow> {
  const row = await store.findProject(ctx.db, ctx.principal.orgId, ctx.params.projectId!);
  if (!row) throw notFound('Project');
  return row;
}

function encodeCursor(projectId: string, seq: number): string {
  return Buffer.from(JSON.stringify({ p: projectId, s: seq })).toString('base64url');
}

function decodeCursor(cursor: string, projectId: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; s?: unknown };
    if (parsed.p === projectId && Number.isSafeInteger(parsed.s)) return parsed.s as number;
  } catch {
    // fall through
  }
  throw new ApiError('VALIDATION', 'Invalid query.', { fieldErrors: { cursor: ['Unknown cursor: pass back a nextCursor this project returned.'] } });
}

export const handlers: Record<OperationId, (ctx: HandlerContext) => Promise<HandlerResult>> = {
  async createProject(ctx) {
    const body = ctx.body as Body<'createProject'>;
    const now = new Date();
    const row: store.ProjectRow = {
      project_id: newProjectId(),
      org_id: ctx.principal.orgId,
      name: body.name,
      app_description: body.appDescription ?? null,
      target_gender: body.targetGender!,
      brand_voice: body.brandVoice!,
      language: body.language!,
      initial_influencer_id: null,
      initial_job_id: null,
      created_at: now,
      updated_at: now,
    };
    await store.insertProject(ctx.db, row);
    if (row.app_description) {
      const job = await startInfluencer(ctx, row, {
        gender: inheritedGender(row.target_gender),
        // The first influencer is created as if by an empty create body: the contract's defaults.
        ageRange: bodyDefaults('createInfluencer').ageRange as store.InfluencerRow['age_range'],
        brandVoice: row.brand_voice,
        language: row.language,
      }, failureFor(row.app_description));
      await ctx.db.query('UPDATE projects SET initial_influencer_id = $2, initial_job_id = $3 WHERE project_id = $1', [row.project_id, job.influencer_id, job.job_id]);
      row.initial_influencer_id = job.influencer_id;
      row.initial_job_id = job.job_id;
    }
    return { status: 201, body: store.projectOut(row), headers: { location: `/v1/projects/${row.project_id}` } };
  },

  async getProject(ctx) {
    return { status: 200, body: store.projectOut(await projectOr404(ctx)) };
  },

  async createInfluencer(ctx) {
    const project = await projectOr404(ctx);
    const body = (ctx.body ?? {}) as Body<'createInfluencer'>;
    const job = await startInfluencer(ctx, project, {
      gender: body.gender ?? inheritedGender(project.target_gender),
      ageRange: body.ageRange!, // filled in from the contract's default by validation
      brandVoice: project.brand_voice,
      language: project.language,
      prompt: body.prompt ?? null,
    }, failureFor(body.prompt));
    return accepted(job);
  },

  async listInfluencers(ctx) {
    const project = await projectOr404(ctx);
    const limit = ctx.query.limit as number;
    const after = typeof ctx.query.cursor === 'string' ? decodeCursor(ctx.query.cursor, project.project_id) : 0;
    const rows = await store.listInfluencersPage(ctx.db, project.project_id, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        data: page.map((row) => store.influencerOut(row, ctx.origin)),
        nextCursor: rows.length > limit && last ? encodeCursor(project.project_id, last.seq) : null,
      },
    };
  },

  async getInfluencer(ctx) {
    return { status: 200, body: store.influencerOut(await influencerOr404(ctx), ctx.origin) };
  },

  async patchInfluencer(ctx) {
    const row = await influencerOr404(ctx, true);
    const body = ctx.body as Body<'patchInfluencer'>;
    const updated = await store.patchInfluencer(ctx.db, row.influencer_id, {
      name: body.name,
      gender: body.gender,
      age_range: body.ageRange,
      brand_voice: body.brandVoice,
      language: body.language,
    }, new Date());
    return { status: 200, body: store.influencerOut(updated, ctx.origin) };
  },

  async deleteInfluencer(ctx) {
    const row = await influencerOr404(ctx, true);
    const body = (ctx.body ?? {}) as Body<'deleteInfluencer'>;
    const now = new Date();
    await store.softDeleteInfluencer(ctx.db, row.influencer_id, body.reason ?? null, now);
    return { status: 200, body: { influencerId: row.influencer_id, status: 'deleted', deletedAt: now.toISOString() } };
  },

  async cloneInfluencer(ctx) {
    const source = await influencerOr404(ctx);
    if (source.status !== 'ready') throw new ApiError('CONFLICT', `Source influencer is not ready (it is ${source.status}).`);
    const project = (await store.findProject(ctx.db, ctx.principal.orgId, source.project_id))!;
    const body = ctx.body as Body<'cloneInfluencer'>;
    const overrides = body.overrides ?? {};
    const job = await startInfluencer(ctx, project, {
      name: body.name,
      gender: overrides.gender ?? source.gender,
      ageRange: overrides.ageRange ?? source.age_range,
      brandVoice: overrides.brandVoice ?? source.brand_voice,
      language: overrides.language ?? source.language,
      sourceId: source.influencer_id,
    }, failureFor(body.name));
    return accepted(job);
  },

  async getJob(ctx) {
    const id = ctx.params.jobId!;
    const cached = ctx.cache?.jobs.get(id);
    const row = cached && cached.org_id === ctx.principal.orgId ? cached : cached ? undefined : await store.findJob(ctx.db, ctx.principal.orgId, id);
    if (!row) throw notFound('Job');
    if (!cached) ctx.cache?.jobs.set(id, row);
    return { status: 200, body: store.jobOut(row) };
  },
};
