// Response rules at the real ingress: what the provider is answered, what is stored, and that a rule never
// answers before the request is committed.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDetail, PublicEndpoint } from '../../../main/core/model';
import { callApi, startTestApp, tempDir, waitUntil, type TestApp } from '../../support/app';

const loxFailed = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'));
const soyioFailed = fs.readFileSync(path.resolve('test/fixtures/seeds/soyio.validation_attempt.failed.json'));

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function setRules(rules: unknown[]): Promise<PublicEndpoint> {
  const updated = await callApi(app as TestApp, 'updateEndpoint', { id: (app as TestApp).endpoint.id, rules });
  expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  return updated.body as PublicEndpoint;
}

async function post(body: Buffer, init: { method?: string } = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch((app as TestApp).endpoint.url, { method: init.method ?? 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function latest(): Promise<EventDetail> {
  const page = (await callApi(app as TestApp, 'listEvents', { limit: 1 })).body as { events: { id: string }[] };
  return (await callApi(app as TestApp, 'getEvent', { id: page.events[0]?.id })).body as EventDetail;
}

describe('response rules', () => {
  it('"500 for the next 2" answers 500 twice, then the default 200; each stored request says which rule answered; the count survives a restart', async () => {
    const dataDir = tempDir();
    app = await startTestApp({}, dataDir);
    const [rule] = (
      await setRules([
        { name: 'provider retries', match: { event: 'verify_code.*' }, action: { kind: 'respond', status: 500, headers: [['Content-Type', 'text/plain']], body: 'try again' }, remaining: 2 },
      ])
    ).rules;
    expect(rule).toMatchObject({ id: expect.any(String), remaining: 2, enabled: true });

    const first = await post(loxFailed);
    expect([first.status, first.text, first.headers.get('content-type')]).toEqual([500, 'try again', 'text/plain']);
    expect((await latest()).answeredBy).toEqual({ ruleId: rule?.id, name: 'provider retries', delayMs: 0, dropped: false });
    expect((await latest()).response).toMatchObject({ status: 500, body: 'try again' });
    expect((await post(loxFailed)).status).toBe(500);
    const third = await post(loxFailed);
    expect(third.status).toBe(200);
    expect(JSON.parse(third.text)).toMatchObject({ received: true });
    expect((await latest()).answeredBy).toBeNull();

    await app.stop();
    app = await startTestApp({}, dataDir);
    const [endpoint] = (await callApi(app, 'listEndpoints')).body as PublicEndpoint[];
    expect(endpoint?.rules[0]?.remaining).toBe(0);
    expect((await post(loxFailed)).status).toBe(200);
  });

  it('the first enabled rule that matches wins: by provider, method, event glob and a JSON path', async () => {
    app = await startTestApp();
    await setRules([
      { name: 'off', enabled: false, action: { kind: 'respond', status: 418 } },
      { name: 'soyio validation', match: { provider: 'soyio', event: 'validation_attempt.*', json: { path: '$.payload.error_reason', op: 'exists' } }, action: { kind: 'respond', status: 503 } },
      { name: 'telegram failures', match: { json: { path: '$.data.channel.channel', value: 'telegram' } }, action: { kind: 'respond', status: 502 } },
      { name: 'puts', match: { method: 'put' }, action: { kind: 'respond', status: 405 } },
    ]);
    expect((await post(soyioFailed)).status).toBe(503);
    expect((await post(loxFailed)).status).toBe(502);
    expect((await post(Buffer.from('{"name":"other"}'), { method: 'PUT' })).status).toBe(405);
    expect((await post(Buffer.from('{"name":"other"}'))).status).toBe(200);
  });

  it('a delayed answer goes out only after the delay, and the request is already stored while the provider waits', async () => {
    // The rule's delay runs on a timer the test holds: it ends when the test says, not when a clock does.
    const delays: { ms: number; end: () => void }[] = [];
    const ingressClock = { setTimer: (end: () => void, ms: number) => delays.push({ ms, end }), clearTimer: () => undefined };
    app = await startTestApp({}, tempDir(), { ingressClock });
    await setRules([{ name: 'slow', action: { kind: 'respond', status: 200, body: 'ok', delayMs: 1500 } }]);
    let answered = false;
    const pending = post(loxFailed).then((r) => {
      answered = true;
      return r;
    });
    // The provider waits out the rule's delay…
    await waitUntil(() => delays.length > 0, 'the rule to start its delay');
    expect(delays.map((d) => d.ms)).toEqual([1500]);
    // …with its request already stored, and no answer yet.
    expect(((await callApi(app, 'countEvents')).body as { events: number }).events).toBe(1);
    expect(answered).toBe(false);
    // Answered once the delay is over, as the rule says.
    delays[0]?.end();
    expect(await pending).toMatchObject({ status: 200, text: 'ok' });
    expect((await latest()).answeredBy).toMatchObject({ name: 'slow', delayMs: 1500 });
  });

  it('"close the connection" drops the socket without an answer; the request is stored with no status', async () => {
    app = await startTestApp();
    await setRules([{ name: 'drop it', action: { kind: 'drop' } }]);
    const outcome = await new Promise<string>((resolve) => {
      const url = new URL(app?.endpoint.url ?? '');
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json' } }, (response) =>
        resolve(`answered ${response.statusCode}`),
      );
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      request.end(loxFailed);
    });
    expect(outcome).toBe('ECONNRESET');
    const stored = await latest();
    expect(stored.answeredBy).toMatchObject({ name: 'drop it', dropped: true });
    expect(stored.status).toBe(0);
    expect(stored.body).toBe(loxFailed.toString());
  });

  it('refuses rules it cannot keep, with the field and the limit in the message', async () => {
    app = await startTestApp();
    for (const [rule, words] of [
      [{ action: { kind: 'respond', status: 700 } }, 'must be 200–599'],
      [{ action: { kind: 'respond', status: 200, delayMs: 61_000 } }, 'at most 60 s'],
      [{ match: { json: { path: 'data.status' } }, action: { kind: 'drop' } }, 'must be a JSON path such as $.data.status'],
      [{ action: { kind: 'respond', status: 200, headers: [['Bad Header', 'x']] } }, 'must be a valid HTTP header name'],
    ] as const) {
      const refused = await callApi(app, 'updateEndpoint', { id: app.endpoint.id, rules: [rule] });
      expect(refused.status, words).toBe(400);
      expect(JSON.stringify(refused.body), words).toContain(words);
    }
  });
});
