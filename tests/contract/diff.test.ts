/**
 * The breaking-change gate, proved with fixtures: each kind of breaking change, made to a copy of
 * the real contract, is caught and names the operations it breaks; additive changes pass; and the
 * script fails a breaking change without a major bump but passes it with one.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/contract/bundle.js';
import { diffContracts } from '../../src/contract/diff.js';
import type { OpenApiDocument } from '../../src/contract/oas.js';
import { bin, repoRoot } from '../../scripts/lib/paths.js';

const doc = readBundle();
// Fixtures edit the document the way a person edits the JSON, by path; typing each path buys nothing.
type Doc = any;
const mutate = (fn: (d: Doc) => void): OpenApiDocument => {
  const copy = structuredClone(doc);
  fn(copy);
  return copy;
};
const schemas = (d: Doc) => d.components.schemas;

const breakingCases: Array<[string, (d: Doc) => void, RegExp]> = [
  ['removed operation', (d) => delete d.paths['/v1/jobs/{jobId}'].get, /GET \/v1\/jobs\/\{jobId\} \(getJob\).*operation removed/],
  ['removed response field', (d) => delete schemas(d).Influencer.properties.brandVoice, /getInfluencer.*property removed.*response 200\.brandVoice/],
  ['removed request field', (d) => delete schemas(d).InfluencerPatchRequest.properties.language, /patchInfluencer.*property removed.*body\.language/],
  ['renamed field', (d) => {
    const p = schemas(d).Influencer.properties;
    p.voice = p.brandVoice;
    delete p.brandVoice;
    schemas(d).Influencer.required = schemas(d).Influencer.required.map((r: string) => (r === 'brandVoice' ? 'voice' : r));
  }, /listInfluencers.*property removed.*brandVoice/],
  ['new required request field', (d) => (schemas(d).InfluencerCreateRequest.required = ['gender']), /createInfluencer.*property became required.*body\.gender/],
  ['enum value removed from a request', (d) => schemas(d).AgeRange.enum.pop(), /createInfluencer.*enum value removed.*"senior"/],
  ['enum value added to a response', (d) => schemas(d).JobStatus.enum.push('queued'), /getJob.*enum value added.*"queued"/],
  ['type change', (d) => (schemas(d).Job.properties.completedAt = { type: 'integer', format: 'int64' }), /getJob.*(type changed|no longer nullable|became)/],
  ['narrowed constraint', (d) => (schemas(d).Prompt.maxLength = 40), /createInfluencer.*constraint narrowed.*maxLength 60 → 40/],
  ['changed scope', (d) => (d.paths['/v1/influencers/{influencerId}'].get.security = [{ bearerAuth: ['influencers:write'] }, { apiKeyAuth: ['influencers:write'] }]), /getInfluencer.*auth changed/],
  ['removed auth scheme', (d) => (d.paths['/v1/jobs/{jobId}'].get.security = [{ bearerAuth: ['jobs:read'] }]), /getJob.*auth changed/],
  ['scope that no longer grants an operation', (d) => (d.paths['/v1/jobs/{jobId}'].get.security = d.paths['/v1/jobs/{jobId}'].get.security.filter((r: Record<string, string[]>) => !Object.values(r).flat().includes('influencers:write'))), /getJob.*auth changed.*no longer accepts bearerAuth:influencers:write/],
  ['new required parameter', (d) => d.paths['/v1/projects/{projectId}/influencers'].get.parameters.push({ name: 'status', in: 'query', required: true, schema: { type: 'string', maxLength: 10 } }), /listInfluencers.*required parameter added/],
  ['removed success response', (d) => {
    const op = d.paths['/v1/projects'].post;
    op.responses['200'] = op.responses['201'];
    delete op.responses['201'];
  }, /createProject.*response removed.*201/],
];

const additiveCases: Array<[string, (d: Doc) => void]> = [
  ['new optional request field', (d) => (schemas(d).InfluencerPatchRequest.properties.nickname = { type: 'string', maxLength: 20, pattern: '^\\S+$' })],
  ['new operation', (d) => (d.paths['/v1/projects/{projectId}'].delete = structuredClone(d.paths['/v1/influencers/{influencerId}'].delete))],
  ['widened request constraint', (d) => schemas(d).Prompt.maxLength++],
  ['enum value added to a request', (d) => schemas(d).InfluencerCloneOverrides.properties.gender = { type: 'string', enum: ['male', 'female', 'non_binary', 'other'] }],
  ['new documented error status', (d) => (d.paths['/v1/jobs/{jobId}'].get.responses['409'] = d.paths['/v1/projects'].post.responses['409'])],
  ['description edit', (d) => (schemas(d).Influencer.description = 'Edited.')],
  ['scope that now also grants an operation', (d) => d.paths['/v1/projects/{projectId}'].get.security.push({ bearerAuth: ['jobs:read'] }, { apiKeyAuth: ['jobs:read'] })],
];

/** A failed execFile's exit code and stdout. */
function exitOf(error: unknown): { code: number | undefined; stdout: string } {
  if (!(error instanceof Error)) throw error;
  const code = 'code' in error && typeof error.code === 'number' ? error.code : undefined;
  const stdout = 'stdout' in error && typeof error.stdout === 'string' ? error.stdout : '';
  return { code, stdout };
}

const render = (changes: ReturnType<typeof diffContracts>) => changes.map((c) => `${c.breaking ? 'BREAKING' : 'ok'} ${c.operation} ${c.kind}: ${c.message}`).join('\n');

describe('the diff engine', () => {
  it('finds nothing between the contract and itself', () => {
    expect(diffContracts(doc, structuredClone(doc))).toEqual([]);
  });

  it.each(breakingCases)('flags a %s as breaking, naming the operation', (_name, change, expected) => {
    const report = render(diffContracts(doc, mutate(change)).filter((c) => c.breaking));
    expect(report).toMatch(expected);
  });

  it('names every operation a shared schema reaches', () => {
    const changes = diffContracts(doc, mutate((d) => schemas(d).Gender.enum.pop())).filter((c) => c.breaking);
    const operations = new Set(changes.map((c) => c.operation.match(/\((\w+)\)/)?.[1]));
    // Gender reaches create and patch requests; clone's overrides no longer carry it (D19, 2.0.0).
    expect([...operations].sort()).toEqual(['createInfluencer', 'patchInfluencer']);
  });

  it.each(additiveCases)('lets a %s through', (_name, change) => {
    const changes = diffContracts(doc, mutate(change));
    expect(render(changes.filter((c) => c.breaking))).toBe('');
  });
});

describe('npm run breaking', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layers-breaking-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, d: OpenApiDocument) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(d));
    return file;
  };
  const run = async (revision: OpenApiDocument) => {
    try {
      const { stdout } = await promisify(execFile)(bin('tsx'),
        ['scripts/breaking.ts', '--base', write('base.json', doc), '--revision', write(`rev-${Math.random()}.json`, revision)], { cwd: repoRoot });
      return { code: 0, stdout };
    } catch (error) {
      return exitOf(error);
    }
  };

  it('fails a breaking change without a major bump, saying what broke and for whom', async () => {
    const result = await run(mutate((d) => schemas(d).AgeRange.enum.pop()));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/POST \/v1\/projects\/\{projectId\}\/influencers \(createInfluencer\)\n\s+✖ enum value removed — breaks clients sending requests/);
    expect(result.stdout).toMatch(/enum-values-removed/); // Redocly's second opinion agrees
    expect(result.stdout).toMatch(/need a major version bump/);
  }, 60_000);

  it('passes the same change with a major bump', async () => {
    const result = await run(mutate((d) => {
      schemas(d).AgeRange.enum.pop();
      d.info.version = `${Number(doc.info.version.split('.')[0]) + 1}.0.0`;
    }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/breaking changes, with a major version bump/);
  }, 60_000);

  it('passes additive changes', async () => {
    const result = await run(mutate((d) => (schemas(d).InfluencerPatchRequest.properties.nickname = { type: 'string', maxLength: 20, pattern: '^\\S+$' })));
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/no breaking changes/);
  }, 60_000);
});
