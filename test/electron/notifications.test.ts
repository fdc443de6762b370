// The desktop shell shows the core's alerts and decides nothing: a real engine decides, the shell's
// notification host (a fake Electron Notification: the OS popup is the boundary we cannot cross here) shows.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { Notification } from 'electron';
import { Bus } from '../../main/core/bus';
import type { Alert } from '../../main/core/model';
import { alertRoute, showAlerts, type NotificationHost, type NotificationLike } from '../../main/electron/notifications';
import { startTestApp, type TestApp } from '../support/app';
import { storedRequest, summaryOf } from '../support/requests';

const lox24Failed = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'), 'utf8');

class FakeNotifications implements NotificationHost {
  supported = true;
  readonly shown: { title: string; body: string; click(): void }[] = [];
  isSupported(): boolean {
    return this.supported;
  }
  create(options: { title: string; body: string }): NotificationLike {
    const clicks: (() => void)[] = [];
    const record = { ...options, click: () => clicks.forEach((c) => c()) };
    return {
      on: (_event, listener) => clicks.push(listener),
      show: () => this.shown.push(record),
    };
  }
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('the shell’s notifications', () => {
  it('shows each alert the core raised, as it is, and a click opens its event', async () => {
    app = await startTestApp();
    const host = new FakeNotifications();
    const clicked: Alert[] = [];
    showAlerts(app.app.bus, host, (alert) => clicked.push(alert));
    const response = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: lox24Failed });
    expect(response.status).toBe(200);
    expect(host.shown.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'LOX24 · Telegram failed', body: expect.stringContaining('+49 ••• 678') }]);
    host.shown[0]?.click();
    expect(clicked).toHaveLength(1);
    expect(alertRoute(clicked[0]!.target)).toBe(`?event=${(clicked[0]!.target as { id: string }).id}`);
  });

  it('decides nothing itself: a failure on a bus without the core’s policy shows nothing; an alert message shows as it is', () => {
    const bus = new Bus();
    const host = new FakeNotifications();
    showAlerts(bus, host, () => undefined);
    const failure = summaryOf(storedRequest('ep_x', JSON.parse(lox24Failed), { id: 'ev_failed', status: 200 }), { seq: 1, bodyHash: null, duplicateOf: null, retryOf: null });
    expect(failure.severity).toBe('failed');
    bus.emit('event.created', failure);
    bus.emit('alerts.changed', { paused: null, unseen: 1, windowMs: 10_000, osNotifications: false });
    expect(host.shown).toEqual([]);
    // Whatever the alert says is what is shown: the shell neither masks nor words it.
    bus.emit('alert', { id: 'al_1', at: 0, title: 'Anything the core says', body: 'verbatim +4915112345678', severity: 'failed', target: { kind: 'status' } });
    expect(host.shown.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Anything the core says', body: 'verbatim +4915112345678' }]);
  });

  it('shows nothing where the desktop has no notification service', async () => {
    app = await startTestApp();
    const host = new FakeNotifications();
    host.supported = false;
    showAlerts(app.app.bus, host, () => undefined);
    await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: lox24Failed });
    expect(host.shown).toEqual([]);
    expect(app.app.status().alerts.unseen).toBe(1); // the tray's count still follows
  });

  it('opens the failed-only feed for a summary, narrowed to the one event name it counted', () => {
    expect(alertRoute({ kind: 'feed', filter: { severity: ['failed'], name: 'verify_code.channel.failed' } })).toBe('?severity=failed&name=verify_code.channel.failed');
    expect(alertRoute({ kind: 'status' })).toBe('');
  });

  it("accepts Electron's real Notification", () => {
    expectTypeOf<Notification>().toExtend<NotificationLike>();
  });
});
