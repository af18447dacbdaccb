/**
 * The MSW double's memory: projects, influencers and jobs of one `createHandlers()` call, built
 * from the contract's own examples (the `ready` influencer, the `project`, the `succeeded` job) with
 * the request's fields, fresh ids and the current time. Jobs finish on the first read after
 * `jobMs`; a `prompt`, clone `name` or `appDescription` containing `sandbox:fail` or
 * `sandbox:reject` fails the job as the sandbox does.
 */
import type {
  Influencer,
  InfluencerCloneRequest,
  InfluencerCreateRequest,
  InfluencerPatchRequest,
  Job,
  JobError,
  Project,
  ProjectCreateRequest,
} from '../../generated/schema.js';
import { newInfluencerId, newJobId, newProjectId, ulid } from '../contract/ids.js';
import type { Contract, OperationId } from '../contract/model.js';

function example<T>(contract: Contract, operationId: OperationId, name: string): T {
  const op = contract.operation(operationId);
  const found = op.responses.find((r) => r.status === op.successStatus)?.examples.find((e) => e.name === name);
  if (!found) throw new Error(`msw: ${operationId} has no ${name} example in the contract`);
  return structuredClone(found.value) as T; // the contract's example of this response, linted against its schema
}

const FAILURES: Array<[marker: string, error: JobError]> = [
  ['sandbox:fail', { code: 'RENDER_FAILED', message: 'Rendering the reference images failed.' }],
  ['sandbox:reject', { code: 'PROMPT_REJECTED', message: 'The prompt was rejected by the content policy.' }],
];
const failureFor = (text: string | null | undefined): JobError | undefined => FAILURES.find(([marker]) => text?.includes(marker))?.[1];

interface JobRecord {
  job: Job;
  doneAt: number;
  failure?: JobError;
}

export interface Store {
  createProject(body: ProjectCreateRequest): Project;
  project(projectId: string): Project | undefined;
  createInfluencer(project: Project, body: InfluencerCreateRequest): Job;
  cloneInfluencer(source: Influencer, body: InfluencerCloneRequest): Job;
  /** A live (not deleted) influencer, its job settled first. */
  influencer(influencerId: string): Influencer | undefined;
  influencersOf(projectId: string): Influencer[];
  patch(influencer: Influencer, body: InfluencerPatchRequest): Influencer;
  remove(influencer: Influencer): string;
  job(jobId: string): Job | undefined;
}

export function createStore(contract: Contract, options: { jobMs: number; mediaBaseUrl: string }): Store {
  const templates = {
    project: example<Project>(contract, 'getProject', 'project'),
    influencer: example<Influencer>(contract, 'getInfluencer', 'ready'),
    job: example<Job>(contract, 'getJob', 'succeeded'),
  };
  const projects = new Map<string, Project>();
  const influencers = new Map<string, Influencer>();
  const deleted = new Set<string>();
  const jobs = new Map<string, JobRecord>();
  const now = () => new Date().toISOString();

  const images = (at: string): Influencer['referenceImages'] =>
    templates.influencer.referenceImages.map(() => {
      const assetId = `med_${ulid()}`;
      return { assetId, url: `${options.mediaBaseUrl}/media/${assetId}.png`, thumbnailUrl: `${options.mediaBaseUrl}/media/${assetId}-thumb.png`, addedAt: at };
    });

  function settle(record: JobRecord): Job {
    if (record.job.status !== 'running' || Date.now() < record.doneAt) return record.job;
    const at = now();
    const influencer = influencers.get(record.job.influencerId);
    record.job = { ...record.job, status: record.failure ? 'failed' : 'succeeded', updatedAt: at, completedAt: at, error: record.failure ?? null };
    if (influencer) {
      influencers.set(
        influencer.influencerId,
        record.failure
          ? { ...influencer, status: 'failed', failure: { jobId: record.job.jobId, error: record.failure }, updatedAt: at }
          : { ...influencer, status: 'ready', referenceImages: images(at), updatedAt: at },
      );
    }
    return record.job;
  }

  function startJob(influencer: Influencer, failure: JobError | undefined): Job {
    const jobId = newJobId();
    const at = now();
    const job: Job = { ...templates.job, jobId, influencerId: influencer.influencerId, locationUrl: `/v1/jobs/${jobId}`, status: 'running', createdAt: at, updatedAt: at, completedAt: null, error: null };
    jobs.set(jobId, { job, doneAt: Date.now() + options.jobMs, ...(failure ? { failure } : {}) });
    influencers.set(influencer.influencerId, influencer);
    return job;
  }

  function newInfluencer(projectId: string, fields: Partial<Influencer>): Influencer {
    const at = now();
    const ordinal = [...influencers.values()].filter((i) => i.projectId === projectId).length;
    return {
      ...templates.influencer,
      influencerId: newInfluencerId(),
      projectId,
      name: ordinal === 0 ? templates.influencer.name : `${templates.influencer.name} ${ordinal + 1}`,
      status: 'pending',
      failure: null,
      referenceImages: [],
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
  }

  const live = (influencerId: string) => (deleted.has(influencerId) ? undefined : influencers.get(influencerId));
  const settleFor = (influencerId: string) => {
    for (const record of jobs.values()) if (record.job.influencerId === influencerId) settle(record);
  };

  const store: Store = {
    createProject(body) {
      const at = now();
      const project: Project = {
        ...templates.project,
        projectId: newProjectId(),
        name: body.name,
        appDescription: body.appDescription ?? null,
        targetGender: body.targetGender ?? templates.project.targetGender,
        brandVoice: body.brandVoice ?? templates.project.brandVoice,
        language: body.language ?? templates.project.language,
        initialInfluencer: null,
        createdAt: at,
        updatedAt: at,
      };
      projects.set(project.projectId, project);
      if (body.appDescription) {
        const job = store.createInfluencer(project, {});
        const withFailure = failureFor(body.appDescription);
        if (withFailure) jobs.get(job.jobId)!.failure = withFailure;
        project.initialInfluencer = { influencerId: job.influencerId, jobId: job.jobId };
      }
      return project;
    },
    project: (projectId) => projects.get(projectId),
    createInfluencer(project, body) {
      const gender = body.gender ?? (project.targetGender === 'male' ? 'male' : 'female');
      const influencer = newInfluencer(project.projectId, {
        gender,
        ...(body.ageRange ? { ageRange: body.ageRange } : {}),
        brandVoice: project.brandVoice,
        language: project.language,
      });
      return startJob(influencer, failureFor(body.prompt));
    },
    cloneInfluencer(source, body) {
      const influencer = newInfluencer(source.projectId, {
        name: body.name,
        gender: source.gender,
        ageRange: source.ageRange,
        brandVoice: source.brandVoice,
        language: source.language,
        ...body.overrides,
      });
      return startJob(influencer, failureFor(body.name));
    },
    influencer(influencerId) {
      settleFor(influencerId);
      return live(influencerId);
    },
    influencersOf(projectId) {
      return [...influencers.keys()].map((id) => store.influencer(id)).filter((i): i is Influencer => i !== undefined && i.projectId === projectId);
    },
    patch(influencer, body) {
      const patched = { ...influencer, ...body, updatedAt: now() };
      influencers.set(influencer.influencerId, patched);
      return patched;
    },
    remove(influencer) {
      deleted.add(influencer.influencerId);
      return now();
    },
    job(jobId) {
      const record = jobs.get(jobId);
      return record && settle(record);
    },
  };
  return store;
}
