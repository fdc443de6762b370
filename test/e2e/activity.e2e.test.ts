import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, shutDown } from '../support/browser';
import { runCli, serveApi, startServe, type ServeProcess } from '../support/serve';

const failedLox24 = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'), 'utf8');
const generated = 3000;

let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;
let endpointUrl: string;

/** The control API as a script calls it: Bearer token, no browser. */
const api = <T>(method: string, input: unknown): Promise<T> => serveApi<T>(serve.info, method, input);

async function post(body: string): Promise<void> {
  const response = await fetch(`${endpointUrl}/lox24`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(response.status).toBe(200);
}

interface Shown {
  label: string;
  events: number;
  failed: number;
  from: number;
  to: number;
}

/**
 * The little of the DOM the page-side callbacks below use. This tsconfig has no DOM lib (the tests run in Node),
 * so each callback reaches the page's globals through `globalThis` with these types.
 */
interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { right: number };
  querySelector(selector: string): PageElement | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement> };
  getComputedStyle(element: PageElement): { fill: string; paddingRight: string };
  requestAnimationFrame(callback: () => void): number;
}

const chart = (): Locator => page.locator('svg.activity-chart');

/** What the chart says now: its aria-label's totals and the window it counted (null while it has nothing yet). */
async function shown(): Promise<Shown | null> {
  const svg = chart();
  const label = (await svg.getAttribute('aria-label')) ?? '';
  const match = /^Activity, (.+): ([\d,]+) events?, ([\d,]+) failed$/.exec(label);
  const from = await svg.getAttribute('data-from');
  const to = await svg.getAttribute('data-to');
  if (!match || from === null || to === null || (await svg.getAttribute('aria-busy')) === 'true') return null;
  return { label: match[1] ?? '', events: Number(match[2]?.replace(/,/g, '')), failed: Number(match[3]?.replace(/,/g, '')), from: Number(from), to: Number(to) };
}

/** Waits until the chart shows `what` ("last hour", …) and returns what it shows. */
async function waitFor(what: string): Promise<Shown> {
  await expect.poll(async () => (await shown())?.label, { timeout: 10_000 }).toBe(what);
  const now = await shown();
  if (!now) throw new Error('the chart lost its data');
  return now;
}

/**
 * The page's clock: Date.now() in the page is pinned for a whole test, a little ahead of the real clock, so "the
 * last hour" is one fixed window from the first reading to the last however slow the machine is, and every event
 * the test posts (stamped by serve's real clock) falls inside it. Timers still run (on real time, unless a test
 * pauses them); only the wall clock stands still.
 */
const pageClockAhead = 2 * 60_000; // longer than a test may run (testTimeout is 60 s)
let pageNow: number;

async function selectZoom(button: string, what: string): Promise<Shown> {
  await page.getByRole('group', { name: 'Activity range' }).getByRole('button', { name: button }).click();
  return waitFor(what);
}

beforeAll(async () => {
  const dataDir = tempDir();
  const gen = await runCli(['gen', '--count', String(generated), '--days', '1', '--data-dir', dataDir], 60_000);
  expect(gen.code, gen.stderr).toBe(0);
  serve = await startServe(['--data-dir', dataDir]);
  endpointUrl = serve.info.endpoints[0]?.url ?? '';
  chromium = await launchChromium();
});

afterAll(() => shutDown(chromium, serve));

beforeEach(async () => {
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 } });
  pageNow = Date.now() + pageClockAhead;
  await page.clock.setFixedTime(pageNow);
  await page.goto(serve.info.ui);
  await page.waitForSelector('.toolbar');
});

describe('the activity chart against a real hookbridge serve with a day of generated events', () => {
  it('counts what the store counts over the same window, at every zoom (not just the loaded rows)', async () => {
    const windows: [string, string][] = [
      ['1 h', 'last hour'],
      ['24 h', 'last 24 h'],
      ['30 d', 'last 30 days'],
    ];
    for (const [button, what] of windows) {
      const chartSays = button === '1 h' ? await waitFor(what) : await selectZoom(button, what);
      const { events, failed } = await api<{ events: number; failed: number }>('countEvents', { filter: { from: chartSays.from, to: chartSays.to } });
      expect({ what, events: chartSays.events, failed: chartSays.failed }).toEqual({ what, events, failed });
      expect(chartSays.events).toBeGreaterThan(0);
      if (button === '30 d') expect(chartSays.events).toBe(generated);
    }
    // The whole chart is visible: full width of the feed pane's content box, nothing cut off on the right.
    const fit = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
      const frame = document.querySelector('.activity');
      const svg = document.querySelector('svg.activity-chart');
      const last = document.querySelector('svg.activity-chart g.activity-slot:last-of-type .activity-hit');
      if (!frame || !svg || !last) return null;
      const inner = frame.getBoundingClientRect().right - parseFloat(getComputedStyle(frame).paddingRight);
      return { inner, svg: svg.getBoundingClientRect().right, lastBar: last.getBoundingClientRect().right };
    });
    expect(fit).not.toBeNull();
    expect(fit && Math.abs(fit.svg - fit.inner)).toBeLessThanOrEqual(1);
    expect(fit && fit.lastBar).toBeLessThanOrEqual(fit?.inner ?? 0);
    // One <title> per bar, naming its time and counts.
    const titles = await chart().locator('g.activity-slot > title').allTextContents();
    expect(titles).toHaveLength(30);
    for (const title of titles) expect(title).toMatch(/^\w{3} \d{1,2} \(UTC\) — [\d,]+ events?, [\d,]+ failed$/);
  });

  it('draws failures stacked in their own colour', async () => {
    const day = await selectZoom('24 h', 'last 24 h');
    expect(day.failed).toBeGreaterThan(0);
    const failedRects = chart().locator('rect.activity-bar.failed');
    expect(await failedRects.count()).toBeGreaterThan(0);
    const fills = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
      const failed = document.querySelector('svg.activity-chart rect.activity-bar.failed');
      const other = document.querySelector('svg.activity-chart rect.activity-bar:not(.failed)');
      return failed && other ? [getComputedStyle(failed).fill, getComputedStyle(other).fill] : null;
    });
    expect(fills).not.toBeNull();
    expect(fills?.[0]).not.toBe(fills?.[1]);
    // On top: in a bar with both, the failed part ends where the rest begins.
    const stacked = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('svg.activity-chart g.activity-slot')].some((slot) => {
        const failed = slot.querySelector('rect.activity-bar.failed');
        const rest = slot.querySelector('rect.activity-bar:not(.failed)');
        return failed && rest && Math.abs(Number(failed.getAttribute('y')) + Number(failed.getAttribute('height')) - Number(rest.getAttribute('y'))) < 0.01;
      }),
    );
    expect(stacked).toBe(true);
  });

  it('a posted LOX24 failure raises the last-hour failed total by one', async () => {
    const before = await waitFor('last hour');
    await post(failedLox24);
    await expect.poll(async () => (await shown())?.failed, { timeout: 15_000 }).toBe(before.failed + 1);
    // The same window (the page's clock stands still), one more event, and that one failed.
    expect(await shown()).toEqual({ ...before, events: before.events + 1, failed: before.failed + 1 });
  });

  it('a burst of events costs one chart request per second of the page’s clock, not one per event', async () => {
    const before = await waitFor('last hour');
    // From here the page's timers (and animation frames) run only when the test moves its clock: the throttle is
    // measured in the page's own time, whatever the machine's speed.
    await page.clock.pauseAt(pageNow);
    let ran = 0;
    const run = async (ms: number): Promise<void> => {
      await page.clock.runFor(ms);
      ran += ms;
    };
    let requests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/getActivity')) requests++;
    });
    // 300 events in 12 waves a quarter second apart: unthrottled, every wave would cost a request of its own.
    const burst = 300;
    const wave = 25;
    for (let i = 0; i < burst; i += wave) {
      await Promise.all(Array.from({ length: wave }, () => post(failedLox24)));
      await run(250);
    }
    await expect
      .poll(
        async () => {
          await run(250);
          return (await shown())?.events;
        },
        { timeout: 15_000 },
      )
      .toBe(before.events + burst);
    expect(await shown()).toEqual({ ...before, events: before.events + burst, failed: before.failed + burst });
    // One at once, then at most one per second of the page's clock after it.
    expect(requests).toBeGreaterThan(0);
    expect(requests).toBeLessThanOrEqual(Math.floor(ran / 1_000) + 1);
  });

  it('dragging across the chart filters the feed to that range; a click does nothing', async () => {
    await selectZoom('24 h', 'last 24 h');
    await page.locator('.feed-row').first().waitFor();
    const box = await chart().boundingBox();
    if (!box) throw new Error('the chart has no box');
    const y = box.y + box.height / 2;

    await chart().click({ position: { x: box.width * 0.5, y: box.height / 2 } });
    // Two frames and a task: Preact has rendered and run its effects (the URL is written in one) by then.
    await page.evaluate(() => {
      const { requestAnimationFrame } = globalThis as unknown as PageGlobals;
      return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))));
    });
    expect(page.url()).not.toContain('from=');

    await page.mouse.move(box.x + box.width * 0.35, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, y, { steps: 8 });
    await expect.poll(() => chart().locator('rect.activity-selection').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshotDir, 'activity.png') });
    await page.mouse.up();

    await expect.poll(() => page.url()).toMatch(/[?&]from=\d+.*[?&]to=\d+/);
    const params = new URL(page.url()).searchParams;
    const from = Number(params.get('from'));
    const to = Number(params.get('to'));
    expect(to).toBeGreaterThan(from);
    expect(await chart().locator('rect.activity-selection').count()).toBe(0);

    // Every row the feed shows lies inside the range (once the feed has reloaded with it).
    const outside = async (): Promise<number | string> => {
      const times = await page.locator('.feed-row time[datetime]').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
      if (times.length === 0) return 'no rows';
      return times.filter((t) => !(Date.parse(t) >= from && Date.parse(t) <= to)).length;
    };
    await expect.poll(outside, { timeout: 10_000 }).toBe(0);

    // The chart now shows that range, still counted by the store.
    await expect.poll(async () => (await shown())?.from, { timeout: 10_000 }).toBe(from);
    const ranged = await shown();
    const { events, failed } = await api<{ events: number; failed: number }>('countEvents', { filter: { from, to } });
    expect(ranged && { events: ranged.events, failed: ranged.failed, to: ranged.to }).toEqual({ events, failed, to });
    expect(events).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshotDir, 'activity-range.png') });

    // The chip clears the range; the chart goes back to its zoom.
    await page.getByTitle('Clear the time range', { exact: true }).click();
    await expect.poll(() => page.url()).not.toContain('from=');
    await waitFor('last 24 h');
  });

  it('reads in the dark theme too', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await selectZoom('24 h', 'last 24 h');
    await page.screenshot({ path: path.join(screenshotDir, 'activity-dark.png') });
    const colours = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
      const bar = document.querySelector('svg.activity-chart rect.activity-bar:not(.failed)');
      return bar ? getComputedStyle(bar).fill : null;
    });
    expect(colours).not.toBeNull();
  });
});
