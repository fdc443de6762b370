import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, startTestApp, type TestApp } from '../../support/app';
import { messageOf, openSse } from '../../support/sse';

let app: TestApp;
afterEach(async () => {
  await app?.stop();
});

/** A raw request, so Host and Origin can be anything a hostile page could send. */
function rawRequest(port: number, options: { path: string; method?: string; headers: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const postWebhook = (url: string, name: string) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });

describe('control API: who may call it', () => {
  it('refuses calls without the token, or with a wrong one, with 401 and a way forward', async () => {
    app = await startTestApp();
    const none = await fetch(`${app.controlUrl}/api/getStatus`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/link `hookbridge serve` printed/);
    const wrong = await fetch(`${app.controlUrl}/api/getStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}x` },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const stream = await fetch(`${app.controlUrl}/api/stream`);
    expect(stream.status).toBe(401);
  });

  it('answers with the Bearer token', async () => {
    app = await startTestApp();
    const { status, body } = await callApi(app, 'getStatus');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dataDir: app.dataDir, store: { ok: true }, ingress: { url: app.app.ingressUrl } });
  });

  it('refuses a foreign Host or Origin with 403 even with the token (DNS rebinding)', async () => {
    app = await startTestApp();
    const port = app.control.port ?? 0;
    const auth = { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' };
    const foreignHost = await rawRequest(port, { path: '/api/getStatus', headers: { ...auth, Host: `evil.example:${port}` }, body: '{}' });
    expect(foreignHost.status).toBe(403);
    const foreignOrigin = await rawRequest(port, {
      path: '/api/getStatus',
      headers: { ...auth, Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreignOrigin.status).toBe(403);
    const pageOnForeignHost = await rawRequest(port, { path: '/', method: 'GET', headers: { Host: `rebind.evil.example:${port}` } });
    expect(pageOnForeignHost.status).toBe(403);
    const ownOrigin = await rawRequest(port, {
      path: '/api/getStatus',
      headers: { ...auth, Host: `localhost:${port}`, Origin: `http://localhost:${port}` },
      body: '{}',
    });
    expect(ownOrigin.status).toBe(200);
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie that then opens the API and the stream', async () => {
    app = await startTestApp();
    const session = await fetch(`${app.controlUrl}/api/session`, { method: 'POST', headers: { Authorization: `Bearer ${app.token}` } });
    expect(session.status).toBe(200);
    const setCookie = session.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(app.token);
    const cookie = setCookie.split(';')[0] ?? '';
    const status = await fetch(`${app.controlUrl}/api/getStatus`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
    expect(status.status).toBe(200);
    const stream = await openSse(`${app.controlUrl}/api/stream`, { Cookie: cookie });
    stream.close();
    const forged = await fetch(`${app.controlUrl}/api/getStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie.replace(/=.*/, '=forged') },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  });
});

describe('control API: calls', () => {
  it('validates input with the contract and names the bad field', async () => {
    app = await startTestApp();
    const bad = await callApi(app, 'listEvents', { limit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('limit') } });
    // Each refused field by its path, with its message as a sentence: a form shows it under the field.
    const settings = await callApi(app, 'updateSettings', { retention: { maxEvents: 5 }, publicBaseUrl: 'not a url' });
    expect(settings.body).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        details: {
          fields: [
            { path: 'retention.maxEvents', message: expect.stringMatching(/^[A-Z].*100.*\.$/) },
            { path: 'publicBaseUrl', message: expect.stringMatching(/^[A-Z].*\.$/) },
          ],
        },
      },
    });
    const extra = await callApi(app, 'getEvent', { id: 'x', sneaky: true });
    expect(extra.status).toBe(400);
    const unknown = await callApi(app, 'dropDatabase');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { message: expect.stringContaining('Known methods: getStatus') } });
    const missing = await callApi(app, 'getEvent', { id: 'no-such-event' });
    expect(missing.status).toBe(404);
  });

  it('refuses API calls that are not JSON POSTs (no form posts from other pages)', async () => {
    app = await startTestApp();
    const form = await fetch(`${app.controlUrl}/api/deleteEvents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${app.token}` },
      body: 'ids=1',
    });
    expect(form.status).toBe(400);
    const get = await fetch(`${app.controlUrl}/api/getStatus`, { headers: { Authorization: `Bearer ${app.token}` } });
    expect(get.status).toBe(405);
  });

  it('lists stored webhooks newest first, filtered and paged by cursor', async () => {
    app = await startTestApp();
    for (const name of ['a.one', 'b.two', 'a.three']) await postWebhook(app.endpoint.url, name);
    const all = await callApi(app, 'listEvents', {});
    expect((all.body as { events: { name: string }[] }).events.map((e) => e.name)).toEqual(['a.three', 'b.two', 'a.one']);
    const family = await callApi(app, 'listEvents', { filter: { name: 'a.*' } });
    expect((family.body as { events: { name: string }[] }).events.map((e) => e.name)).toEqual(['a.three', 'a.one']);
    const first = (await callApi(app, 'listEvents', { limit: 2 })).body as { events: unknown[]; nextCursor: number };
    const second = (await callApi(app, 'listEvents', { limit: 2, cursor: first.nextCursor })).body as { events: { name: string }[]; nextCursor: number | null };
    expect(first.events).toHaveLength(2);
    expect(second.events.map((e) => e.name)).toEqual(['a.one']);
    expect(second.nextCursor).toBeNull();
  });

  it('serves the UI with a strict Content-Security-Policy and nothing outside its folder', async () => {
    app = await startTestApp();
    const page = await fetch(`${app.controlUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('<title>Hookbridge</title>');
    const port = app.control.port ?? 0;
    const traversal = await rawRequest(port, { path: '/../../package.json', method: 'GET', headers: { Host: `127.0.0.1:${port}` } });
    expect(traversal.status).toBe(404);
    const encoded = await rawRequest(port, { path: '/%2e%2e/%2e%2e/package.json', method: 'GET', headers: { Host: `127.0.0.1:${port}` } });
    expect(encoded.status).toBe(404);
  });

  it('serves the webhook routes on the ingress only: the UI and API are not reachable through it', async () => {
    app = await startTestApp();
    const ingress = app.app.ingressUrl ?? '';
    expect((await fetch(`${ingress}/`)).status).toBe(404);
    expect((await fetch(`${ingress}/index.html`)).status).toBe(404);
    expect((await fetch(`${ingress}/api/getStatus`, { method: 'POST', headers: { Authorization: `Bearer ${app.token}` } })).status).toBe(404);
    // Traversal and UI asset paths reach nothing either, however they are spelled.
    for (const sneaky of ['/api/stream', '/assets/index.js', '/export/01ABCDEFGHJKMNPQRSTVWXYZ00.zip', '/h/../api/getStatus', '/h/%2e%2e/api/getStatus', '/%2e%2e/%2e%2e/etc/passwd', '/h', '/h/', '//api/getStatus']) {
      const answer = await fetch(`${ingress}${sneaky}`);
      expect(answer.status, sneaky).toBe(404);
      expect(await answer.text(), sneaky).not.toContain('<html');
    }
  });
});

describe('control API: the event stream', () => {
  it('delivers event.created for a posted webhook', async () => {
    app = await startTestApp();
    const stream = await openSse(`${app.controlUrl}/api/stream`, { Authorization: `Bearer ${app.token}` });
    try {
      const response = await postWebhook(`${app.endpoint.url}/lox24`, 'verify_code.channel.failed');
      const { id } = (await response.json()) as { id: string };
      const frames = await stream.waitFor((f) => f.some((frame) => messageOf(frame).type === 'event.created'));
      const created = frames.map(messageOf).find((m) => m.type === 'event.created');
      expect(created?.data).toMatchObject({ id, name: 'verify_code.channel.failed', path: 'lox24', status: 200 });
    } finally {
      stream.close();
    }
  });

  it('resumes with Last-Event-ID without losing or repeating a message', async () => {
    app = await startTestApp();
    const headers = { Authorization: `Bearer ${app.token}` };
    const first = await openSse(`${app.controlUrl}/api/stream`, headers);
    await postWebhook(app.endpoint.url, 'seen.before');
    const [seen] = await first.waitFor((f) => f.length >= 1);
    first.close();

    for (const name of ['missed.1', 'missed.2', 'missed.3']) await postWebhook(app.endpoint.url, name);

    const second = await openSse(`${app.controlUrl}/api/stream`, { ...headers, 'Last-Event-ID': seen?.id ?? '' });
    try {
      const frames = await second.waitFor((f) => f.length >= 3);
      await postWebhook(app.endpoint.url, 'live.after');
      await second.waitFor((f) => f.length >= 4);
      expect(frames.map((f) => messageOf(f).data.name)).toEqual(['missed.1', 'missed.2', 'missed.3', 'live.after']);
      expect(new Set(frames.map((f) => f.id)).size).toBe(4);
    } finally {
      second.close();
    }
  });

  it('announces endpoint changes, without the endpoint secret', async () => {
    app = await startTestApp();
    const stream = await openSse(`${app.controlUrl}/api/stream`, { Authorization: `Bearer ${app.token}` });
    try {
      const created = await callApi(app, 'createEndpoint', { name: 'lox24 prod', auth: { kind: 'header', header: 'X-LOX24-Token', value: 'sup3r-s3cret-value' } });
      expect(created.status).toBe(200);
      const frames = await stream.waitFor((f) => f.some((frame) => messageOf(frame).type === 'endpoint.changed'));
      const changed = frames.map(messageOf).find((m) => m.type === 'endpoint.changed');
      expect(changed?.data).toMatchObject({ endpoint: { name: 'lox24 prod', auth: { kind: 'header', header: 'X-LOX24-Token' } } });
      expect(JSON.stringify(frames)).not.toContain('sup3r-s3cret-value');
    } finally {
      stream.close();
    }
  });

  it('tells a client from before a restart to resync instead of pretending it missed nothing', async () => {
    app = await startTestApp();
    const stream = await openSse(`${app.controlUrl}/api/stream`, { Authorization: `Bearer ${app.token}`, 'Last-Event-ID': 'deadbeef-41' });
    try {
      const [frame] = await stream.waitFor((f) => f.length >= 1);
      expect(messageOf(frame ?? { id: null, data: '{}' }).type).toBe('stream.resync');
    } finally {
      stream.close();
    }
  });
});
