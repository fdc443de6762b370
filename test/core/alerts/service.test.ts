// The alert policy as the core runs it, for every place that shows alerts: real webhooks through the real
// ingress, the decisions on the bus and in the store, pause / resume / seen through the API. The burst window's
// clock is a manual one, so a summary appears when the test moves time, never because a machine was slow.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../../main/core/bus';
import type { Alert, AlertState } from '../../../main/core/model';
import { startTestApp, waitUntil, type TestApp } from '../../support/app';
import { manualClock, type ManualClock } from '../../support/manual-clock';
import { lox24Failure } from '../../support/seeds';

const seed = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');
const soyioOk = seed('soyio.auth_attempt.successful.json');
/** A LOX24 failure of its own (another verification), so it is news, not a redelivery of the last one. */
const failure = (n: number): string => lox24Failure(n);

let app: TestApp | undefined;
let clock: ManualClock;
let messages: BusMessage[];
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function start(windowMs = 1_000): Promise<TestApp> {
  clock = manualClock();
  messages = [];
  app = await startTestApp({ alerts: { windowMs } }, undefined, { alertClock: clock });
  app.app.bus.subscribe((message) => messages.push(message));
  return app;
}

async function post(body: string): Promise<string> {
  const response = await fetch(app?.endpoint.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(response.status).toBe(200);
  const created = messages.filter((m) => m.type === 'event.created').at(-1);
  if (created?.type !== 'event.created') throw new Error('no event.created for the post');
  return created.data.id;
}

const alerts = (): Alert[] => messages.flatMap((m) => (m.type === 'alert' ? [m.data] : []));
const lastState = (): AlertState | undefined => messages.flatMap((m) => (m.type === 'alerts.changed' ? [m.data] : [])).at(-1);
/** The outcome of the decisions stored with the event, "outcome/reason" each. */
const decision = async (id: string): Promise<string | null> => {
  const decided = (await app!.app.api.getEvent({ id })).alerts;
  return decided.length === 0 ? null : decided.map((d) => `${d.outcome}/${d.reason}`).join(', ');
};

describe('the core’s alert policy', () => {
  it('a LOX24 failure raises one alert with the phone masked, stored as "alerted"; a success raises none', async () => {
    await start();
    const failed = await post(failure(1));
    const ok = await post(soyioOk);
    expect(alerts()).toEqual([
      {
        id: expect.any(String),
        at: clock.now(),
        title: 'LOX24 · Telegram failed',
        body: expect.stringContaining('+49 ••• 678'),
        severity: 'failed',
        target: { kind: 'event', id: failed },
      },
    ]);
    expect(JSON.stringify(alerts())).not.toContain('15112345678');
    expect(await decision(failed)).toBe('alerted/failed');
    expect(await decision(ok)).toBeNull();
    await waitUntil(() => lastState()?.unseen === 1, 'alerts.changed with one unseen failure');
    expect(app!.app.status().alerts).toEqual({ paused: null, unseen: 1, windowMs: 1_000, osNotifications: false });
  });

  it('a burst is told one by one up to three, then as one summary when the window ends', async () => {
    await start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await post(failure(i)));
    expect(alerts()).toHaveLength(3);
    clock.advance(1_000);
    expect(alerts()).toHaveLength(4);
    expect(alerts()[3]).toMatchObject({ title: '5 failures in 1 s', body: '5 × verify_code.channel.failed', target: { kind: 'feed', filter: { severity: ['failed'], name: 'verify_code.channel.failed' } } });
    expect(await Promise.all(ids.map(decision))).toEqual(['alerted/failed', 'alerted/failed', 'alerted/failed', 'summarized/failed', 'summarized/failed']);
  });

  it('a redelivery of a failure already alerted stays quiet, and says so', async () => {
    await start();
    await post(failure(7));
    const again = await post(failure(7));
    expect(alerts()).toHaveLength(1);
    expect(await decision(again)).toBe('quiet/redelivery');
  });

  it('pause through the API silences every alert until resumed, and says until when; failures still count as unseen', async () => {
    await start();
    const state = await app!.app.api.pauseAlerts({ for: '1h' });
    expect(state.paused).toEqual({ choice: '1h', until: clock.now() + 3_600_000 });
    const quiet = await post(failure(1));
    expect(alerts()).toEqual([]);
    expect(await decision(quiet)).toBe('paused/failed');
    expect((await app!.app.api.getAlerts()).unseen).toBe(1);

    expect((await app!.app.api.resumeAlerts()).paused).toBeNull();
    await post(failure(2));
    expect(alerts()).toHaveLength(1);
  });

  it('a timed pause ends by itself, and says so on the bus', async () => {
    await start();
    await app!.app.api.pauseAlerts({ for: '15m' });
    await waitUntil(() => lastState()?.paused?.choice === '15m', 'the pause announced');
    clock.advance(15 * 60_000);
    await waitUntil(() => lastState()?.paused === null, 'the end of the pause announced');
    await post(failure(1));
    expect(alerts()).toHaveLength(1);
  });

  it('a muted endpoint raises nothing and counts nothing; the decision says "muted"', async () => {
    const started = await start();
    await started.app.api.updateEndpoint({ id: started.endpoint.id, notify: false });
    const muted = await post(failure(1));
    expect(alerts()).toEqual([]);
    expect(await decision(muted)).toBe('muted/failed');
    expect((await started.app.api.getAlerts()).unseen).toBe(0);
  });

  it('seen failures leave the unseen count, one by one or all at once', async () => {
    const started = await start();
    const first = await post(failure(1));
    await post(failure(2));
    await started.app.api.markSeen({ ids: [first] });
    await waitUntil(() => lastState()?.unseen === 1, 'one left unseen');
    await started.app.api.markSeen({ all: true });
    await waitUntil(() => lastState()?.unseen === 0, 'none left unseen');
  });

  it('refuses a pause it does not know, naming the choices', async () => {
    await start();
    await expect(app!.app.api.pauseAlerts({ for: '2h' } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('15m') });
  });

  describe('a forward your app fails', () => {
    /** The local app: answers every request with `status`. */
    async function localApp(status: number): Promise<{ url: string; close(): Promise<void> }> {
      const server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(status).end());
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, close: () => new Promise((resolve) => server.close(() => resolve())) };
    }
    const forwardTo = async (url: string, alertOnFailure?: boolean): Promise<void> => {
      await app!.app.api.updateEndpoint({ id: app!.endpoint.id, forward: { url, mode: 'acknowledge', ...(alertOnFailure === undefined ? {} : { alertOnFailure }) } });
    };
    const forwarded = (): number => messages.filter((m) => m.type === 'delivery.created').length;

    it('answering 500 raises an alert naming the event, stored as "alerted/forward" beside the event’s own', async () => {
      await start();
      const local = await localApp(500);
      try {
        await forwardTo(local.url);
        const ok = await post(soyioOk);
        await waitUntil(() => forwarded() === 1, 'the forward recorded');
        expect(alerts()).toEqual([expect.objectContaining({ title: 'Your app answered 500 to Soyio auth_attempt.successful', severity: 'failed', target: { kind: 'event', id: ok } })]);
        expect(alerts()[0]?.body).toMatch(/^Forward to http:\/\/127\.0\.0\.1:.+ answered 500 in \d+ ms$/);
        await waitUntil(async () => (await decision(ok)) === 'alerted/forward', 'the decision stored');

        const failed = await post(failure(1)); // its own failure, then its forward's
        await waitUntil(() => forwarded() === 2, 'the second forward');
        await waitUntil(async () => (await decision(failed)) === 'alerted/failed, alerted/forward', 'both decisions stored, in order');
      } finally {
        await local.close();
      }
    });

    it('an app that is down raises "did not answer"; answers under 500 raise nothing', async () => {
      await start();
      const down = await localApp(200);
      const url = down.url;
      await down.close(); // nothing listens there now
      await forwardTo(url);
      await post(soyioOk);
      await waitUntil(() => forwarded() === 1, 'the failed forward recorded');
      expect(alerts().map((a) => a.title)).toEqual(['Your app did not answer Soyio auth_attempt.successful']);

      const fine = await localApp(404);
      try {
        await forwardTo(fine.url);
        await post(soyioOk);
        await waitUntil(() => forwarded() === 2, 'the second forward');
        expect(alerts()).toHaveLength(1);
      } finally {
        await fine.close();
      }
    });

    it('the endpoint’s switch turns forward alerts off', async () => {
      await start();
      const local = await localApp(503);
      try {
        await forwardTo(local.url, false);
        const ok = await post(soyioOk);
        await waitUntil(() => forwarded() === 1, 'the forward recorded');
        expect(alerts()).toEqual([]);
        expect(await decision(ok)).toBeNull();
      } finally {
        await local.close();
      }
    });
  });

  describe('alert rules', () => {
    const postTo = async (body: string, suffix = ''): Promise<string> => {
      const response = await fetch(`${app?.endpoint.url ?? ''}${suffix}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(response.status).toBe(200);
      const created = messages.filter((m) => m.type === 'event.created').at(-1);
      if (created?.type !== 'event.created') throw new Error('no event.created for the post');
      return created.data.id;
    };

    it('"notify" makes an event of an unknown sender a failure: when $.data.object.status matches ^fail', async () => {
      const started = await start();
      await started.app.api.updateEndpoint({
        id: started.endpoint.id,
        alertRules: [{ name: 'payment failed', match: { json: { path: '$.data.object.status', op: 'matches', pattern: '^fail' } }, action: 'notify' }],
      });
      // Names that do not say failure themselves (those are failures already): only the rule makes one of them an alert.
      const failed = await postTo(JSON.stringify({ type: 'payment.updated', data: { object: { status: 'failed' } } }));
      await postTo(JSON.stringify({ type: 'payment.updated', data: { object: { status: 'succeeded' } } }));
      expect(alerts()).toHaveLength(1);
      expect(alerts()[0]?.body).toMatch(/^Alert rule “payment failed”: /);
      await waitUntil(async () => (await decision(failed)) === 'alerted/rule', 'the decision stored');
      expect((await started.app.api.getEvent({ id: failed })).alerts).toEqual([{ outcome: 'alerted', reason: 'rule', rule: 'payment failed' }]);
    });

    it('"never" keeps even a provider’s failure quiet, and says which rule did', async () => {
      const started = await start();
      await started.app.api.updateEndpoint({ id: started.endpoint.id, alertRules: [{ name: 'known telegram outage', match: { event: 'verify_code.*', provider: 'lox24' }, action: 'never' }] });
      const quiet = await post(failure(1));
      expect(alerts()).toEqual([]);
      await waitUntil(async () => (await decision(quiet)) === 'quiet/rule', 'the decision stored');
      expect((await started.app.api.getAlerts()).unseen).toBe(0);
    });

    it('a catastrophic pattern cannot stall the ingress: RE2 runs in linear time', async () => {
      const started = await start();
      await started.app.api.updateEndpoint({ id: started.endpoint.id, alertRules: [{ match: { json: { path: '$.text', op: 'matches', pattern: '(a+)+$' } }, action: 'notify' }] });
      // A backtracking engine would take longer than the age of the universe on this; RE2 reads it once.
      await postTo(JSON.stringify({ text: `${'a'.repeat(100_000)}!` }));
      await postTo(JSON.stringify({ text: 'aaa' }));
      expect(alerts()).toHaveLength(1);
    });

    it('refuses a pattern RE2 cannot read, naming the field', async () => {
      const started = await start();
      const refused = started.app.api.updateEndpoint({ id: started.endpoint.id, alertRules: [{ match: { json: { path: '$.a', op: 'matches', pattern: '(?<=x)y' } }, action: 'notify' }] });
      await expect(refused).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('alertRules.0.match.json.pattern') });
      await expect(started.app.api.updateEndpoint({ id: started.endpoint.id, alertRules: [{ match: { json: { path: '$.a', op: 'matches' } }, action: 'notify' }] })).rejects.toMatchObject({
        message: expect.stringContaining('give the pattern to match'),
      });
    });
  });
});
