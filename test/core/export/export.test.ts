// Exports from a real Hookbridge (loopback HTTP in, SQLite in a temp dir): redaction that leaves no trace of
// the made-up personal data, fixtures whose bytes replay identically, a HAR that validates, a TS module that
// type-checks, signatures that still verify.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuth } from '../../../main/core/signatures';
import { exportEvents, writeExport } from '../../../main/core/export/run';
import type { Fixture } from '../../../main/core/export/fixture';
import { EndpointAuth, type PublicEndpoint } from '../../../main/core/model';
import { callApi, startTestApp, tempDir, type TestApp } from '../../support/app';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

// Distinctive made-up data: none of it may appear anywhere in a redacted export.
const phone = '+4915199887766';
const spacedPhone = '+49 151 9988 7766';
const code = '918273';
const userReference = 'user-77123';
const email = 'ana.perez@cliente-ejemplo.cl';
const externalId = 'tg_msg_5521';
const payloadNote = 'session_zq81xw';
const tokenSecret = 'lox24-shared-secret-000111';
const hubSecret = 'soyio-hub-secret-424242';
const distinctive = [phone, '15199887766', '9988 7766', code, userReference, email, 'ana.perez', externalId, payloadNote, tokenSecret, hubSecret];

const loxBody = JSON.stringify(
  {
    id: '0b1f2c3d-0000-4000-a000-000000000001',
    api_version: '2022-05-25',
    name: 'verify_code.channel.failed',
    created_at: 1764670000,
    attempt_total: 3,
    attempt_number: 1,
    notification_task_id: '0b1f2c3d-0000-4000-a000-000000000002',
    data: {
      id: '0b1f2c3d-0000-4000-a000-000000000003',
      user_id: 48213,
      phone,
      status: 5,
      code,
      code_length: 6,
      payload: payloadNote,
      history: [{ id: 'h1', channel: 'telegram', status: 20, processed_at: 1764670000, external_id: externalId }],
      channel: { id: 'c1', channel: 'telegram', status: 20, processed_at: 1764670000, external_id: externalId, error: `No Telegram user for ${spacedPhone}`, cost: null },
    },
  },
  null,
  2,
);
const soyioBody = JSON.stringify({
  id: 'evt_abc',
  name: 'validation_attempt.failed',
  payload: { user_reference: userReference, validation_attempt_id: 'va_123', error_reason: 'blurry_image', errors_array: [{ code: 'auth-1', type: 'document', message: 'blurry', detail: `Contactar a ${email}` }] },
  created_at: '2026-12-02T06:00:00Z',
});

let apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps) await app.stop();
  apps = [];
});

async function start(): Promise<TestApp> {
  const app = await startTestApp();
  apps.push(app);
  return app;
}

async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

/** A store holding LOX24 (token header), Soyio (signed) and plain-text captures with the data above. */
async function captured(): Promise<{ app: TestApp; lox: PublicEndpoint; soyio: PublicEndpoint }> {
  const app = await start();
  const lox = (await callApi(app, 'createEndpoint', { name: 'lox24', provider: 'lox24', auth: { kind: 'header', header: 'X-LOX24-Token', value: tokenSecret } })).body as PublicEndpoint;
  const soyio = (await callApi(app, 'createEndpoint', { name: 'soyio', provider: 'soyio', auth: { kind: 'hub-signature-256', secret: hubSecret } })).body as PublicEndpoint;
  const json = { 'Content-Type': 'application/json' };
  expect(await post(`${lox.url}/lox24?msisdn=${encodeURIComponent(phone)}`, loxBody, { ...json, 'X-LOX24-Token': tokenSecret })).toBe(200);
  expect(await post(lox.url, loxBody.replace('"attempt_number": 1', '"attempt_number": 2'), { ...json, 'X-LOX24-Token': tokenSecret })).toBe(200);
  const { createHmac } = await import('node:crypto');
  const hub = `sha256=${createHmac('sha256', hubSecret).update(soyioBody).digest('hex')}`;
  expect(await post(soyio.url, soyioBody, { ...json, 'X-Hub-Signature-256': hub })).toBe(200);
  expect(await post(app.endpoint.url, `Call me at ${spacedPhone} or write to ${email}`, { 'Content-Type': 'text/plain', 'X-Contact': email })).toBe(200);
  return { app, lox, soyio };
}

function fixturesOf(files: { path: string; content: string }[]): Fixture[] {
  return files.filter((f) => f.path.endsWith('.json')).map((f) => JSON.parse(f.content) as Fixture);
}

describe('export with redaction (the default)', () => {
  it('leaves none of the made-up personal data or secrets anywhere, in any format', async () => {
    const { app } = await captured();
    for (const format of ['json', 'ts', 'har', 'curl'] as const) {
      const result = await exportEvents(app.app.store, { format, redact: true, dedupe: false });
      const everything = result.files.map((f) => `${f.path}\n${f.content}`).join('\n');
      for (const secret of distinctive) expect(everything, `${format} contains ${secret}`).not.toContain(secret);
      expect(result.count).toBe(4);
    }
  });

  it('each redacted value keeps its form: same country and length for phones, same-length codes, same-shape references', async () => {
    const { app } = await captured();
    const fixtures = fixturesOf((await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false })).files);
    const [first, second] = fixtures.filter((f) => f.meta.provider === 'lox24');
    const data = (first?.request.body as { data: Record<string, unknown> }).data;
    expect(data.phone).toMatch(/^\+49\d{11}$/);
    expect(data.code).toMatch(/^\d{6}$/);
    expect(data.payload).toMatch(/^session_[a-z0-9]{6}$/);
    expect(data.user_id).toEqual(expect.any(Number));
    expect(String(data.user_id)).toHaveLength(5);
    expect((data.history as { external_id: string }[])[0]?.external_id).toMatch(/^tg_[a-z]{3}_\d{4}$/);
    // The same number written another way inside free text gets the same fake, written the same way.
    const fake = String(data.phone);
    expect((data.channel as { error: string }).error).toBe(`No Telegram user for +49 ${fake.slice(3, 6)} ${fake.slice(6, 10)} ${fake.slice(10)}`);
    // Consistent within one export: the second delivery names the same fake person.
    expect((second?.request.body as { data: { phone: string } }).data.phone).toBe(fake);
    expect(first?.request.query).toBe(`msisdn=${encodeURIComponent(fake)}`);

    const soyio = fixtures.find((f) => f.meta.provider === 'soyio');
    const payload = (soyio?.request.body as { payload: { user_reference: string; errors_array: { detail: string }[] } }).payload;
    expect(payload.user_reference).toMatch(/^user-\d{5}$/);
    expect(payload.errors_array[0]?.detail).toMatch(/^Contactar a [a-z]{3}\.[a-z]{5}@example\.com$/);

    const text = fixtures.find((f) => f.meta.provider === 'generic');
    expect(text?.request.rawBody).toMatch(/^Call me at \+49 \d{3} \d{4} \d{4} or write to [a-z]{3}\.[a-z]{5}@example\.com$/);
    expect(text?.request.headers).toContainEqual(['X-Contact', expect.stringMatching(/@example\.com$/)]);
  });

  it('keeps the raw JSON as it was written (indentation, key order): only the values change', async () => {
    const { app } = await captured();
    const [lox] = fixturesOf((await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false })).files).filter((f) => f.meta.provider === 'lox24');
    const raw = lox?.request.rawBody ?? '';
    expect(raw.split('\n')).toHaveLength(loxBody.split('\n').length);
    expect(raw.replace(/"[^"]*"|\d+/g, '')).toBe(loxBody.replace(/"[^"]*"|\d+/g, ''));
    expect(JSON.parse(raw)).toEqual(lox?.request.body);
  });

  it('drops the token header; re-signs a Soyio fixture with the endpoint secret so it still verifies', async () => {
    const { app } = await captured();
    const fixtures = fixturesOf((await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false })).files);
    for (const f of fixtures.filter((x) => x.meta.provider === 'lox24')) expect(f.request.headers.map(([n]) => n.toLowerCase())).not.toContain('x-lox24-token');
    const soyio = fixtures.find((f) => f.meta.provider === 'soyio') as Fixture;
    const check = verifyAuth(EndpointAuth.parse({ kind: 'hub-signature-256', secret: hubSecret }), {
      headers: soyio.request.headers,
      body: Buffer.from(soyio.request.rawBody),
      now: Date.now(),
    });
    expect(check?.result).toBe('valid');
  });

  it('with redaction off, bodies are the exact bytes, but the endpoint’s own token is still never exported', async () => {
    const { app } = await captured();
    const result = await exportEvents(app.app.store, { format: 'json', redact: false, dedupe: false });
    const fixtures = fixturesOf(result.files);
    expect(fixtures.filter((f) => f.meta.provider === 'lox24').map((f) => f.request.rawBody)).toContain(loxBody);
    const everything = result.files.map((f) => f.content).join('\n');
    expect(everything).not.toContain(tokenSecret);
    expect(everything).toContain('[removed by Hookbridge: endpoint secret]');
  });
});

describe('formats', () => {
  it('json: files named <provider>/<event-name>/<received-iso>-<short-id>.json', async () => {
    const { app } = await captured();
    const paths = (await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false })).files.map((f) => f.path);
    expect(paths).toHaveLength(4);
    for (const p of paths) expect(p).toMatch(/^(lox24|soyio|generic)\/[A-Za-z0-9._-]+\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-z]{8}\.json$/);
    expect(paths.filter((p) => p.startsWith('lox24/verify_code.channel.failed/'))).toHaveLength(2);
  });

  it('har: validates against the HAR 1.2 schema', async () => {
    const { app } = await captured();
    const [file] = (await exportEvents(app.app.store, { format: 'har', redact: true, dedupe: false })).files;
    const schemas = require('har-schema') as Record<string, object>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    for (const [name, schema] of Object.entries(schemas)) if (name !== 'har') ajv.addSchema(schema);
    const validate = ajv.compile(schemas.har as object);
    const har = JSON.parse(file?.content ?? '{}') as { log: { entries: unknown[] } };
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    expect(har.log.entries).toHaveLength(4);
  });

  it('ts: index.ts type-checks with tsc in strict mode and a test can read a fixture’s typed body', async () => {
    const { app } = await captured();
    const result = await exportEvents(app.app.store, { format: 'ts', redact: true, dedupe: false });
    const dir = tempDir();
    writeExport(result.files, path.join(dir, 'fixtures'));
    fs.writeFileSync(
      path.join(dir, 'use.ts'),
      [
        "import { fixtures, lox24VerifyCodeChannelFailed1 } from './fixtures/index';",
        'const phone: string = lox24VerifyCodeChannelFailed1.request.body.data.phone;',
        'const attempts: number = lox24VerifyCodeChannelFailed1.request.body.attempt_number;',
        'const count: number = fixtures.length;',
        'export { phone, attempts, count };',
        '',
      ].join('\n'),
    );
    const tsc = path.resolve('node_modules/typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', path.join(dir, 'use.ts')]).then(
      () => 'ok',
      (error: { stdout: string }) => error.stdout,
    );
    expect(checked).toBe('ok');
  });

  it('dedupe keeps one fixture per provider, event name and JSON shape', async () => {
    const { app } = await captured();
    const result = await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: true });
    expect(result.count).toBe(3);
    expect(result.deduplicated).toBe(1);
  });
});

describe('round trip through curl', () => {
  it('the curl script replays every request into a fresh Hookbridge byte for byte (redaction off), binary bodies too', async () => {
    const { app } = await captured();
    await post(app.endpoint.url, Buffer.from([0xff, 0x00, 0xfe, 0x27, 0x0a]), { 'Content-Type': 'application/octet-stream' });
    const original = (await exportEvents(app.app.store, { format: 'json', redact: false, dedupe: false })).files;
    const script = (await exportEvents(app.app.store, { format: 'curl', redact: false, dedupe: false })).files;
    const dir = tempDir();
    writeExport(script, path.join(dir, 'out'));

    const fresh = await start();
    const { stdout } = await run('sh', [path.join(dir, 'out', 'replay.sh')], { env: { ...process.env, TARGET: fresh.endpoint.url } });
    expect(stdout.trim().split('\n').map((line) => line.split(' ')[0])).toEqual(['200', '200', '200', '200', '200']);

    const replayed = fixturesOf((await exportEvents(fresh.app.store, { format: 'json', redact: false, dedupe: false })).files);
    const bodies = (list: Fixture[]): string[] => list.map((f) => `${f.request.rawBodyEncoding}:${f.request.rawBody}`).sort();
    expect(bodies(replayed)).toEqual(bodies(fixturesOf(original)));
  });

  it('redacted fixtures posted to a fresh Hookbridge are stored exactly as their rawBody', async () => {
    const { app } = await captured();
    const fixtures = fixturesOf((await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false })).files);
    const fresh = await start();
    for (const f of fixtures) await post(fresh.endpoint.url, f.request.rawBody, { 'Content-Type': 'application/json' });
    const stored = fixturesOf((await exportEvents(fresh.app.store, { format: 'json', redact: false, dedupe: false })).files).map((f) => f.request.rawBody).sort();
    expect(stored).toEqual(fixtures.map((f) => f.request.rawBody).sort());
  });
});

describe('writing an export', () => {
  it('refuses a folder with files in it, and a cancelled export leaves nothing behind', async () => {
    const { app } = await captured();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'mine.txt'), 'keep me');
    const result = await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false });
    expect(() => writeExport(result.files, dir)).toThrow(/is not empty: export into a new or empty folder/);
    expect(fs.readdirSync(dir)).toEqual(['mine.txt']);

    const controller = new AbortController();
    controller.abort();
    await expect(exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false, signal: controller.signal })).rejects.toThrow('The export was cancelled; nothing was written.');
    const parent = tempDir();
    const abort = new AbortController();
    abort.abort();
    expect(() => writeExport(result.files, path.join(parent, 'out'), abort.signal)).toThrow('cancelled');
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('says so when nothing matches', async () => {
    const app = await start();
    await expect(exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false })).rejects.toThrow('No events match: there is nothing to export.');
  });
});
