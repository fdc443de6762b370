import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app';

const seedDir = path.resolve('test/fixtures/seeds');
const seeds = fs.readdirSync(seedDir).filter((f) => f.endsWith('.json'));

let app: TestApp;
afterEach(async () => {
  await app?.stop();
});

describe('ingress: every documented example reaches the store intact', () => {
  it.each(seeds)('%s is answered 200 and stored byte for byte', async (file) => {
    app = await startTestApp();
    const raw = fs.readFileSync(path.join(seedDir, file));
    const response = await fetch(`${app.endpoint.url}/${file.split('.')[0]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: raw,
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { received: boolean; id: string };
    expect(answer.received).toBe(true);

    const stored = await app.app.api.getEvent({ id: answer.id });
    expect(Buffer.from(stored.body, 'utf8').equals(raw)).toBe(true);
    expect(stored.name).toBe((JSON.parse(raw.toString()) as { name: string }).name);
    expect(stored.path).toBe(file.split('.')[0]);
    expect(stored.method).toBe('POST');
    expect(stored.response.status).toBe(200);
    expect(JSON.parse(stored.response.body)).toEqual(answer);

    const page = await app.app.api.listEvents({});
    expect(page.events.map((e) => e.id)).toEqual([answer.id]);
  });
});

describe('ingress: what the provider is told', () => {
  it('answers 404 to unknown paths and tokens, stores nothing, and counts them', async () => {
    app = await startTestApp();
    const ingress = app.app.ingressUrl;
    for (const url of [`${ingress}/`, `${ingress}/api/getStatus`, `${ingress}/h/not-a-real-token-at-all`, `${ingress}/h/`]) {
      const response = await fetch(url, { method: 'POST', body: '{}' });
      expect(response.status, url).toBe(404);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/no Hookbridge endpoint/);
    }
    expect((await app.app.api.listEvents({})).events).toHaveLength(0);
    expect(app.app.status().counters.notFound).toBe(4);
  });

  it('keeps the sub-path, query, method, raw header order and case, and forwarded client', async () => {
    const now = Date.now();
    app = await startTestApp({}, undefined, { ingressClock: { now: () => now } }); // the receive time, pinned
    const url = new URL(`${app.endpoint.url}/soyio/events?attempt=2&x=%20y`);
    const id = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'PUT',
          headers: [
            'X-Zeta', 'last',
            'content-type', 'text/plain',
            'X-Forwarded-For', '203.0.113.7, 10.0.0.1',
            'X-Alpha', 'one',
            'X-Alpha', 'two',
            // With headers given as a raw list, node:http adds neither Host nor framing.
            'Host', url.host,
            'Content-Length', '15',
          ],
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve((JSON.parse(text) as { id: string }).id));
        },
      );
      req.on('error', reject);
      req.end('plain text body');
    });
    const stored = await app.app.api.getEvent({ id });
    expect(stored.method).toBe('PUT');
    expect(stored.path).toBe('soyio/events');
    expect(stored.query).toBe('attempt=2&x=%20y');
    const names = stored.headers.map(([name]) => name);
    expect(names.indexOf('X-Zeta')).toBeLessThan(names.indexOf('content-type'));
    expect(stored.headers.filter(([name]) => name === 'X-Alpha').map(([, v]) => v)).toEqual(['one', 'two']);
    expect(stored.remoteAddress).toBe('127.0.0.1');
    expect(stored.forwardedFor).toBe('203.0.113.7');
    expect(stored.body).toBe('plain text body');
    expect(stored.receivedAt).toBe(now);
  });

  it('answers 400 with the parse error and its position, and stores the request flagged', async () => {
    app = await startTestApp();
    const response = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name": "verify_code.success", }' });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { id: string; error: { message: string; position: number } };
    expect(answer.error.position).toBe(32);
    expect(answer.error.message).toMatch(/at byte 32/);
    const stored = await app.app.api.getEvent({ id: answer.id });
    expect(stored.flags).toContain('parse_error');
    expect(stored.severity).toBe('error');
    expect(stored.parseError).toEqual({ message: expect.stringMatching(/at byte 32/), position: 32 });
    expect(stored.body).toBe('{"name": "verify_code.success", }');
  });

  it('answers 401 when the static token header is missing or wrong, 200 when it matches', async () => {
    app = await startTestApp();
    await app.app.api.updateEndpoint({ id: app.endpoint.id, auth: { kind: 'header', header: 'X-LOX24-Token', value: 'correct-horse-battery' } });
    const send = (headers: Record<string, string>) =>
      fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"name":"sms.incoming"}' });

    const missing = await send({});
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/X-LOX24-Token header is missing/);
    const wrong = await send({ 'X-LOX24-Token': 'correct-horse-battery!' });
    expect(wrong.status).toBe(401);
    const right = await send({ 'x-lox24-token': 'correct-horse-battery' });
    expect(right.status).toBe(200);

    const events = (await app.app.api.listEvents({})).events;
    expect(events.map((e) => e.status)).toEqual([200, 401, 401]);
    expect(events[1]?.flags).toContain('auth_failed');
    expect(events[1]?.severity).toBe('error');
  });

  it('never shows the endpoint secret through the API', async () => {
    app = await startTestApp();
    await app.app.api.updateEndpoint({ id: app.endpoint.id, auth: { kind: 'header', header: 'X-LOX24-Token', value: 'correct-horse-battery' } });
    const listed = JSON.stringify(await app.app.api.listEndpoints());
    expect(listed).not.toContain('correct-horse-battery');
    expect(listed).toContain('X-LOX24-Token');
  });

  it('answers 403 when the endpoint is disabled, and still keeps what was sent', async () => {
    app = await startTestApp();
    await app.app.api.updateEndpoint({ id: app.endpoint.id, enabled: false });
    const response = await fetch(app.endpoint.url, { method: 'POST', body: '{"name":"x"}', headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(403);
    const { id } = (await response.json()) as { id: string };
    expect((await app.app.api.getEvent({ id })).flags).toEqual(['endpoint_disabled']);
  });

  it('answers 413 over the body limit and keeps the metadata and the first 64 KiB', async () => {
    app = await startTestApp({ ingress: { bodyLimitBytes: 100_000 } });
    const body = Buffer.alloc(100_001, 'a');
    const response = await fetch(app.endpoint.url, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(413);
    const answer = (await response.json()) as { id: string; error: { message: string } };
    expect(answer.error.message).toMatch(/accepts up to 97\.7 KiB/);
    const stored = await app.app.api.getEvent({ id: answer.id });
    expect(stored.bodySize).toBe(100_001);
    expect(stored.bodyTruncated).toBe(true);
    expect(stored.body.length).toBe(64 * 1024);
    expect(stored.flags).toContain('body_too_large');

    const atLimit = await fetch(app.endpoint.url, { method: 'POST', body: Buffer.alloc(100_000, 'b') });
    expect(atLimit.status).toBe(200);
  });

  it('uses a new endpoint at once and forgets a rotated token at once', async () => {
    app = await startTestApp();
    const created = await app.app.api.createEndpoint({ name: 'soyio staging', provider: 'soyio' });
    expect(created.token.length).toBeGreaterThanOrEqual(22); // >= 128 bits in base64url
    expect((await fetch(created.url, { method: 'POST', body: '{}' })).status).toBe(200);
    const rotated = await app.app.api.updateEndpoint({ id: created.id, rotateToken: true });
    expect((await fetch(created.url, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(rotated.url, { method: 'POST', body: '{}' })).status).toBe(200);
  });

  it('keeps endpoints across restarts, and creates "default" only on the first run', async () => {
    app = await startTestApp();
    const dataDir = app.dataDir;
    await app.app.api.createEndpoint({ name: 'lox24' });
    const before = await app.app.api.listEndpoints();
    await app.stop();
    app = await startTestApp({}, dataDir);
    const after = await app.app.api.listEndpoints();
    expect(after.map((e) => [e.name, e.token])).toEqual(before.map((e) => [e.name, e.token]));
    expect(after.filter((e) => e.name === 'default')).toHaveLength(1);
  });
});
