/**
 * The Spectral governance layer (.spectral.yaml + spectral/functions) run for real: the ruleset is
 * bundled and loaded once, exactly as the CLI does, then every custom rule is checked against a
 * bad fixture it must flag and a good fixture it must not, and the real contract must lint clean.
 */
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Spectral, type ISpectralDiagnostic, type Ruleset } from '@stoplight/spectral-core';
import { Yaml } from '@stoplight/spectral-parsers';
import type { Resolver } from '@stoplight/spectral-ref-resolver';
import { bundleAndLoadRuleset } from '@stoplight/spectral-ruleset-bundler/with-loader';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'tests/spectral/fixtures');
// Same resolver the CLI gets through `--resolver`: reads `$ref: ./info.md` descriptions as text.
const resolver = createRequire(import.meta.url)(join(ROOT, 'spectral/resolver.cjs')) as Resolver;

// Severity numbers of @stoplight/types' DiagnosticSeverity.
const ERROR = 0;
const WARN = 1;

let ruleset: Ruleset;

beforeAll(async () => {
  ruleset = await bundleAndLoadRuleset(join(ROOT, '.spectral.yaml'), {
    fs,
    fetch: () => Promise.reject(new Error('the ruleset must load without network access')),
  });
});

async function lint(file: string): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral({ resolver });
  spectral.setRuleset(ruleset);
  return spectral.run(new Document(readFileSync(file, 'utf8'), Yaml, file));
}

const show = (results: ISpectralDiagnostic[]) =>
  results.map(r => `${r.code} ${r.path.join('.')} ${r.message} (${r.source ?? ''})`).join('\n');

/**
 * Each custom rule, with the paths its bad fixture must be flagged at. A path is the result's
 * `path` joined with '.'; it is relative to the file named in `source` when that is not bad.yaml.
 */
const CASES: Record<string, { bad: string[]; badFile?: string; goodFile?: string }> = {
  'layers-error-envelope': {
    bad: ['paths./v1/widgets/{widgetId}.get.responses.404.content.application/json.schema'],
  },
  'layers-error-code-status': {
    bad: ['paths./v1/widgets/{widgetId}.get.responses.404.content.application/json.examples.wrong_code.value.error.code'],
  },
  'layers-error-code-status-map': {
    bad: [
      'components.schemas.ErrorCode.x-http-status',
      'components.schemas.ErrorCode.x-http-status.CONFLICT',
      'components.schemas.ErrorCode.x-http-status.GONE',
    ],
  },
  'layers-post-idempotency-key': { bad: ['paths./v1/widgets.post'] },
  'layers-operation-id-style': {
    bad: [
      'paths./v1/widgets/{widgetId}.get.operationId',
      'paths./v1/widgets/{widgetId}.delete.operationId',
      'paths./v1/widgets.get.operationId',
    ],
  },
  'layers-operation-id-verb-method': {
    bad: ['paths./v1/widgets.get.operationId', 'paths./v1/widgets.post.operationId'],
  },
  'layers-camel-case-properties': {
    bad: [
      'paths./v1/widgets.post.requestBody.content.application/json.schema.properties.WidgetName',
      'paths./v1/widgets.post.responses.200.content.application/json.schema.properties.data.items.properties.created_at',
    ],
  },
  'layers-prefixed-id-pattern': {
    bad: [
      'paths./v1/widgets/{widgetId}.parameters.0.schema',
      'components.schemas.Widget.properties.widgetId',
      'components.schemas.Widget.properties.ownerId',
    ],
  },
  'layers-id-prefix-consistent': { bad: ['paths./v1/widgets/{widgetId}.parameters.0.schema'] },
  'layers-operation-lifecycle': {
    bad: [
      'paths./v1/widgets/{widgetId}.get',
      'paths./v1/widgets/{widgetId}.delete.x-lifecycle.phase',
      'paths./v1/widgets/{widgetId}.delete.x-lifecycle.stability',
      'paths./v1/widgets.get.x-lifecycle.since',
      'paths./v1/widgets.get.x-lifecycle.stability',
      'paths./v1/widgets.post.x-lifecycle.stability',
    ],
  },
  'layers-operation-scopes': {
    bad: [
      'paths./v1/widgets.get',
      'paths./v1/widgets.post.security',
      'paths./v1/widgets.post.security.0.bearerAuth.0',
      'paths./v1/widgets/{widgetId}.get.security.0.bearerAuth',
      'paths./v1/widgets/{widgetId}.patch.security',
      'paths./v1/widgets/{widgetId}.delete.security.0',
    ],
  },
  'layers-media-type-examples': {
    bad: [
      'paths./v1/widgets.post.requestBody.content.application/json',
      'paths./v1/widgets.post.responses.201.content.application/json',
    ],
  },
  'layers-schema-examples': { bad: ['components.schemas.WidgetName', 'components.schemas.Widget'] },
  'layers-strict-objects': { bad: ['components.schemas.Widget', 'components.schemas.Widget.properties.size'] },
  'layers-accepted-job': {
    bad: ['paths./v1/widgets.post.responses.202', 'paths./v1/widgets.post.responses.202.content.application/json.schema'],
  },
};

describe('the ruleset', () => {
  it('extends spectral:oas and the OWASP ruleset from node_modules', () => {
    expect(ruleset.rules['oas3-schema']?.enabled).toBe(true);
    expect(ruleset.rules['owasp:api2:2023-no-http-basic']?.enabled).toBe(true);
    expect(ruleset.rules['owasp:api4:2023-rate-limit-retry-after']?.enabled).toBe(true);
  });

  it('turns off only the rules documented in .spectral.yaml', () => {
    const off = Object.values(ruleset.rules)
      .filter(rule => rule.definition.recommended !== false && !rule.enabled)
      .map(rule => rule.name);
    expect(off.sort()).toEqual([
      'oas3-operation-security-defined',
      'owasp:api4:2023-rate-limit',
      'owasp:api8:2023-define-cors-origin',
    ]);
  });
});

describe('every custom rule is covered', () => {
  it('has a case here for each layers-* rule in .spectral.yaml', () => {
    const custom = Object.keys(ruleset.rules).filter(name => name.startsWith('layers-'));
    expect(custom.sort()).toEqual(Object.keys(CASES).sort());
  });

  it('runs every layers-* rule at severity error', () => {
    for (const name of Object.keys(CASES)) expect(ruleset.rules[name]?.severity, name).toBe(ERROR);
  });
});

describe.each(Object.entries(CASES))('%s', (code, { bad }) => {
  it('flags the bad fixture at the expected paths', async () => {
    const results = (await lint(join(FIXTURES, code, 'bad.yaml'))).filter(r => r.code === code);
    expect(results.length, show(results)).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.severity).toBe(ERROR);
      expect(result.path.length, show([result])).toBeGreaterThan(0);
    }
    expect(results.map(r => r.path.join('.'))).toEqual(expect.arrayContaining(bad));
  });

  it('does not flag the good fixture', async () => {
    const results = (await lint(join(FIXTURES, code, 'good.yaml'))).filter(r => r.code === code);
    expect(results, show(results)).toEqual([]);
  });
});

describe('layers-schema-examples on a split source', () => {
  it('flags a schema file without examples, at that file', async () => {
    const results = (await lint(join(FIXTURES, 'layers-schema-examples/split-bad/openapi.yaml'))).filter(
      r => r.code === 'layers-schema-examples',
    );
    expect(results.map(r => r.source?.replace(/\\/g, '/'))).toEqual([
      expect.stringMatching(/split-bad\/components\/schemas\/Widget\.yaml$/),
    ]);
  });

  it('does not flag schema files that have examples', async () => {
    const results = (await lint(join(FIXTURES, 'layers-schema-examples/split-good/openapi.yaml'))).filter(
      r => r.code === 'layers-schema-examples',
    );
    expect(results, show(results)).toEqual([]);
  });
});

describe('the real contract', () => {
  it('openapi/openapi.yaml has no error or warning results', async () => {
    const results = await lint(join(ROOT, 'openapi/openapi.yaml'));
    const severe = results.filter(r => r.severity === ERROR || r.severity === WARN);
    expect(severe, show(severe)).toEqual([]);
  });
});
