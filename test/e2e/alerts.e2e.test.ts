// Alerts in the browser UI against a real `hookbridge serve`: Debian's headless Chromium with the notification
// permission granted to the UI's origin (checked first: Notification.permission really is "granted" there),
// and the page's real Notification constructor wrapped to record each call before calling through.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, shutDown } from '../support/browser';
import { startNotificationBus } from '../support/notification-bus';
import { lox24Failure } from '../support/seeds';
import { serveApi, startServe, type ServeProcess } from '../support/serve';

const soyioOk = fs.readFileSync(path.resolve('test/fixtures/seeds/soyio.auth_attempt.successful.json'), 'utf8');

/** A LOX24 failure of its own (another verification), so it is news, not a redelivery. */
let failures = 0;
const failure = (): string => lox24Failure(++failures);

/** The page's Notification API, as these tests touch it (this file compiles without the DOM's types). */
interface PageNotification extends EventTarget {
  close(): void;
}
interface PageNotifications {
  new (title: string, options?: { body?: string; tag?: string }): PageNotification;
  readonly permission: string;
  requestPermission(): Promise<string>;
  prototype: PageNotification;
}

interface Note {
  title: string;
  body: string;
  tag: string;
}

let chromium: { browser: Browser; close(): Promise<void> };
let serve: ServeProcess;
let endpoint: string;
let origin: string;

beforeAll(async () => {
  chromium = await launchChromium();
  // A 2 s burst window: a burst's summary comes after 2 s instead of 10.
  serve = await startServe(['--data-dir', tempDir(), '--alert-window', '2000']);
  endpoint = serve.info.endpoints[0]?.url ?? '';
  origin = new URL(serve.info.ui).origin;
});

afterAll(async () => {
  await shutDown(chromium, serve);
});

async function post(body: string, suffix = '/lox24'): Promise<void> {
  const response = await fetch(`${endpoint}${suffix}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(response.status).toBe(200);
}

/**
 * Starts the next test on an empty burst window: a pause drops whatever window is open (a failure of the last
 * test could otherwise still count toward this one's burst), and resuming starts from nothing.
 */
async function freshWindow(): Promise<void> {
  await serveApi(serve.info, 'pauseAlerts', { for: 'until-resumed' });
  await serveApi(serve.info, 'resumeAlerts');
}

/** A context whose pages record every Notification they construct (then construct it for real). */
async function recordingContext(granted: boolean): Promise<BrowserContext> {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 720 } });
  if (granted) await context.grantPermissions(['notifications'], { origin });
  await context.addInitScript(() => {
    const w = globalThis as unknown as { Notification: PageNotifications; notes: Note[]; lastNote: PageNotification | null };
    const Real = w.Notification;
    w.notes = [];
    w.lastNote = null;
    const Recorded = function (title: string, options?: { body?: string; tag?: string }) {
      w.notes.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
      const made = new Real(title, options);
      w.lastNote = made;
      return made;
    } as unknown as PageNotifications;
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    Object.defineProperty(Recorded, 'requestPermission', { value: () => Real.requestPermission() });
    Object.defineProperty(Recorded, 'prototype', { value: Real.prototype });
    w.Notification = Recorded;
  });
  return context;
}

async function open(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(serve.info.ui);
  await page.waitForSelector('.toolbar');
  // The stream is live once the status bar says so; alerts travel on it.
  await page.locator('.statusbar .connection.live').waitFor();
  return page;
}

const notes = (page: Page): Promise<Note[]> => page.evaluate(() => (globalThis as unknown as { notes: Note[] }).notes);
/** Waits until the feed lists `n` rows: the events are stored and the page has heard of them. */
const feedRows = async (page: Page, n: number): Promise<void> => {
  await expect.poll(() => page.locator('.feed-row').count()).toBeGreaterThanOrEqual(n);
};

describe('browser notifications', () => {
  let context: BrowserContext;
  let page: Page;
  let rows = 0;

  beforeAll(async () => {
    context = await recordingContext(true);
    page = await open(context);
  });

  it('the permission granted to the origin holds in headless Chromium', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as { Notification: { permission: string } }).Notification.permission)).toBe('granted');
    expect(await page.getByRole('button', { name: 'Turn on notifications' }).count()).toBe(0);
  });

  it('a LOX24 failure gives exactly one notification, phone masked, tagged with the alert; a success none', async () => {
    await post(failure());
    await expect.poll(async () => (await notes(page)).length).toBe(1);
    const [note] = await notes(page);
    expect(note?.title).toBe('LOX24 · Telegram failed');
    expect(note?.body).toContain('+49 ••• 678');
    expect(note?.body).not.toContain('15112345678');
    expect(note?.tag).toMatch(/^[0-9A-Z]{26}$/);
    await post(soyioOk, '');
    rows += 2;
    await feedRows(page, rows);
    expect(await notes(page)).toHaveLength(1);
    await expect.poll(() => page.title()).toBe('(1) Hookbridge');
  });

  it('a click brings the tab forward on the event, which counts as seen', async () => {
    await page.evaluate(() => (globalThis as unknown as { lastNote: PageNotification }).lastNote.dispatchEvent(new Event('click')));
    await expect.poll(() => new URL(page.url()).searchParams.get('event')).toMatch(/^[0-9A-Z]{26}$/);
    await expect.poll(() => page.locator('.inspector-pane').textContent()).toContain('Telegram failed');
    expect(await page.locator('[data-field="alert"] dd').textContent()).toBe('notified: the provider reported a failure');
    await expect.poll(() => page.title()).toBe('Hookbridge');
  });

  it('a burst gives three notifications and then one summary of all of it', async () => {
    await freshWindow();
    const before = (await notes(page)).length;
    await Promise.all(Array.from({ length: 6 }, () => post(failure())));
    rows += 6;
    await feedRows(page, rows);
    await expect.poll(async () => (await notes(page)).slice(before).map((n) => n.title), { timeout: 15_000 }).toEqual([
      'LOX24 · Telegram failed',
      'LOX24 · Telegram failed',
      'LOX24 · Telegram failed',
      '6 failures in 2 s',
    ]);
    expect((await notes(page)).at(-1)?.body).toBe('6 × verify_code.channel.failed');
  });

  it('two tabs show one notification per alert, not two', async () => {
    const second = await open(context);
    const before = (await notes(page)).length + (await notes(second)).length;
    await freshWindow();
    await post(failure());
    rows += 1;
    await feedRows(second, rows);
    await expect.poll(async () => (await notes(page)).length + (await notes(second)).length).toBe(before + 1);
    expect(await notes(second)).toEqual([]); // the first tab holds the lock: it shows, the second does not
    await second.close();
  });

  it('pausing from the status bar silences alerts; Resume brings them back', async () => {
    await page.getByRole('button', { name: 'Alerts on' }).click();
    await page.screenshot({ path: path.join(screenshotDir, 'alerts-pause-menu.png') });
    await page.getByRole('menuitem', { name: 'Pause for 1 hour' }).click();
    await expect.poll(() => page.locator('.alerts-control').getAttribute('data-state')).toBe('paused');
    expect(await page.locator('.alerts-control').textContent()).toMatch(/Alerts paused until \d\d:\d\d/);
    await page.screenshot({ path: path.join(screenshotDir, 'alerts-paused.png') });
    const before = (await notes(page)).length;
    await post(failure());
    rows += 1;
    await feedRows(page, rows);
    expect(await notes(page)).toHaveLength(before);
    // The inspector says why that failure made no sound.
    await page.locator('.feed-row').first().click();
    await expect.poll(() => page.locator('[data-field="alert"] dd').textContent()).toBe('not notified: alerts were paused (the provider reported a failure)');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.locator('.alerts-control').getAttribute('data-state')).toBe('on');
  });
});

describe('a forward your app fails', () => {
  it('alerts like a failure, and the inspector says why', async () => {
    const context = await recordingContext(true);
    const page = await open(context);
    const local = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const id = serve.info.endpoints[0]?.id ?? '';
    try {
      await serveApi(serve.info, 'updateEndpoint', { id, forward: { url: `http://127.0.0.1:${(local.address() as AddressInfo).port}/webhooks`, mode: 'acknowledge' } });
      await freshWindow();
      await post(soyioOk, '');
      await expect.poll(async () => (await notes(page)).map((n) => n.title)).toEqual(['Your app answered 500 to Soyio auth_attempt.successful']);
      await page.evaluate(() => (globalThis as unknown as { lastNote: PageNotification }).lastNote.dispatchEvent(new Event('click')));
      await expect.poll(() => page.locator('[data-field="alert"] dd').allTextContents()).toEqual(['notified: your app failed the forward']);
    } finally {
      await serveApi(serve.info, 'updateEndpoint', { id, forward: null });
      await new Promise((resolve) => local.close(resolve));
      await context.close();
    }
  });
});

describe('alert rules', () => {
  it('a rule made on the Endpoints page makes an unknown sender’s event a failure; the inspector names it', async () => {
    const context = await recordingContext(true);
    const page = await open(context);
    const id = serve.info.endpoints[0]?.id ?? '';
    try {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
      const row = page.locator('li.endpoint').first();
      await row.getByRole('button', { name: 'Edit alert rules…' }).click();
      const editor = row.getByRole('form', { name: 'Alert rules of default' });
      await editor.getByRole('button', { name: 'Add alert rule' }).click();
      const rule = editor.getByRole('listitem', { name: 'Alert rule 1' });
      await rule.getByLabel('Name', { exact: true }).fill('payment failed');
      await rule.getByLabel('JSON path').fill('$.data.object.status');
      await rule.getByLabel('Condition').selectOption('matches');
      // A pattern RE2 cannot read is refused under its field.
      await rule.getByLabel('Pattern (RE2)').fill('(?<=x)fail');
      await editor.getByRole('button', { name: 'Save alert rules' }).click();
      await expect.poll(() => rule.getByLabel('Pattern (RE2)').getAttribute('aria-invalid')).toBe('true');
      await rule.getByLabel('Pattern (RE2)').fill('^fail');
      await editor.screenshot({ path: path.join(screenshotDir, 'alert-rules-editor.png') });
      await editor.getByRole('button', { name: 'Save alert rules' }).click();
      await expect.poll(() => row.locator('.endpoint-alert-rules').textContent()).toContain('1 alert rule, 1 active.');

      await freshWindow();
      // A name that does not say failure itself (that would already be one): only the rule makes it an alert.
      await post(JSON.stringify({ type: 'payment.updated', data: { object: { status: 'failed' } } }), '/stripe');
      await expect.poll(async () => (await notes(page)).map((n) => n.body)).toEqual([expect.stringMatching(/^Alert rule “payment failed”: /)]);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events', exact: true }).click();
      await page.evaluate(() => (globalThis as unknown as { lastNote: PageNotification }).lastNote.dispatchEvent(new Event('click')));
      await expect.poll(() => page.locator('[data-field="alert"] dd').allTextContents()).toEqual(['notified: alert rule “payment failed”']);
    } finally {
      await serveApi(serve.info, 'updateEndpoint', { id, alertRules: [] });
      await context.close();
    }
  });
});

describe('asking for the permission', () => {
  it('asks only on a click, from a banner that says what the user gets; a refusal is explained and never asked again', async () => {
    const context = await recordingContext(false);
    const page = await open(context);
    expect(await page.evaluate(() => (globalThis as unknown as { Notification: { permission: string } }).Notification.permission)).toBe('default');
    const banner = page.getByRole('region', { name: 'Desktop notifications' });
    expect(await banner.textContent()).toContain('Get a desktop notification when a provider reports a failure');
    await page.screenshot({ path: path.join(screenshotDir, 'notifications-banner.png') });
    // Headless Chromium answers a request with "denied": the real refusal path.
    await banner.getByRole('button', { name: 'Turn on notifications' }).click();
    const refused = page.locator('[data-permission="denied"]');
    await expect.poll(() => refused.textContent()).toContain('set Notifications to Allow, and reload');
    await page.screenshot({ path: path.join(screenshotDir, 'notifications-denied.png') });

    await page.reload();
    await page.waitForSelector('.toolbar');
    expect(await page.getByRole('button', { name: 'Turn on notifications' }).count()).toBe(0);
    await refused.getByRole('button', { name: 'OK' }).click();
    await page.reload();
    await page.waitForSelector('.toolbar');
    expect(await page.locator('[data-permission]').count()).toBe(0);

    await post(failure());
    await expect.poll(() => page.locator('.feed-row').count()).toBeGreaterThan(0);
    expect(await notes(page)).toEqual([]);
    await context.close();
  });
});

describe('with serve --notify', () => {
  it('the operating system shows each alert and the page stays quiet, saying why', async () => {
    const bus = await startNotificationBus();
    const notifying = await startServe(['--data-dir', tempDir(), '--notify', '--quiet'], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address } });
    try {
      const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 720 } });
      await context.grantPermissions(['notifications'], { origin: new URL(notifying.info.ui).origin });
      await context.addInitScript(() => {
        const w = globalThis as unknown as { Notification: { new (title: string, options?: object): object }; constructed: number };
        const Real = w.Notification;
        w.constructed = 0;
        w.Notification = new Proxy(Real, { construct: (target, args: [string, object?]) => (w.constructed++, new target(...args)) });
      });
      const page = await context.newPage();
      await page.goto(notifying.info.ui);
      await page.locator('.statusbar .connection.live').waitFor();
      await expect.poll(() => page.locator('.alerts-control').textContent()).toContain('shown by `hookbridge serve --notify`, so this page stays quiet');
      const response = await fetch(`${notifying.info.endpoints[0]?.url}/lox24`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: failure() });
      expect(response.status).toBe(200);
      await expect.poll(() => bus.notified.length).toBe(1);
      await expect.poll(() => page.locator('.feed-row').count()).toBe(1);
      expect(await page.evaluate(() => (globalThis as unknown as { constructed: number }).constructed)).toBe(0);
      await context.close();
    } finally {
      notifying.child.kill('SIGTERM');
      await notifying.exited;
      await bus.stop();
    }
  });
});
