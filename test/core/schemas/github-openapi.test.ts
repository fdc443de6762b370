// GitHub's official webhooks OpenAPI description (@octokit/openapi-webhooks, OpenAPI 3.1, 261 webhooks, ~5 MB)
// imported once for this file, and every community example (@octokit/webhooks-examples) checked against it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpecChecker } from '../../../main/core/schemas/check';
import { importOpenApi } from '../../../main/core/schemas/import';
import type { CompiledSpec } from '../../../main/core/schemas/spec';

const require = createRequire(import.meta.url);
const documentFile = require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json');
const examplesFile = require.resolve('@octokit/webhooks-examples/api.github.com/index.json');

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}
const groups = JSON.parse(fs.readFileSync(examplesFile, 'utf8')) as ExampleGroup[];
/** Each example with the name the GitHub pack gives it: X-GitHub-Event, then "." and the action. */
const examples = groups.flatMap((g) => g.examples.map((body) => ({ name: typeof body.action === 'string' ? `${g.name}.${body.action}` : g.name, body })));
const example = (name: string): Record<string, unknown> => structuredClone(examples.find((e) => e.name === name)?.body) as Record<string, unknown>;

let spec: CompiledSpec;
let checker: SpecChecker;
beforeAll(() => {
  spec = importOpenApi({ fileName: 'api.github.com.json', content: fs.readFileSync(documentFile, 'utf8'), known: [{ id: 'github', label: 'GitHub' }, { id: 'stripe', label: 'Stripe' }], now: 1 });
  checker = new SpecChecker(spec);
});

describe("GitHub's webhooks OpenAPI description", () => {
  it('is recognised as GitHub’s by its title, with every webhook and the names the GitHub pack gives its events', () => {
    expect(spec).toMatchObject({ provider: 'github', openapi: '3.1.0', source: 'api.github.com.json', warnings: [] });
    expect(spec.webhooks).toHaveLength(261);
    expect(checker.webhookFor('check_run.completed')?.key).toBe('check-run-completed');
    expect(checker.webhookFor('issues.opened')?.key).toBe('issues-opened');
    expect(checker.webhookFor('ping')?.key).toBe('ping');
    expect(checker.webhookFor('push')?.key).toBe('push');
    expect(checker.webhookFor('check_run')).toBeNull();
    // Only what the webhooks reach is kept: a fraction of the document.
    expect(JSON.stringify(spec).length).toBeLessThan(fs.statSync(documentFile).size / 2);
  });

  it('checks every community example: each has a webhook (but the two custom repository_dispatch actions) and every issue points into the payload', () => {
    const unmatched = examples.filter((e) => checker.webhookFor(e.name) === null).map((e) => e.name);
    // repository_dispatch's action is whatever the sender chose; GitHub documents only its sample.collected.
    expect(unmatched).toEqual(['repository_dispatch.on-demand-test', 'repository_dispatch.on-demand-test']);
    let clean = 0;
    for (const { name, body } of examples) {
      const result = checker.check(name, body);
      if (result.issues.length === 0) clean++;
      for (const issue of result.issues) {
        expect(issue.path).toMatch(/^\$(\.[^.[\]]+|\[\d+\])*$/);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
    // Most examples match; the others differ from the description in ways listed in the issue's note (fields
    // GitHub added since the examples were captured, empty homepages that are not URIs).
    expect(clean).toBeGreaterThan(examples.length / 2);
  });

  it('reports a deliberately broken copy at the paths that broke, and an added field as drift', () => {
    const body = example('check_run.completed');
    expect(checker.check('check_run.completed', body).issues).toEqual([]);
    const run = body.check_run as Record<string, unknown>;
    run.status = 42;
    delete run.head_sha;
    run.surprise = { nested: true };
    const result = checker.check('check_run.completed', body);
    expect(result.webhook).toBe('check-run-completed');
    expect(result.issues).toEqual([
      { path: '$.check_run.head_sha', expected: 'a value (the field is required)', received: 'nothing (missing)', message: 'required field missing' },
      { path: '$.check_run.status', expected: 'one of "queued", "in_progress", "completed", "pending"', received: 'number 42', message: 'not a documented value' },
      { path: '$.check_run.surprise', expected: 'no such field in the documentation', received: 'object', message: 'undocumented field' },
    ]);
  });

  it('finds the problem inside a nullable object instead of only saying no variant matched', () => {
    const body = example('issues.opened');
    const issue = body.issue as Record<string, unknown>;
    (issue.user as Record<string, unknown>).login = 7;
    const paths = checker.check('issues.opened', body).issues.map((i) => `${i.path} ${i.message}`);
    expect(paths).toContain('$.issue.user.login wrong type');
  });

  it('says which event the description does not document', () => {
    expect(checker.check('check_run.exploded', {}).issues).toEqual([
      { path: '$', expected: `one of the 261 webhooks “${spec.title}” describes`, received: 'event “check_run.exploded”', message: 'undocumented event' },
    ]);
  });
});
