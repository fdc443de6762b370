// Imported OpenAPI descriptions in a running app (real ports, a real SQLite file, the built schema worker):
// imported through the HTTP API, captured payloads checked in the background and shown as issues, stored events
// checked again when the description changes (even while Hookbridge was stopped), and removed cleanly.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../../main/core/model';
import { writeSpec } from '../../../main/core/schemas/files';
import { importOpenApi } from '../../../main/core/schemas/import';
import { callApi, startTestApp, tempDir, waitUntil, type TestApp } from '../../support/app';

const require = createRequire(import.meta.url);
const schemaWorker = path.resolve('dist/schema-worker.cjs');

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A small description for the GitHub pack's events: check_run.completed needs a check_run with a status. */
function description(statuses: string[], title = 'GitHub webhooks (small)') {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title, version: '1' },
    webhooks: {
      'check-run-completed': {
        post: {
          operationId: 'check-run/completed',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/run' } } } },
        },
      },
    },
    components: {
      schemas: {
        run: {
          type: 'object',
          required: ['action', 'check_run'],
          properties: { action: { const: 'completed' }, check_run: { type: 'object', required: ['status'], properties: { status: { enum: statuses } } } },
        },
      },
    },
  });
}

async function postCheckRun(target: TestApp, body: unknown): Promise<string> {
  const response = await fetch(target.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'check_run' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

async function checked(target: TestApp, id: string): Promise<EventDetail> {
  let event: EventDetail | undefined;
  await waitUntil(async () => (event = await target.app.api.getEvent({ id })).schemaCheck?.state === 'checked', `event ${id} checked against the description`);
  return event as EventDetail;
}

const issueLines = (event: EventDetail): string[] => event.issues.map((i) => `${i.path} ${i.message}`);

describe('checking captured payloads against an imported OpenAPI description', () => {
  it('imports GitHub’s 5 MB description over the HTTP API and checks GitHub events against it in the worker', async () => {
    app = await startTestApp({}, tempDir(), { schemaWorker });
    const content = fs.readFileSync(require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'), 'utf8');
    expect(content.length).toBeGreaterThan(1024 * 1024); // more than other API calls may send
    const imported = await callApi(app, 'importOpenApi', { fileName: 'api.github.com.json', content });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ provider: 'github', openapi: '3.1.0', webhooks: 261, warnings: [] });
    expect((await app.app.api.listOpenApiSpecs()).specs.map((s) => s.provider)).toEqual(['github']);

    const examples = JSON.parse(fs.readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as { name: string; examples: Record<string, unknown>[] }[];
    const body = structuredClone(examples.find((g) => g.name === 'check_run')?.examples.find((e) => e.action === 'completed')) as { check_run: Record<string, unknown> };
    const good = await postCheckRun(app, body);
    body.check_run.status = 'exploded';
    body.check_run.surprise = 1;
    const broken = await postCheckRun(app, body);
    expect(await checked(app, good)).toMatchObject({ issues: [], schemaCheck: { state: 'checked', spec: imported.body && (imported.body as { title: string }).title, webhook: 'check-run-completed' } });
    expect(issueLines(await checked(app, broken))).toEqual(['$.check_run.status not a documented value', '$.check_run.surprise undocumented field']);
    // The provider's description of the event is unchanged: an imported description adds issues, not severity.
    expect((await app.app.api.getEvent({ id: broken })).severity).toBe('failed');
  });

  it('checks events stored before the import, again when it is imported again, and stops when it is removed', async () => {
    app = await startTestApp();
    const started = app;
    const id = await postCheckRun(started, { action: 'completed', check_run: { status: 'queued' } });
    expect((await started.app.api.getEvent({ id })).schemaCheck).toBeNull();

    await started.app.api.importOpenApi({ fileName: 'small.json', content: description(['completed']) });
    expect(issueLines(await checked(started, id))).toEqual(['$.check_run.status not a documented value']);

    await started.app.api.importOpenApi({ fileName: 'small.json', content: description(['completed', 'queued']) });
    expect((await started.app.api.getEvent({ id })).schemaCheck).toEqual({ state: 'pending', spec: null, webhook: null }); // marked as the import returned
    expect(await checked(started, id)).toMatchObject({ issues: [], schemaCheck: { state: 'checked', webhook: 'check-run-completed' } });

    expect((await started.app.api.removeOpenApiSpec({ provider: 'github' })).specs).toEqual([]);
    expect(await started.app.api.getEvent({ id })).toMatchObject({ issues: [], schemaCheck: null });
    expect(fs.readdirSync(path.join(started.dataDir, 'providers', 'openapi'))).toEqual([]);
  });

  it('keeps results across a restart, and checks again what a description replaced while it was stopped says', async () => {
    const dataDir = tempDir();
    app = await startTestApp({}, dataDir, { schemaWorker });
    await app.app.api.importOpenApi({ fileName: 'small.json', content: description(['completed']) });
    const id = await postCheckRun(app, { action: 'completed', check_run: { status: 'queued' } });
    expect(issueLines(await checked(app, id))).toEqual(['$.check_run.status not a documented value']);
    await app.stop();

    // Replaced while nothing runs (as `hookbridge providers import-openapi` does).
    const folder = path.join(dataDir, 'providers', 'openapi');
    writeSpec(folder, importOpenApi({ fileName: 'small.json', content: description(['completed', 'queued'], 'GitHub webhooks (newer)'), known: [{ id: 'github', label: 'GitHub' }], now: Date.now() + 1 }));
    app = await startTestApp({}, dataDir, { schemaWorker });
    const restarted = app;
    await waitUntil(async () => (await restarted.app.api.getEvent({ id })).schemaCheck?.spec === 'GitHub webhooks (newer)', 'the stored event checked against the replaced description');
    expect((await restarted.app.api.getEvent({ id })).issues).toEqual([]);
  });

  it('picks up a description written into the folder while it runs', async () => {
    app = await startTestApp({}, tempDir(), { schemaWorker });
    const started = app;
    const id = await postCheckRun(started, { action: 'completed', check_run: { status: 'queued' } });
    writeSpec(path.join(started.dataDir, 'providers', 'openapi'), importOpenApi({ fileName: 'small.json', content: description(['completed']), known: [{ id: 'github', label: 'GitHub' }], now: Date.now() }));
    expect(issueLines(await checked(started, id))).toEqual(['$.check_run.status not a documented value']);
  });

  it('refuses a broken document with a sentence, and keeps the 1 MiB limit for every other API call', async () => {
    app = await startTestApp();
    const refused = await callApi(app, 'importOpenApi', { fileName: 'notes.txt', content: 'these are not the webhooks you are looking for' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', message: 'notes.txt is not an OpenAPI description: it holds no object.' } } });
    const big = await callApi(app, 'importProviderPack', { fileName: 'big.json', content: 'x'.repeat(1024 * 1024 + 10) });
    expect(big).toMatchObject({ status: 400, body: { error: { message: 'The request body is larger than this API method accepts (1 MiB).' } } });
    expect((await app.app.api.listOpenApiSpecs()).specs).toEqual([]);
  });
});

describe('a description imported over a large history', () => {
  it('marks the stored events in slices and checks every one of them', async () => {
    const { generateEvents } = await import('../../../main/core/describing/generate');
    const Database = (await import('better-sqlite3')).default;
    const dataDir = tempDir();
    generateEvents({ dataDir, count: 12_000, seed: 3 }); // more than two slices of row ids
    app = await startTestApp({}, dataDir, { schemaWorker });
    const lox24 = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'LOX24 (small)', version: '1' },
      webhooks: { 'verify-code-channel-failed': { post: { operationId: 'verify_code/channel.failed', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['name'] } } } } } } },
    });
    await app.app.api.importOpenApi({ fileName: 'lox24.json', content: lox24, provider: 'lox24' });
    const counts = (): { rows: number; checked: number; pending: number } => {
      const db = new Database(path.join(dataDir, 'hookbridge.db'), { readonly: true });
      try {
        return db.prepare("SELECT count(*) AS rows, coalesce(sum(schema_check IS NOT NULL), 0) AS checked, coalesce(sum(schema_pending = 1), 0) AS pending FROM requests WHERE provider = 'lox24'").get() as { rows: number; checked: number; pending: number };
      } finally {
        db.close();
      }
    };
    await waitUntil(() => {
      const c = counts();
      return c.checked === c.rows && c.pending === 0;
    }, 'every stored LOX24 event checked against the imported description');
    expect(counts().rows).toBeGreaterThan(5_000);
  });
});
