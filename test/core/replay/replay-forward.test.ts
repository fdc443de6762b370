// Replay and forward-to against a real local HTTP server started here (the "local app"), with a real
// Hookbridge in front: what the app received, what the provider was answered, and what was recorded.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EndpointAuth, type Delivery, type PublicEndpoint } from '../../../main/core/model';
import { verifyAuth } from '../../../main/core/signatures';
import { callApi, startTestApp, waitUntil, type TestApp } from '../../support/app';

const loxFailed = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'));
const soyioFailed = fs.readFileSync(path.resolve('test/fixtures/seeds/soyio.validation_attempt.failed.json'));

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let app: TestApp | undefined;
const servers: http.Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.stop();
  app = undefined;
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The developer's app: records what it gets, answers what the test says. */
async function localApp(answer: (req: Received) => { status: number; body: string } = () => ({ status: 204, body: '' })) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      const { status, body } = answer(entry);
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-App': 'mine' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/**
 * A port nothing listens on. Not one a server just released: every server of the test suites listens on port 0
 * and gets one from the ephemeral range, so a released port could be handed to a test running beside this one.
 * Port 2 lies below that range, is on no HTTP client's blocked list, and no service of ours ever binds it.
 */
const deadUrl = 'http://127.0.0.1:2/webhooks';

async function post(url: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: response.status, text: await response.text() };
}

/** Reads until `ok` holds; the generous bound only ends a test whose condition never comes true. */
async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean): Promise<T> {
  let value = await read();
  await waitUntil(async () => ok((value = await read())), 'the condition');
  return value;
}

describe('replay', () => {
  it('sends the stored bytes again with the same method and headers (hop-by-hop dropped), and records the answer', async () => {
    app = await startTestApp();
    const target = await localApp(() => ({ status: 202, body: '{"ok":true}' }));
    const stored = JSON.parse((await post(app.endpoint.url, loxFailed, { 'X-Custom': 'kept', Connection: 'keep-alive' })).text) as { id: string };

    const replayed = await callApi(app, 'replayEvent', { id: stored.id, url: `${target.url}/webhooks/lox24` });
    expect(replayed.status).toBe(200);
    const delivery = replayed.body as Delivery;
    expect(delivery).toMatchObject({ requestId: stored.id, kind: 'replay', edited: false, resigned: false, error: null, response: { status: 202, body: '{"ok":true}' } });
    expect(delivery.response?.headers).toContainEqual(['x-app', 'mine']);
    expect(target.received).toHaveLength(1);
    expect(target.received[0]?.body.equals(loxFailed)).toBe(true);
    expect(target.received[0]?.url).toBe('/webhooks/lox24');
    expect(target.received[0]?.headers['x-custom']).toBe('kept');
    expect(delivery.request.headers.map(([name]) => name.toLowerCase())).not.toContain('connection');

    const listed = (await callApi(app, 'listDeliveries', { id: stored.id })).body as Delivery[];
    expect(listed.map((d) => d.id)).toEqual([delivery.id]);
  });

  it('an edited body goes as edited; resign signs it again with the endpoint secret and a fresh timestamp', async () => {
    app = await startTestApp();
    const secret = 'whsec_stripe_replay_0123456789';
    const endpoint = (await callApi(app, 'createEndpoint', { name: 'stripe', auth: { kind: 'stripe', secret, enforce: 'flag' } })).body as PublicEndpoint;
    const target = await localApp();
    const old = Buffer.from('{"id":"evt_1","type":"charge.failed"}');
    const stored = JSON.parse((await post(endpoint.url, old, { 'Stripe-Signature': 't=1,v1=00' })).text) as { id: string };

    const edited = '{"id":"evt_1","type":"charge.succeeded"}';
    const delivery = (await callApi(app, 'replayEvent', { id: stored.id, url: target.url, body: edited, resign: true })).body as Delivery;
    expect(delivery).toMatchObject({ edited: true, resigned: true, response: { status: 204 } });
    const got = target.received[0];
    expect(got?.body.toString()).toBe(edited);
    const check = verifyAuth(EndpointAuth.parse({ kind: 'stripe', secret }), {
      headers: [['Stripe-Signature', String(got?.headers['stripe-signature'])]],
      body: got?.body ?? Buffer.alloc(0),
      now: Date.now(),
    });
    expect(check?.result).toBe('valid');
  });

  it('a target that is down is recorded with the reason; re-signing without a scheme is refused with a sentence', async () => {
    app = await startTestApp();
    const stored = JSON.parse((await post(app.endpoint.url, loxFailed)).text) as { id: string };
    const down = (await callApi(app, 'replayEvent', { id: stored.id, url: deadUrl })).body as Delivery;
    expect(down.response).toBeNull();
    expect(down.error).toMatch(/^Nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\): is your app running\?$/);
    const refused = await callApi(app, 'replayEvent', { id: stored.id, url: 'http://127.0.0.1:9/x', resign: true });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('has no auth or signature check, so there is nothing to sign with');
    const blocked = (await callApi(app, 'replayEvent', { id: stored.id, url: 'http://127.0.0.1:9/x' })).body as Delivery;
    expect(blocked.error).toBe('Port 9 is one that HTTP clients refuse to call (it belongs to another protocol); use another port.');
    const bad = await callApi(app, 'replayEvent', { id: stored.id, url: 'ftp://x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('must start with http:// or https://');
  });
});

describe('forward-to', () => {
  it('pass-through: the provider gets the local app’s answer; the app gets the exact bytes; the forward is recorded', async () => {
    app = await startTestApp();
    const target = await localApp(() => ({ status: 500, body: '{"error":"db down"}' }));
    await callApi(app, 'updateEndpoint', { id: app.endpoint.id, forward: { url: `${target.url}/hooks`, mode: 'pass-through' } });
    const answer = await post(`${app.endpoint.url}?attempt=1`, loxFailed);
    expect(answer).toEqual({ status: 500, text: '{"error":"db down"}' });
    expect(target.received[0]?.body.equals(loxFailed)).toBe(true);
    expect(target.received[0]?.url).toBe('/hooks?attempt=1');
    const id = String(target.received[0]?.headers['x-hookbridge-request-id']);
    const event = (await callApi(app, 'getEvent', { id })).body as { status: number; response: { body: string } };
    expect(event).toMatchObject({ status: 500, response: { body: '{"error":"db down"}' } });
    const [delivery] = (await callApi(app, 'listDeliveries', { id })).body as Delivery[];
    expect(delivery).toMatchObject({ kind: 'forward', response: { status: 500 } });
  });

  it('pass-through with the local app down: the provider gets 502 saying so, and the request is still stored', async () => {
    app = await startTestApp();
    await callApi(app, 'updateEndpoint', { id: app.endpoint.id, forward: { url: deadUrl, mode: 'pass-through' } });
    const answer = await post(app.endpoint.url, loxFailed);
    expect(answer.status).toBe(502);
    expect(answer.text).toContain('connection refused');
    expect(((await callApi(app, 'countEvents')).body as { events: number }).events).toBe(1);
  });

  it('acknowledge: the provider gets 200 at once whatever the app says; routes send each event name to its own URL', async () => {
    app = await startTestApp();
    const lox = await localApp(() => ({ status: 500, body: 'nope' }));
    const soyio = await localApp(() => ({ status: 200, body: 'ok' }));
    await callApi(app, 'updateEndpoint', {
      id: app.endpoint.id,
      forward: { mode: 'acknowledge', routes: [{ event: 'verify_code.*', url: `${lox.url}/lox24` }, { event: 'validation_attempt.*', url: `${soyio.url}/soyio` }] },
    });
    // Every request the engine sends onward, as it sends it (in process: the ingress calls fetch).
    const fetched = vi.spyOn(globalThis, 'fetch');
    const onward = (): string[] => fetched.mock.calls.map(([input]) => String(input)).filter((url) => url.startsWith(lox.url) || url.startsWith(soyio.url));
    // Not routed, and no default URL: not forwarded. Sent first, so its forward (if there were one) would start first.
    expect((await post(app.endpoint.url, Buffer.from('{"name":"other.event"}'))).status).toBe(200);
    expect((await post(app.endpoint.url, loxFailed)).status).toBe(200);
    expect((await post(app.endpoint.url, soyioFailed)).status).toBe(200);
    await until(() => lox.received.length + soyio.received.length, (n) => n === 2);
    const loxId = String(lox.received[0]?.headers['x-hookbridge-request-id']);
    const soyioId = String(soyio.received[0]?.headers['x-hookbridge-request-id']);
    // Both forwards are recorded: the engine is past sending anything for these three requests.
    const [delivery] = await until(async () => (await callApi(app as TestApp, 'listDeliveries', { id: loxId })).body as Delivery[], (d) => d.length === 1);
    await until(async () => (await callApi(app as TestApp, 'listDeliveries', { id: soyioId })).body as Delivery[], (d) => d.length === 1);
    expect(onward()).toEqual([`${lox.url}/lox24`, `${soyio.url}/soyio`]);
    expect(lox.received.map((r) => r.url)).toEqual(['/lox24']);
    expect(soyio.received.map((r) => r.url)).toEqual(['/soyio']);
    expect(delivery).toMatchObject({ kind: 'forward', response: { status: 500, body: 'nope' } });
  });

  it('a matching response rule wins over the forward mode', async () => {
    app = await startTestApp();
    const target = await localApp();
    await callApi(app, 'updateEndpoint', {
      id: app.endpoint.id,
      forward: { url: target.url, mode: 'pass-through' },
      rules: [{ name: 'fail once', action: { kind: 'respond', status: 503 }, remaining: 1 }],
    });
    expect((await post(app.endpoint.url, loxFailed)).status).toBe(503);
    expect(target.received).toHaveLength(0);
    expect((await post(app.endpoint.url, loxFailed)).status).toBe(204);
    expect(target.received).toHaveLength(1);
  });

  it('refuses a forward config with nowhere to go', async () => {
    app = await startTestApp();
    const refused = await callApi(app, 'updateEndpoint', { id: app.endpoint.id, forward: { mode: 'pass-through' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('give a URL, or at least one route');
  });
});
