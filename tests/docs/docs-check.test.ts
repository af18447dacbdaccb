/**
 * The drift checker (src/docs/check/) on pages written to be wrong in one way each, and the same
 * pages corrected; the CLI's `--json` output and exit code; and, where the seed pages are present,
 * what it says about them (the older pages wrong in many ways, the later ones in few), with every
 * finding pointing at a line that holds what it names.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPage, type Finding } from '../../src/docs/check/check.js';
import { bin, repoRoot } from '../../scripts/lib/paths.js';

const check = (text: string, file = 'page.md') => checkPage(file, text);
const rules = (findings: Finding[]) => findings.map((f) => `${f.line} ${f.rule}`);

const RECORD = `{
  "influencerId": "inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c",
  "projectId": "prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39",
  "name": "Nova",
  "gender": "GENDER",
  "ageRange": "young_adult",
  "brandVoice": "casual",
  "language": "en",
  "status": "ready",
  "failure": null,
  "referenceImages": [],
  "createdAt": "2026-04-18T12:04:11.000Z",
  "updatedAt": "2026-04-18T12:04:11.000Z"
}`;

describe('docs:check rules', () => {
  it('validates a fenced record by shape: enum values, unknown and missing fields, at their lines', () => {
    expect(check(`# Influencers\n\n\`\`\`json\n${RECORD.replace('GENDER', 'non_binary')}\n\`\`\`\n`)).toEqual([]);
    const bad = check(`# Influencers\n\n\`\`\`json\n${RECORD.replace('GENDER', 'nonbinary').replace('"failure": null,', '"vibe": "warm",')}\n\`\`\`\n`);
    expect(rules(bad)).toEqual(['4 json', '8 json', '13 json']);
    expect(bad[0]!.message).toMatch(/failure/);
    expect(bad[1]!.message).toMatch(/"nonbinary", not a value of Gender: male \| female \| non_binary/);
    expect(bad[2]!.message).toMatch(/`vibe` is not a field of Influencer/);
  });

  it('reads bare JSON in a rendered page, and picks the answer by the status written before it', () => {
    const page = ['GET /v1/influencers/:influencerId', 'Responses', '404Influencer not found.', '{', '"error": { "code": "CONFLICT", "message": "Gone.", "requestId": "req_01HXZ9G7KMV2QX8Y1S5RJW3B7T" }', '}'].join('\n');
    const findings = check(page, 'page.txt');
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/`CONFLICT` is always sent with 409, not 404/)]);
    expect(findings[0]!.line).toBe(5);
  });

  it('takes JSON after -d as the request body, and an elided id only by its prefix', () => {
    const ok = "```sh\ncurl -X POST https://api.layers.com/v1/influencers/inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c/clone \\\n  -H \"Authorization: Bearer $LAYERS_API_KEY\" \\\n  -d '{\"name\": \"Nova (ES)\"}'\n```\n";
    expect(check(ok)).toEqual([]);
    expect(rules(check(ok.replace('"Nova (ES)"', '"Nova", "newInfluencerId": "inf_x"')))).toEqual(['4 json']);
    expect(check('# X\n\n```json\n{ "jobId": "job_01HX...", "kind": "influencer_create" }\n```\n').filter((f) => /jobId/.test(f.message))).toEqual([]);
    expect(check('# X\n\n```json\n{ "jobId": "task_01HX...", "kind": "influencer_create", "status": "running" }\n```\n').some((f) => /every JobId starts with `job_`/.test(f.message))).toBe(true);
  });

  it('reads the object a JavaScript sample sends with JSON.stringify, and no other object literal', () => {
    const sample = (body: string) => [
      '```ts',
      'const res = await fetch(`https://api.layers.com/v1/influencers/${influencerId}/clone`, {',
      "  method: 'POST',",
      `  body: JSON.stringify(${body}),`,
      '});',
      "await layers.cloneInfluencer({ influencerId: 'inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c' }, { name: 'Nova' });",
      '```',
    ].join('\n');
    expect(check(sample("{ name: 'Nova (EU)', overrides: { language: 'de' } }"))).toEqual([]);
    const bad = check(sample("{ name: 'Nova (EU)', overrides: { style: 'minimal' } }"));
    expect(bad.map((f) => [f.line, f.message])).toEqual([[4, expect.stringMatching(/`overrides\.style` is not a field/)]]);
  });

  it('reports endpoints that name no operation, wrong methods and links to missing pages; not content endpoints', () => {
    const page = [
      '# P',
      '`POST /v1/influencers/:influencerId/reference-images` binds images.',
      'Call `PUT /v1/influencers/:influencerId`, then poll `/v1/jobs/:jobId`.',
      'See [create](/docs/api/reference/influencers/create-influencer) and [old](/docs/api/reference/influencers/reference-images).',
      'Content: `POST /v1/projects/:projectId/content/slideshow-remix`, [remix](/docs/api/reference/content/slideshow-remix).',
    ].join('\n');
    expect(rules(check(page))).toEqual(['2 endpoint', '3 endpoint', '4 link']);
  });

  it('checks prose enumerations against the schema, whole lists and partial ones', () => {
    expect(check('# P\n\nStatus values: `pending | training | ready | failed`. Job status values: `running | succeeded | failed`.\n')).toEqual([]);
    const bad = check('# P\n\nStatus values: `draft | pending | training | ready | failed`.\n\n* **`brandVoice`** is one of (`authentic | witty | snarky`).\n');
    expect(rules(bad)).toEqual(['3 enum', '5 enum']);
    expect(bad[0]!.message).toMatch(/`draft` is not a value/);
    expect(bad[1]!.message).toMatch(/`snarky` is not a value/);
  });

  it('checks headers, scopes and error codes', () => {
    const page = [
      '# P',
      '```sh',
      'curl https://api.layers.com/v1/influencers/inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c -H "X-Layers-Key: $LAYERS_API_KEY"',
      '```',
      'Needs `influencers:admin`. A bad body is `404 VALIDATION`; a gone one answers the error `NOT_THERE`; `MOCK_PORT` moves the mock.',
    ].join('\n');
    expect(rules(check(page))).toEqual(['3 header', '5 scope', '5 error-code', '5 error-code']);
  });

  it('checks a reference page: <Endpoint> scope and badges, <Parameters> rows, <Response> statuses', () => {
    const page = [
      '# GET /v1/influencers/:influencerId',
      '',
      '<Endpoint method="GET" path="/v1/influencers/:influencerId" scope="influencers:write" phase="1" stability="beta" />',
      '',
      '## Path parameters [#path-parameters]',
      '',
      "<Parameters rows=\"[{ name: 'influencerId', type: 'string (uuid)', required: true }]\" />",
      '',
      '## Responses [#responses]',
      '',
      '<Response status="201" description="Made.">',
      '</Response>',
    ].join('\n');
    const findings = check(page, 'page.mdx');
    expect(rules(findings)).toEqual(['3 lifecycle', '3 scope', '7 parameters', '11 status']);
    expect(findings[1]!.message).toMatch(/scope is `influencers:read`; `influencers:write` also grants it/);
    expect(findings[2]!.message).toMatch(/string \(InfluencerId\).*not string \(uuid\)/);
  });
});

describe('docs:check command', () => {
  it('prints a JSON array of findings and exits 1; exits 0 on a clean page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-check-'));
    const bad = join(dir, 'bad.md');
    const good = join(dir, 'good.md');
    writeFileSync(bad, '# P\n\nGender values: `male | female | nonbinary`.\n');
    writeFileSync(good, '# P\n\nGender values: `male | female | non_binary`.\n');
    const run = spawnSync(bin('tsx'), ['scripts/docs-check.ts', '--json', bad, good], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const findings = JSON.parse(run.stdout) as Finding[];
    expect(findings).toEqual([{ file: expect.stringMatching(/bad\.md$/), line: 3, rule: 'enum', message: expect.stringMatching(/`nonbinary` is not a value; `non_binary` is missing/) }]);
    expect(execFileSync(bin('tsx'), ['scripts/docs-check.ts', good], { cwd: repoRoot, encoding: 'utf8' })).toContain('0 findings');
  }, 60_000);
});

const SEEDS = process.env.SEEDS_DIR ?? join(repoRoot, '../shared/seeds');
const seed = (id: string) => {
  const file = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith(`${id}_`)) : undefined;
  return file ? { file, text: readFileSync(join(SEEDS, file), 'utf8') } : undefined;
};

describe.skipIf(!seed('000'))('docs:check on the seed pages', () => {
  const findingsOf = (id: string) => {
    const s = seed(id)!;
    return { lines: s.text.split('\n'), findings: checkPage(s.file, s.text) };
  };

  it('stays mostly quiet on the later revision', () => {
    expect(findingsOf('000').findings.length).toBeLessThanOrEqual(4);
    expect(findingsOf('002').findings.length).toBeLessThanOrEqual(3);
  });

  it('flags what the older pages got wrong', () => {
    const older = ['001', '003', '004'].map((id) => findingsOf(id).findings.map((f) => f.message).join('\n'));
    expect(older[0]).toMatch(/reference-images` names no operation/);
    expect(older[0]).toMatch(/`personality` is not a field of Influencer/);
    expect(older[0]).toMatch(/"influencer_clone", not a value of JobKind/);
    expect(older[1]).toMatch(/getInfluencer's scope is `influencers:read`/);
    expect(older[1]).toMatch(/not a valid Timestamp/);
    expect(older[2]).toMatch(/`newInfluencerId` is not a body field of cloneInfluencer/);
    expect(older[2]).toMatch(/`overrides\.vibe` is not a field/);
    expect(older[2]).toMatch(/`overrides\.style` is not a field/);
  });

  it('points every finding at a line that holds what it names', () => {
    for (const id of ['000', '001', '002', '003', '004']) {
      const { lines, findings } = findingsOf(id);
      for (const f of findings) {
        const named = /^`([^`]+)`/.exec(f.message)?.[1]?.split(/[.[\s]/).at(-1);
        if (named && f.rule !== 'endpoint') expect(lines[f.line - 1], `${id}:${f.line} ${f.message}`).toContain(named.replace(/\]$/, ''));
      }
    }
  });
});
