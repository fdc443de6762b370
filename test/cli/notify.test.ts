// `hookbridge serve --notify` on Linux, for real: a private D-Bus session bus with a notification server that
// records each Notify call; and without any bus, the one-line message and capture going on.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, waitUntil } from '../support/app';
import { startNotificationBus, type NotificationBus } from '../support/notification-bus';
import { lox24Failure } from '../support/seeds';
import { serveApi, startServe, type ServeProcess } from '../support/serve';

const soyioOk = fs.readFileSync(path.resolve('test/fixtures/seeds/soyio.auth_attempt.successful.json'), 'utf8');

let n = 0;
/** A LOX24 failure of its own; `error` is the channel's error text, which reaches the notification's body. */
const failure = (error?: string): string => lox24Failure(++n, error);

let bus: NotificationBus | undefined;
let serve: ServeProcess | undefined;
afterEach(async () => {
  serve?.child.kill('SIGKILL');
  await serve?.exited;
  await bus?.stop();
  serve = bus = undefined;
});

async function post(body: string): Promise<void> {
  const response = await fetch(`${serve?.info.endpoints[0]?.url ?? ''}/lox24`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(response.status).toBe(200);
}

describe('serve --notify', () => {
  it('shows each alert through the session bus’s notification service, masked, its body escaped for markup', async () => {
    bus = await startNotificationBus();
    serve = await startServe(['--data-dir', tempDir(), '--notify', '--quiet'], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address } });
    expect((serve.info as unknown as { notify: unknown }).notify).toEqual({ on: true, by: 'the desktop notification service (D-Bus)' });
    // One notification per alert per machine: the pages know the OS shows them.
    expect((await serveApi<{ osNotifications: boolean }>(serve.info, 'getAlerts')).osNotifications).toBe(true);

    await post(failure());
    await waitUntil(() => bus!.notified.length === 1, 'the first notification');
    expect(bus.notified[0]).toMatchObject({ appName: 'Hookbridge', summary: 'LOX24 · Telegram failed', hints: ['urgency'] });
    expect(bus.notified[0]?.body).toContain('Telegram failed for +49 ••• 678');
    expect(JSON.stringify(bus.notified)).not.toContain('15112345678');

    await post(soyioOk); // a success: no notification
    await post(failure('<a href="http://evil.example/">update your app</a> & <b>retry</b>'));
    await waitUntil(() => bus!.notified.length === 2, 'the second notification');
    expect(bus.notified[1]?.body).toContain('&lt;a href="http://evil.example/"&gt;update your app&lt;/a&gt; &amp; &lt;b&gt;retry&lt;/b&gt;');
    expect(serve.stderr()).toBe('');
  });

  it('a burst is one notification per alert: three, then one summary', async () => {
    bus = await startNotificationBus();
    serve = await startServe(['--data-dir', tempDir(), '--notify', '--quiet', '--alert-window', '1000'], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address } });
    await Promise.all(Array.from({ length: 5 }, () => post(failure())));
    await waitUntil(() => bus!.notified.length === 4, 'three notifications and a summary');
    expect(bus.notified.map((note) => note.summary)).toEqual(['LOX24 · Telegram failed', 'LOX24 · Telegram failed', 'LOX24 · Telegram failed', '5 failures in 1 s']);
  });

  it('without a notification service it says so once, in one line, and goes on capturing; pages show the alerts instead', async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    serve = await startServe(['--data-dir', tempDir(), '--notify', '--quiet'], { env });
    expect((serve.info as unknown as { notify: { on: boolean; problem: string } }).notify).toMatchObject({ on: false, problem: expect.stringContaining('no desktop notification service') });
    await post(failure());
    await post(failure());
    const counted = await serveApi<{ events: number }>(serve.info, 'countEvents', {});
    expect(counted.events).toBe(2);
    expect((await serveApi<{ osNotifications: boolean }>(serve.info, 'getAlerts')).osNotifications).toBe(false);
    const lines = serve.stderr().trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^hookbridge: --notify: no desktop notification service is reachable \(.+\); failures show in the UI and on this terminal\.$/)]);
  });
});
