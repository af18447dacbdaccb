/**
 * One handler per operation, typed from the generated contract types: each receives its
 * operation's path parameters, query and body, and must return one of that operation's documented
 * 2xx bodies (the compiler checks it). Input arrives validated (src/contract/requests.ts) with the
 * contract's defaults filled in; handlers decide only what the contract leaves to the server:
 * lookups, inheritance, state and jobs.
 */
import type { operations } from '../../generated/schema.js';
import { ApiError, notFound } from '../contract/errors.js';
import { newProjectId } from '../contract/ids.js';
import type { OperationId } from '../contract/model.js';
import type { Principal } from './auth.js';
import type { Timing } from './config.js';
import type { CursorCodec } from './cursor.js';
import type { NewPersona, StartInfluencer } from './creates.js';
import { failureFor } from './course.js';
import type { Reads } from './store/cache.js';
import type { Db } from './store/db.js';
import * as influencers from './store/influencers.js';
import * as jobs from './store/jobs.js';
import * as projects from './store/projects.js';

type Op<K extends OperationId> = operations[K];
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Params<K extends OperationId> = Op<K>['parameters'] extends { path: infer P } ? P : Record<string, never>;
type Query<K extends OperationId> = Op<K>['parameters'] extends { query?: infer Q } ? NonNullable<Q> : Record<string, never>;
type RequestBody<K extends OperationId> = Op<K> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : undefined;
type SuccessStatus<K extends OperationId> = Extract<keyof Op<K>['responses'], 200 | 201 | 202 | 204>;

/** What a handler answers: a documented 2xx status with that status's body type. */
export type Success<K extends OperationId> = {
  [S in SuccessStatus<K>]: { status: S; body: JsonOf<Op<K>['responses'][S]>; headers?: Record<string, string> };
}[SuccessStatus<K>];

export interface HandlerContext<K extends OperationId> {
  db: Db;
  principal: Principal;
  params: Params<K>;
  query: Query<K>;
  body: RequestBody<K>;
  /** Base URL of portrait links (configured, never from the request). */
  mediaBase: string;
  timing: Timing;
  reads: Reads;
  cursors: CursorCodec;
  /** Rows this request wrote; the read cache drops them once the transaction commits. */
  wrote: { influencerId?: string; jobId?: string; projectId?: string };
  /** Writes an influencer and its create job (in this request's transaction, or group-committed). */
  start: StartInfluencer;
  /** Contract defaults for an operation's empty body. */
  defaults: <B extends OperationId>(operationId: B) => Partial<NonNullable<RequestBody<B>>>;
}

export type Handlers = { [K in OperationId]: (ctx: HandlerContext<K>) => Promise<Success<K>> };

type Gender = influencers.InfluencerRow['gender'];

/** D16: an influencer without `gender` takes the project's target gender when it is one, else female. */
function inheritedGender(target: projects.ProjectRow['target_gender']): Gender {
  return target === 'female' || target === 'male' ? target : 'female';
}

async function startInfluencer<K extends OperationId>(ctx: HandlerContext<K>, project: projects.ProjectRow, fields: NewPersona, failWith: string | null): Promise<jobs.JobRow> {
  const job = await ctx.start({ project, fields, failWith });
  ctx.wrote.influencerId = job.influencer_id;
  ctx.wrote.jobId = job.job_id;
  return job;
}

function accepted(job: jobs.JobRow): { status: 202; body: ReturnType<typeof jobs.jobOut>; headers: Record<string, string> } {
  const body = jobs.jobOut(job, Date.now());
  return { status: 202, body, headers: { location: body.locationUrl } };
}

async function projectOr404(ctx: HandlerContext<OperationId>, projectId: string): Promise<projects.ProjectRow> {
  const row = await ctx.reads.project(ctx.db, ctx.principal.orgId, projectId);
  if (!row) throw notFound('Project');
  return row;
}

/** A write locks the row and skips the cache; the cache entry is dropped after the commit. */
async function influencerForWrite(ctx: HandlerContext<OperationId>, influencerId: string): Promise<influencers.InfluencerRow> {
  const row = await influencers.findInfluencer(ctx.db, ctx.principal.orgId, influencerId, true);
  if (!row) throw notFound('Influencer');
  ctx.wrote.influencerId = influencerId;
  return row;
}

async function influencerForRead(ctx: HandlerContext<OperationId>, influencerId: string): Promise<influencers.InfluencerRow> {
  const row = await ctx.reads.influencer(ctx.db, ctx.principal.orgId, influencerId);
  if (!row) throw notFound('Influencer');
  return row;
}

export const handlers: Handlers = {
  async createProject(ctx) {
    const { body } = ctx;
    const now = new Date();
    const row: projects.ProjectRow = {
      project_id: newProjectId(),
      org_id: ctx.principal.orgId,
      name: body.name,
      app_description: body.appDescription ?? null,
      // Filled in from the contract's defaults by validation.
      target_gender: body.targetGender!,
      brand_voice: body.brandVoice!,
      language: body.language!,
      initial_influencer_id: null,
      initial_job_id: null,
      created_at: now,
      updated_at: now,
    };
    await projects.insertProject(ctx.db, row);
    if (row.app_description) {
      const job = await startInfluencer(
        ctx,
        row,
        {
          gender: inheritedGender(row.target_gender),
          // The first influencer is created as if by an empty create body: the contract's defaults.
          ageRange: ctx.defaults('createInfluencer').ageRange!,
          brandVoice: row.brand_voice,
          language: row.language,
        },
        failureFor(row.app_description),
      );
      await projects.setInitialInfluencer(ctx.db, row.project_id, job.influencer_id, job.job_id);
      ctx.wrote.projectId = row.project_id;
      row.initial_influencer_id = job.influencer_id;
      row.initial_job_id = job.job_id;
    }
    return { status: 201, body: projects.projectOut(row), headers: { location: `/v1/projects/${row.project_id}` } };
  },

  async getProject(ctx) {
    return { status: 200, body: projects.projectOut(await projectOr404(ctx, ctx.params.projectId)) };
  },

  async createInfluencer(ctx) {
    const project = await projectOr404(ctx, ctx.params.projectId);
    const body = ctx.body ?? {};
    const job = await startInfluencer(
      ctx,
      project,
      {
        gender: body.gender ?? inheritedGender(project.target_gender),
        ageRange: body.ageRange!, // filled in from the contract's default by validation
        brandVoice: project.brand_voice,
        language: project.language,
        prompt: body.prompt ?? null,
      },
      failureFor(body.prompt),
    );
    return accepted(job);
  },

  async listInfluencers(ctx) {
    const project = await projectOr404(ctx, ctx.params.projectId);
    const limit = ctx.query.limit!; // the contract's default is filled in
    const after = ctx.query.cursor !== undefined ? ctx.cursors.decode(ctx.query.cursor, project.project_id) : 0;
    const rows = await influencers.listInfluencersPage(ctx.db, project.project_id, after, limit + 1);
    const page = rows.slice(0, limit);
    const now = Date.now();
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        data: page.map((row) => influencers.influencerOut(row, ctx.mediaBase, now)),
        nextCursor: rows.length > limit && last ? ctx.cursors.encode(project.project_id, last.seq) : null,
      },
    };
  },

  async getInfluencer(ctx) {
    const row = await influencerForRead(ctx, ctx.params.influencerId);
    return { status: 200, body: influencers.influencerOut(row, ctx.mediaBase, Date.now()) };
  },

  async patchInfluencer(ctx) {
    const row = await influencerForWrite(ctx, ctx.params.influencerId);
    const { body } = ctx;
    const updated = await influencers.patchInfluencer(
      ctx.db,
      row,
      { name: body.name, gender: body.gender, age_range: body.ageRange, brand_voice: body.brandVoice, language: body.language },
      new Date(),
    );
    return { status: 200, body: influencers.influencerOut(updated, ctx.mediaBase, Date.now()) };
  },

  async deleteInfluencer(ctx) {
    const row = await influencerForWrite(ctx, ctx.params.influencerId);
    const now = new Date();
    await influencers.softDeleteInfluencer(ctx.db, row.influencer_id, ctx.body?.reason ?? null, now);
    return { status: 200, body: { influencerId: row.influencer_id, status: 'deleted', deletedAt: now.toISOString() } };
  },

  async cloneInfluencer(ctx) {
    const source = await influencerForRead(ctx, ctx.params.influencerId);
    const status = influencers.statusAt(source, Date.now());
    if (status !== 'ready') throw new ApiError('CONFLICT', `Source influencer is not ready (it is ${status}).`);
    const project = await projectOr404(ctx, source.project_id);
    const { body } = ctx;
    const overrides = body.overrides ?? {};
    const job = await startInfluencer(
      ctx,
      project,
      {
        name: body.name,
        // The clone keeps the source's appearance (D19): gender and age are the source's.
        gender: source.gender,
        ageRange: source.age_range,
        brandVoice: overrides.brandVoice ?? source.brand_voice,
        language: overrides.language ?? source.language,
        prompt: body.prompt ?? null,
        sourceId: source.influencer_id,
      },
      failureFor(body.prompt) ?? failureFor(body.name),
    );
    return accepted(job);
  },

  async getJob(ctx) {
    const row = await ctx.reads.job(ctx.db, ctx.principal.orgId, ctx.params.jobId);
    if (!row) throw notFound('Job');
    return { status: 200, body: jobs.jobOut(row, Date.now()) };
  },
};
