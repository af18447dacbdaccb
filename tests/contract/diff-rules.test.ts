/**
 * Every rule of the breaking-change engine (src/contract/diff.ts), one small change at a time on a
 * minimal contract, with the exact Change each produces: kind, breaking or not, who it affects, where,
 * and the message the gate prints. diff.test.ts proves the same rules on the real contract.
 */
import { describe, expect, it } from 'vitest';
import { diffContracts, majorOf, type Change } from '../../src/contract/diff.js';
import type { OpenApiDocument } from '../../src/contract/oas.js';

// Fixtures edit the document by path, as a person edits the JSON; typing each path buys nothing.
type Doc = any;
const OP = 'POST /v1/things/{thingId} (makeThing)';

function base(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'Rules', version: '1.0.0' },
    paths: {
      '/v1/things/{thingId}': {
        post: {
          operationId: 'makeThing',
          security: [{ bearerAuth: ['things:write'] }, { apiKeyAuth: ['things:write'] }],
          parameters: [
            { name: 'thingId', in: 'path', required: true, schema: { type: 'string', minLength: 4, maxLength: 40, pattern: '^thg_' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 } },
          ],
          requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingRequest' } } } },
          responses: {
            '201': {
              description: 'Created',
              headers: { Location: { required: true, schema: { type: 'string' } }, 'X-Trace': { schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            '404': { description: 'Not found', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Colour: { type: 'string', enum: ['red', 'green'] },
        Code: { type: 'string', maxLength: 32, 'x-extensible-enum': ['A', 'B'] },
        ThingRequest: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 50, pattern: '^\\S' },
            colour: { $ref: '#/components/schemas/Colour' },
            note: { type: 'string' },
            tags: { type: 'array', minItems: 0, maxItems: 5, items: { type: 'string', maxLength: 10 } },
            size: { type: 'number', minimum: 0, maximum: 10, exclusiveMinimum: -1, exclusiveMaximum: 11 },
            extra: { type: 'object', minProperties: 0, maxProperties: 3 },
            parent: { oneOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] },
          },
        },
        Thing: {
          type: 'object',
          required: ['id', 'colour', 'kind'],
          properties: {
            id: { type: 'string', maxLength: 40 },
            colour: { $ref: '#/components/schemas/Colour' },
            code: { $ref: '#/components/schemas/Code' },
            kind: { const: 'thing' },
            note: { type: 'string' },
            count: { type: 'integer', minimum: 0, maximum: 9 },
            at: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  };
}

const op = (d: Doc) => d.paths['/v1/things/{thingId}'].post;
const s = (d: Doc) => d.components.schemas;
const diff = (change: (d: Doc) => void): Change[] => {
  const after = base();
  change(after);
  return diffContracts(base() as OpenApiDocument, after as OpenApiDocument);
};
const change = (breaking: boolean, affects: Change['affects'], kind: string, where: string, message: string): Change => ({ breaking, operation: OP, affects, kind, where, message });
const req = (breaking: boolean, kind: string, where: string, message: string) => change(breaking, 'request', kind, where, message);
const res = (breaking: boolean, kind: string, where: string, message: string) => change(breaking, 'response', kind, where, message);

describe('nothing changed', () => {
  it('is no change', () => {
    expect(diff(() => {})).toEqual([]);
  });
});

describe('operations', () => {
  it('removed: breaking for both sides', () => {
    expect(diff((d) => delete d.paths['/v1/things/{thingId}'])).toEqual([
      { breaking: true, operation: OP, affects: 'both', kind: 'operation removed', where: 'post /v1/things/{thingId}', message: `${OP} was removed` },
    ]);
  });
  it('added: not breaking', () => {
    expect(diff((d) => (d.paths['/v1/other'] = { get: { operationId: 'other', responses: { '200': { description: 'ok' } } } }))).toEqual([
      { breaking: false, operation: 'GET /v1/other (other)', affects: 'both', kind: 'operation added', where: 'get /v1/other', message: 'GET /v1/other (other) was added' },
    ]);
  });
});

describe('security', () => {
  it('a requirement removed breaks, naming what is left', () => {
    expect(diff((d) => (op(d).security = [{ bearerAuth: ['things:write'] }]))).toEqual([
      req(true, 'auth changed', 'security', 'security no longer accepts apiKeyAuth:things:write (now bearerAuth:things:write)'),
    ]);
  });
  it('every requirement removed says "nothing"', () => {
    expect(diff((d) => (op(d).security = []))).toEqual([req(true, 'auth changed', 'security', 'security no longer accepts bearerAuth:things:write | apiKeyAuth:things:write (now nothing)')]);
  });
  it('a requirement added widens', () => {
    expect(diff((d) => op(d).security.push({ bearerAuth: ['admin', 'all'] }))).toEqual([req(false, 'auth widened', 'security', 'security now also accepts bearerAuth:admin,all')]);
  });
  it('scopes of one requirement compare as a set, and schemes of one requirement too', () => {
    const before = base();
    op(before).security = [{ bearerAuth: ['b', 'a'], apiKeyAuth: ['c'] }];
    const after = base();
    op(after).security = [{ apiKeyAuth: ['c'], bearerAuth: ['a', 'b'] }];
    expect(diffContracts(before, after)).toEqual([]);
  });
});

describe('parameters', () => {
  it('removed: breaking for a path or query parameter, not for a header', () => {
    expect(diff((d) => op(d).parameters.splice(1, 1))).toEqual([req(true, 'parameter removed', 'query:limit', 'parameter query:limit was removed')]);
    expect(diff((d) => op(d).parameters.splice(2, 1))).toEqual([req(false, 'parameter removed', 'header:Idempotency-Key', 'parameter header:Idempotency-Key was removed')]);
  });
  it('an optional one becoming required breaks; a required one becoming optional does not', () => {
    expect(diff((d) => (op(d).parameters[1].required = true))).toEqual([req(true, 'parameter became required', 'query:limit', 'parameter query:limit became required')]);
    expect(diff((d) => (op(d).parameters[0].required = false))).toEqual([]);
  });
  it('added: breaking only when required', () => {
    expect(diff((d) => op(d).parameters.push({ name: 'q', in: 'query', required: true, schema: { type: 'string' } }))).toEqual([
      req(true, 'required parameter added', 'query:q', 'required parameter query:q was added'),
    ]);
    expect(diff((d) => op(d).parameters.push({ name: 'q', in: 'query', schema: { type: 'string' } }))).toEqual([req(false, 'parameter added', 'query:q', 'optional parameter query:q was added')]);
  });
  it("schemas are compared as request input, named by the parameter", () => {
    expect(diff((d) => (op(d).parameters[0].schema.maxLength = 30))).toEqual([req(true, 'constraint narrowed', 'parameter path:thingId', 'parameter path:thingId maxLength 40 → 30')]);
  });
});

describe('request bodies', () => {
  it('becoming required breaks; becoming optional does not', () => {
    expect(diff((d) => (op(d).requestBody.required = true))).toEqual([req(true, 'body became required', 'requestBody', 'the request body became required')]);
    const before = base();
    op(before).requestBody.required = true;
    expect(diffContracts(before, base())).toEqual([]);
  });
  it('removed breaks', () => {
    expect(diff((d) => delete op(d).requestBody)).toEqual([req(true, 'body removed', 'requestBody', 'the JSON request body is no longer accepted')]);
  });
  it('added, optional: not breaking', () => {
    const before = base();
    delete op(before).requestBody;
    expect(diffContracts(before, base())).toEqual([]);
  });
  it('added, required: breaking', () => {
    const before = base();
    delete op(before).requestBody;
    const after = base();
    op(after).requestBody.required = true;
    expect(diffContracts(before, after)).toEqual([req(true, 'body became required', 'requestBody', 'the request body became required')]);
  });
});

describe('properties', () => {
  it('removed from a closed request object breaks; from an open one does not', () => {
    expect(diff((d) => delete s(d).ThingRequest.properties.note)).toEqual([req(true, 'property removed', 'body.note', 'body.note was removed')]);
    expect(diff((d) => {
      delete s(d).ThingRequest.properties.note;
      s(d).ThingRequest.additionalProperties = true;
    })).toEqual([req(false, 'property removed', 'body.note', 'body.note was removed')]);
  });
  it('removed from a response breaks', () => {
    expect(diff((d) => delete s(d).Thing.properties.note)).toEqual([res(true, 'property removed', 'response 201.note', 'response 201.note was removed')]);
  });
  it('added: a required request property breaks, an optional one does not; any response property is additive', () => {
    expect(diff((d) => {
      s(d).ThingRequest.properties.owner = { type: 'string' };
      s(d).ThingRequest.required.push('owner');
    })).toEqual([req(true, 'required property added', 'body.owner', 'body.owner was added as required')]);
    expect(diff((d) => (s(d).ThingRequest.properties.owner = { type: 'string' }))).toEqual([req(false, 'property added', 'body.owner', 'body.owner was added')]);
    expect(diff((d) => {
      s(d).Thing.properties.owner = { type: 'string' };
      s(d).Thing.required.push('owner');
    })).toEqual([res(false, 'required property added', 'response 201.owner', 'response 201.owner was added as required')]);
  });
  it('became required: breaks requests, not responses', () => {
    expect(diff((d) => s(d).ThingRequest.required.push('note'))).toEqual([req(true, 'property became required', 'body.note', 'body.note became required')]);
    expect(diff((d) => s(d).Thing.required.push('note'))).toEqual([res(false, 'property became required', 'response 201.note', 'response 201.note became required')]);
  });
  it('became optional: breaks responses, not requests', () => {
    expect(diff((d) => (s(d).Thing.required = ['id', 'kind']))).toEqual([res(true, 'property became optional', 'response 201.colour', 'response 201.colour is no longer always present')]);
    expect(diff((d) => (s(d).ThingRequest.required = []))).toEqual([req(false, 'property became optional', 'body.name', 'body.name is no longer always present')]);
  });
  it('a name that only exists on Object.prototype is not a property', () => {
    expect(diff((d) => s(d).ThingRequest.required.push('constructor'))).toEqual([]);
  });
  it('array items are compared, named with []', () => {
    expect(diff((d) => (s(d).ThingRequest.properties.tags.items.maxLength = 5))).toEqual([req(true, 'constraint narrowed', 'body.tags[]', 'body.tags[] maxLength 10 → 5')]);
  });
});

describe('bounds', () => {
  const bounds: Array<[string, string, number, number, boolean]> = [
    // [property, keyword, before, after, narrowed]
    ['name', 'minLength', 1, 2, true],
    ['name', 'minLength', 1, 0, false],
    ['name', 'maxLength', 50, 40, true],
    ['name', 'maxLength', 50, 60, false],
    ['size', 'minimum', 0, 1, true],
    ['size', 'minimum', 0, -1, false],
    ['size', 'maximum', 10, 9, true],
    ['size', 'maximum', 10, 11, false],
    ['size', 'exclusiveMinimum', -1, 0, true],
    ['size', 'exclusiveMinimum', -1, -2, false],
    ['size', 'exclusiveMaximum', 11, 10, true],
    ['size', 'exclusiveMaximum', 11, 12, false],
    ['tags', 'minItems', 0, 1, true],
    ['tags', 'minItems', 0, -1, false],
    ['tags', 'maxItems', 5, 4, true],
    ['tags', 'maxItems', 5, 6, false],
    ['extra', 'minProperties', 0, 1, true],
    ['extra', 'minProperties', 0, -1, false],
    ['extra', 'maxProperties', 3, 2, true],
    ['extra', 'maxProperties', 3, 4, false],
  ];
  it.each(bounds)('request %s.%s %d → %d: narrowed %s', (prop, key, before, after, narrowed) => {
    expect(diff((d) => (s(d).ThingRequest.properties[prop][key] = after))).toEqual([
      req(narrowed, narrowed ? 'constraint narrowed' : 'constraint widened', `body.${prop}`, `body.${prop} ${key} ${before} → ${after}`),
    ]);
  });
  it('in responses the direction flips: wider bounds break readers', () => {
    expect(diff((d) => (s(d).Thing.properties.count.maximum = 99))).toEqual([res(true, 'constraint widened', 'response 201.count', 'response 201.count maximum 9 → 99')]);
    expect(diff((d) => (s(d).Thing.properties.count.maximum = 5))).toEqual([res(false, 'constraint narrowed', 'response 201.count', 'response 201.count maximum 9 → 5')]);
    expect(diff((d) => (s(d).Thing.properties.count.minimum = -1))).toEqual([res(true, 'constraint widened', 'response 201.count', 'response 201.count minimum 0 → -1')]);
  });
  it('a bound that appears narrows; one that goes widens', () => {
    expect(diff((d) => (s(d).ThingRequest.properties.note.maxLength = 9))).toEqual([req(true, 'constraint narrowed', 'body.note', 'body.note maxLength none → 9')]);
    expect(diff((d) => (s(d).ThingRequest.properties.note.minLength = 1))).toEqual([req(true, 'constraint narrowed', 'body.note', 'body.note minLength none → 1')]);
    expect(diff((d) => delete s(d).ThingRequest.properties.name.maxLength)).toEqual([req(false, 'constraint widened', 'body.name', 'body.name maxLength 50 → none')]);
    expect(diff((d) => delete s(d).Thing.properties.id.maxLength)).toEqual([res(true, 'constraint widened', 'response 201.id', 'response 201.id maxLength 40 → none')]);
  });
});

describe('patterns and formats', () => {
  it('a pattern added breaks requests only; removed breaks responses only; changed breaks both', () => {
    expect(diff((d) => (s(d).ThingRequest.properties.note.pattern = '^a'))).toEqual([req(true, 'pattern added', 'body.note', 'body.note pattern none → "^a"')]);
    expect(diff((d) => (s(d).Thing.properties.note.pattern = '^a'))).toEqual([res(false, 'pattern added', 'response 201.note', 'response 201.note pattern none → "^a"')]);
    expect(diff((d) => delete s(d).ThingRequest.properties.name.pattern)).toEqual([req(false, 'pattern removed', 'body.name', 'body.name pattern "^\\\\S" → none')]);
    const removedFromResponse = base();
    s(removedFromResponse).Thing.properties.note.pattern = '^a';
    expect(diffContracts(removedFromResponse, base())).toEqual([res(true, 'pattern removed', 'response 201.note', 'response 201.note pattern "^a" → none')]);
    expect(diff((d) => (s(d).ThingRequest.properties.name.pattern = '^\\s'))).toEqual([req(true, 'pattern changed', 'body.name', 'body.name pattern "^\\\\S" → "^\\\\s"')]);
  });
  it('shows invisible characters of a pattern escaped', () => {
    expect(diff((d) => (s(d).ThingRequest.properties.name.pattern = '^[^\u200B]é'))[0]!.message).toBe('body.name pattern "^\\\\S" → "^[^\\u200B]\\u00E9"');
  });
  it('a format that changes or appears breaks; one that goes does not', () => {
    expect(diff((d) => (s(d).Thing.properties.at.format = 'date'))).toEqual([res(true, 'format changed', 'response 201.at', 'response 201.at format date-time → date')]);
    expect(diff((d) => (s(d).ThingRequest.properties.note.format = 'email'))).toEqual([req(true, 'format changed', 'body.note', 'body.note format none → email')]);
    expect(diff((d) => delete s(d).Thing.properties.at.format)).toEqual([]);
  });
});

describe('types, const and nullability', () => {
  it('a type change breaks, and stops the comparison there', () => {
    expect(diff((d) => (s(d).Thing.properties.count = { type: 'string', maxLength: 1 }))).toEqual([res(true, 'type changed', 'response 201.count', 'response 201.count changed type from integer to string')]);
  });
  it('type lists compare as sets', () => {
    const before = base();
    s(before).Thing.properties.note.type = ['string', 'null'];
    const after = base();
    s(after).Thing.properties.note.type = ['null', 'string'];
    expect(diffContracts(before, after)).toEqual([]);
  });
  it('a const is typed by its value', () => {
    expect(diff((d) => (s(d).Thing.properties.kind = { const: 1 }))).toEqual([res(true, 'type changed', 'response 201.kind', 'response 201.kind changed type from string to number')]);
    expect(diff((d) => (s(d).Thing.properties.kind = { const: null }))).toEqual([res(true, 'type changed', 'response 201.kind', 'response 201.kind changed type from string to null')]);
    expect(diff((d) => (s(d).Thing.properties.kind = { const: { a: 1 } }))).toEqual([res(true, 'type changed', 'response 201.kind', 'response 201.kind changed type from string to object')]);
  });
  it('a const value change breaks', () => {
    expect(diff((d) => (s(d).Thing.properties.kind = { const: 'widget' }))).toEqual([res(true, 'const changed', 'response 201.kind', 'response 201.kind changed from "thing" to "widget"')]);
  });
  it('nullable: gaining null breaks readers, losing it breaks senders, and the rest is still compared', () => {
    expect(diff((d) => (s(d).Thing.properties.note = { oneOf: [{ type: 'string' }, { type: 'null' }] }))).toEqual([
      res(true, 'became nullable', 'response 201.note', 'response 201.note can now be null'),
    ]);
    expect(diff((d) => (s(d).ThingRequest.properties.note = { anyOf: [{ type: 'string' }, { type: 'null' }] }))).toEqual([
      req(false, 'became nullable', 'body.note', 'body.note can now be null'),
    ]);
    expect(diff((d) => (s(d).ThingRequest.properties.parent = { type: 'string', format: 'uuid' }))).toEqual([req(true, 'no longer nullable', 'body.parent', 'body.parent no longer accepts null')]);
    expect(diff((d) => (s(d).ThingRequest.properties.parent.oneOf[0].format = 'uri'))).toEqual([req(true, 'format changed', 'body.parent', 'body.parent format uuid → uri')]);
  });
  it('nested alternatives flatten', () => {
    const before = base();
    s(before).ThingRequest.properties.parent = { oneOf: [{ oneOf: [{ type: 'string', format: 'uuid' }] }, { type: 'null' }] };
    expect(diffContracts(before, base())).toEqual([]);
  });
});

describe('enums', () => {
  it('a value removed breaks senders; added breaks readers (a closed list)', () => {
    expect(diff((d) => s(d).Colour.enum.pop())).toEqual([
      req(true, 'enum value removed', 'body.colour', 'body.colour no longer has "green"'),
      res(false, 'enum value removed', 'response 201.colour', 'response 201.colour no longer has "green"'),
    ]);
    expect(diff((d) => s(d).Colour.enum.push('blue', 'grey'))).toEqual([
      req(false, 'enum value added', 'body.colour', 'body.colour gained "blue", "grey"'),
      res(true, 'enum value added', 'response 201.colour', 'response 201.colour gained "blue", "grey"'),
    ]);
  });
  it('an open list (x-extensible-enum) grows without breaking anyone', () => {
    expect(diff((d) => s(d)['Code']['x-extensible-enum'].push('C'))).toEqual([res(false, 'open enum value added', 'response 201.code', 'response 201.code gained "C" (an open list)')]);
  });
  it('opening a closed list breaks readers; closing an open one breaks no one', () => {
    expect(diff((d) => (s(d).Colour = { type: 'string', 'x-extensible-enum': ['red', 'green'] }))).toEqual([
      req(false, 'enum opened', 'body.colour', 'body.colour became an open list: later versions may add values'),
      res(true, 'enum opened', 'response 201.colour', 'response 201.colour became an open list: later versions may add values'),
    ]);
    expect(diff((d) => (s(d).Code = { type: 'string', maxLength: 32, enum: ['A', 'B'] }))).toEqual([res(false, 'enum closed', 'response 201.code', 'response 201.code became a closed list')]);
  });
  it('a closed list that gains values while opening is news to readers', () => {
    expect(diff((d) => (s(d).Colour = { type: 'string', 'x-extensible-enum': ['red', 'green', 'blue'] })).filter((c) => c.affects === 'response')).toEqual([
      res(true, 'enum value added', 'response 201.colour', 'response 201.colour gained "blue"'),
      res(true, 'enum opened', 'response 201.colour', 'response 201.colour became an open list: later versions may add values'),
    ]);
  });
  it('an enum introduced narrows senders; dropped widens readers', () => {
    expect(diff((d) => (s(d).ThingRequest.properties.note.enum = ['x']))).toEqual([req(true, 'enum introduced', 'body.note', 'body.note is now limited to "x"')]);
    expect(diff((d) => (s(d).Thing.properties.note.enum = ['x']))).toEqual([res(false, 'enum introduced', 'response 201.note', 'response 201.note is now limited to "x"')]);
    expect(diff((d) => (s(d).Colour = { type: 'string' }))).toEqual([
      req(false, 'enum dropped', 'body.colour', 'body.colour is no longer limited to its enum'),
      res(true, 'enum dropped', 'response 201.colour', 'response 201.colour is no longer limited to its enum'),
    ]);
  });
});

describe('responses', () => {
  it('a success response removed breaks; an error response removed does not', () => {
    const changes = diff((d) => {
      op(d).responses['200'] = op(d).responses['201'];
      delete op(d).responses['201'];
    });
    expect(changes).toEqual([res(true, 'response removed', 'responses.201', 'response 201 was removed'), res(true, 'response added', 'responses.200', 'response 200 was added')]);
    expect(diff((d) => delete op(d).responses['404'])).toEqual([res(false, 'response removed', 'responses.404', 'response 404 was removed')]);
  });
  it('an error response added does not break', () => {
    expect(diff((d) => (op(d).responses['409'] = { description: 'Conflict' }))).toEqual([res(false, 'response added', 'responses.409', 'response 409 was added')]);
  });
  it('a required header removed breaks; an optional one does not', () => {
    expect(diff((d) => delete op(d).responses['201'].headers.Location)).toEqual([
      res(true, 'response header removed', 'responses.201.headers.Location', 'required header Location of 201 was removed'),
    ]);
    expect(diff((d) => delete op(d).responses['201'].headers['X-Trace'])).toEqual([]);
  });
  it('a header added is additive; a required header becoming optional breaks', () => {
    expect(diff((d) => (op(d).responses['201'].headers['X-New'] = { schema: { type: 'string' } }))).toEqual([
      res(false, 'response header added', 'responses.201.headers.X-New', 'header X-New of 201 was added'),
    ]);
    expect(diff((d) => (op(d).responses['201'].headers.Location.required = false))).toEqual([
      res(true, 'response header became optional', 'responses.201.headers.Location', 'header Location of 201 is no longer always sent'),
    ]);
    expect(diff((d) => (op(d).responses['201'].headers['X-Trace'].required = true))).toEqual([]);
  });
  it('a response body gained or lost is not compared as a schema', () => {
    expect(diff((d) => delete op(d).responses['404'].content)).toEqual([]);
  });
});

describe('recursion', () => {
  it('stops on a self-referencing schema instead of looping', () => {
    const tree = (d: Doc) => {
      s(d).Node = { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' }, label: { type: 'string', maxLength: 5 } } };
      s(d).Thing.properties.tree = { $ref: '#/components/schemas/Node' };
    };
    const before = base();
    tree(before);
    const after = base();
    tree(after);
    s(after).Node.properties.label.maxLength = 9;
    const changes = diffContracts(before, after);
    // Reported at each depth down to the guard (depth 20: the response, tree and 18 children), then cut off.
    expect(changes.length).toBe(19);
    expect(changes.every((c) => c.kind === 'constraint widened' && c.breaking)).toBe(true);
    expect(changes.map((c) => c.where).sort((a, b) => a.length - b.length)).toEqual(Array.from({ length: 19 }, (_, i) => `response 201.tree${'.child'.repeat(i)}.label`));
  });
});

describe('edges the first mutation run showed untested', () => {
  it('an untyped schema gaining a type is not a type change (nothing to compare it with)', () => {
    const before = base();
    s(before).Thing.properties.note = { description: 'anything' };
    expect(diffContracts(before, base())).toEqual([]);
    expect(diffContracts(base(), before)).toEqual([]);
  });
  it('finds the non-null alternative wherever null is listed', () => {
    const before = base();
    s(before).ThingRequest.properties.parent = { oneOf: [{ type: 'null' }, { type: 'string', format: 'uuid' }] };
    const after = base();
    s(after).ThingRequest.properties.parent = { oneOf: [{ type: 'null' }, { type: 'string', format: 'uri' }] };
    expect(diffContracts(before, after)).toEqual([req(true, 'format changed', 'body.parent', 'body.parent format uuid → uri')]);
  });
  it('alternatives without null are not about nullability', () => {
    const before = base();
    s(before).ThingRequest.properties.note = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    expect(diffContracts(before, structuredClone(before))).toEqual([]);
  });
  it('security messages join several requirements with " | "', () => {
    expect(diff((d) => (op(d).security = [{ bearerAuth: ['x'] }, { apiKeyAuth: ['y'] }]))).toEqual([
      req(true, 'auth changed', 'security', 'security no longer accepts bearerAuth:things:write | apiKeyAuth:things:write (now bearerAuth:x | apiKeyAuth:y)'),
      req(false, 'auth widened', 'security', 'security now also accepts bearerAuth:x | apiKeyAuth:y'),
    ]);
  });
  it('a requirement naming two schemes is one alternative', () => {
    expect(diff((d) => (op(d).security = [{ bearerAuth: ['things:write'], apiKeyAuth: ['things:write'] }]))).toEqual([
      req(true, 'auth changed', 'security', 'security no longer accepts bearerAuth:things:write | apiKeyAuth:things:write (now apiKeyAuth:things:write+bearerAuth:things:write)'),
      req(false, 'auth widened', 'security', 'security now also accepts apiKeyAuth:things:write+bearerAuth:things:write'),
    ]);
  });
  // Found by mutation testing: a `const` that appears or goes used not to be compared (only a changed value was).
  it('a const added to a request property narrows it', () => {
    expect(diff((d) => (s(d).ThingRequest.properties.note.const = 'only'))).toEqual([req(true, 'const added', 'body.note', expect.any(String) as unknown as string)]);
  });
  it('a const removed from a response property widens it; added to one, it only narrows', () => {
    expect(diff((d) => delete s(d).Thing.properties.kind.const)).toEqual([res(true, 'const removed', 'response 201.kind', 'response 201.kind is no longer always "thing"')]);
    expect(diff((d) => (s(d).Thing.properties.note.const = 'only'))).toEqual([res(false, 'const added', 'response 201.note', 'response 201.note is now always "only"')]);
  });
});

describe('majorOf', () => {
  it('reads the major version', () => {
    expect(majorOf('2.10.3')).toBe(2);
    expect(majorOf('10.0.0')).toBe(10);
  });
});
