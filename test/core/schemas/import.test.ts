// Importing an OpenAPI description: 3.0 YAML with x-webhooks and 3.0's dialect, 3.1 JSON, documents that are not
// descriptions of webhooks (each refused with a sentence), $refs that leave the document (never fetched), and
// patterns that would make a backtracking engine hang.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SpecChecker } from '../../../main/core/schemas/check';
import { importOpenApi } from '../../../main/core/schemas/import';

const known = [
  { id: 'github', label: 'GitHub' },
  { id: 'acme-parcels', label: 'Acme Parcels' },
];
const load = (content: string, provider?: string) => importOpenApi({ fileName: 'acme.yaml', content, provider, known, now: 1 });

const acme30 = `
openapi: 3.0.3
info: { title: Acme Parcels webhooks, version: "2.4" }
paths: {}
x-webhooks:
  parcel.failed:
    post:
      operationId: parcel/failed
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/ParcelEvent' }
      responses: { '200': { description: ok } }
  parcel.note:
    post:
      responses: { '200': { description: no body } }
components:
  schemas:
    ParcelEvent:
      type: object
      required: [parcel, attempt]
      properties:
        description: { type: string }
        attempt: { type: integer, minimum: 1, exclusiveMinimum: false, maximum: 5, exclusiveMaximum: true }
        reason: { type: string, nullable: true, enum: [not_home, refused] }
        parcel:
          type: object
          nullable: true
          properties:
            tracking: { type: string, pattern: '^(A+)+C\\d+$' }
`;

describe('importing an OpenAPI description', () => {
  it('reads OpenAPI 3.0 YAML with x-webhooks, rewrites its dialect, and names the webhooks it cannot check', () => {
    const spec = load(acme30);
    expect(spec).toMatchObject({ provider: 'acme-parcels', title: 'Acme Parcels webhooks', version: '2.4', openapi: '3.0.3' });
    expect(spec.webhooks.map((w) => [w.key, w.names])).toEqual([['parcel.failed', ['parcel.failed']]]);
    expect(spec.warnings).toEqual(['1 webhook has no request body schema and is not checked: parcel.note.']);
    const checker = new SpecChecker(spec);
    const ok = { parcel: { tracking: 'AC123' }, attempt: 1, reason: null, description: 'a property called description is kept' };
    expect(checker.check('parcel.failed', ok).issues).toEqual([]);
    expect(checker.check('parcel.failed', { ...ok, parcel: null }).issues).toEqual([]); // nullable: true
    const issues = checker.check('parcel.failed', { parcel: { tracking: 'AC123' }, attempt: 5, reason: 'lost', description: 3 }).issues;
    expect(issues.map((i) => `${i.path} ${i.message}`)).toEqual(['$.description wrong type', '$.attempt must be < 5', '$.reason not a documented value']);
  });

  it('checks a pattern in linear time: a backtracking pattern on a long key does not hang', () => {
    const checker = new SpecChecker(load(acme30));
    const evil = `${'A'.repeat(50_000)}!`;
    const issues = checker.check('parcel.failed', { parcel: { tracking: evil }, attempt: 2 }).issues;
    expect(issues.map((i) => `${i.path} ${i.message}`)).toEqual(['$.parcel.tracking must match pattern "^(A+)+C\\d+$"']);
  });

  it('never fetches a $ref outside the document: it says so, and that part accepts anything', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.end('{"type":"object","required":["never"]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/schema.json`;
    try {
      const document = JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'GitHub-ish', version: '1' },
        webhooks: { push: { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { repo: { $ref: url }, other: { $ref: 'other.yaml#/Repo' } } } } } } } } },
      });
      const spec = importOpenApi({ fileName: 'gh.json', content: document, known, now: 1 });
      expect(spec.warnings).toEqual([`2 $refs to other files or URLs were not followed (Hookbridge never fetches one); those parts accept anything: ${url}, other.yaml#/Repo.`]);
      expect(new SpecChecker(spec).check('push', { repo: { anything: 1 } }).issues).toEqual([]);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('refuses what is not a description of webhooks, with a sentence', () => {
    expect(() => load('{"swagger": "2.0", "info": {}}')).toThrow('acme.yaml is Swagger 2.0, which has no way to describe webhooks: Hookbridge reads OpenAPI 3.0 (x-webhooks) and 3.1 (webhooks).');
    expect(() => load('{"openapi": "3.1.0", "info": {"title": "Acme Parcels"}, "paths": {}}')).toThrow('acme.yaml describes no webhooks');
    expect(() => load('{"openapi": "3.1.0", ')).toThrow(/^acme\.yaml is not valid JSON: /);
    expect(() => load('openapi: [unclosed')).toThrow(/^acme\.yaml is neither JSON nor valid YAML: /);
    expect(() => load('{"info": {}}')).toThrow('acme.yaml is not an OpenAPI 3 description: its “openapi” field is missing.');
  });

  it('asks which provider sends the webhooks when the title does not say, and takes one it is given', () => {
    const anonymous = acme30.replace('Acme Parcels webhooks', 'Parcel events');
    expect(() => load(anonymous)).toThrow('Which provider sends the webhooks of “Parcel events”? Say it with --provider ID (or choose it in Settings → Providers): github, acme-parcels, or the id of your own pack.');
    expect(load(anonymous, 'acme-parcels').provider).toBe('acme-parcels');
    expect(() => load(anonymous, '../etc')).toThrow('“../etc” is not a provider id');
  });

  it('checks a form-encoded webhook’s fields, reading numbers and booleans from their text as a form sends them', () => {
    const document = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Acme Parcels SMS callbacks', version: '1' },
      webhooks: {
        'sms-status': {
          post: {
            operationId: 'sms/status',
            requestBody: {
              content: {
                'application/x-www-form-urlencoded': {
                  schema: { type: 'object', required: ['MessageSid', 'Segments'], properties: { MessageSid: { type: 'string' }, Segments: { type: 'integer' }, Final: { type: 'boolean' } } },
                },
              },
            },
          },
        },
      },
    });
    const checker = new SpecChecker(importOpenApi({ fileName: 'sms.json', content: document, known, now: 1 }));
    // What the ingress makes of `MessageSid=SM1&Segments=2&Final=true` (bodies/fields.ts): every value a string.
    expect(checker.check('sms.status', { MessageSid: 'SM1', Segments: '2', Final: 'true' }).issues).toEqual([]);
    expect(checker.check('sms.status', { MessageSid: 'SM1', Segments: 'two', Extra: 'x' }).issues.map((i) => `${i.path} ${i.message}`)).toEqual(['$.Segments wrong type', '$.Extra undocumented field']);
  });

  it('reads what reviewers found hard: a % in a schema name, enum values that look like 3.0 schemas, dotted keys, a broken schema, self-anchors', () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'Acme Parcels edge cases', version: '1' },
      'x-webhooks': {
        odd: { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/100%25' } } } } } },
        broken: { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer', minimum: 'one' } } } } } } } },
      },
      components: {
        schemas: {
          '100%': {
            type: 'object',
            properties: { kind: { enum: [{ nullable: true, type: 'x' }] }, 'a.b': { type: 'string' } },
          },
        },
      },
    };
    const spec = load(JSON.stringify(document));
    const checker = new SpecChecker(spec);
    // The enum's value is data, not a 3.0 schema to rewrite; a dotted key reads in brackets.
    expect(checker.check('odd', { kind: { nullable: true, type: 'x' }, 'a.b': 'ok' }).issues).toEqual([]);
    expect(checker.check('odd', { kind: { nullable: true, type: 'x' }, 'a.b': 3, 'c/d': 1 }).issues.map((i) => `${i.path} ${i.message}`)).toEqual(['$["a.b"] wrong type', '$["c/d"] undocumented field']);
    // A schema its validator cannot compile costs its own webhook's events an issue; the rest still check.
    expect(checker.check('broken', { n: 1 }).issues[0]?.message).toMatch(/^the imported schema of broken cannot be used: /);
    expect(checker.check('odd', { 'a.b': 'fine' }).issues).toEqual([]);
    // A YAML anchor used inside itself is a cycle: refused with a sentence, not a stack overflow.
    const cyclic = 'openapi: 3.1.0\ninfo: { title: Acme Parcels, version: "1" }\nwebhooks:\n  loop:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: &s { type: object, properties: { self: *s } }\n';
    expect(() => load(cyclic)).toThrow('The document contains itself (a YAML anchor used inside its own value)');
  });

  it('checks a payload nested past the validator’s stack as one issue on that event, and the rest of the batch normally', async () => {
    const { Checkers } = await import('../../../main/core/schemas/checkers');
    const { writeSpec } = await import('../../../main/core/schemas/files');
    const folder = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'hookbridge-specs-'));
    const recursive = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Acme Parcels nesting', version: '1' },
      webhooks: { tree: { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/N' } } } } } } },
      components: { schemas: { N: { type: 'object', properties: { n: { $ref: '#/components/schemas/N' } } } } },
    });
    writeSpec(folder, load(recursive));
    let deep = '{}';
    for (let i = 0; i < 20_000; i++) deep = `{"n":${deep}}`;
    const results = new Checkers(folder).run([
      { seq: 1, provider: 'acme-parcels', name: 'tree', text: deep },
      { seq: 2, provider: 'acme-parcels', name: 'tree', text: '{"n":{"n":{},"x":1}}' },
    ]);
    expect(results[0]?.check?.issues.map((i) => i.message)).toEqual(['the payload is nested too deeply to check']);
    expect(results[1]?.check?.issues.map((i) => `${i.path} ${i.message}`)).toEqual(['$.n.x undocumented field']);
  });

  it('keeps a YAML alias bomb from growing', () => {
    const bomb = ['openapi: 3.1.0', 'a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => load(bomb)).toThrow(/neither JSON nor valid YAML/);
  });
});
