import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, shutDown } from '../support/browser';
import { runCli, startServe, type ServeProcess } from '../support/serve';

let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

async function api<T>(method: string, input: unknown): Promise<T> {
  const response = await fetch(`${new URL(serve.info.ui).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` },
    body: JSON.stringify(input),
  });
  return (await response.json()) as T;
}

const scrollFeed = (to: 'top' | 'bottom') =>
  page.locator('.feed').evaluate((el, where) => {
    el.scrollTop = where === 'top' ? 0 : el.scrollHeight;
  }, to);

beforeAll(async () => {
  const dataDir = tempDir();
  expect((await runCli(['gen', '--count', '6500', '--data-dir', dataDir, '--seed', '11'], 60_000)).code).toBe(0);
  serve = await startServe(['--data-dir', dataDir]);
  chromium = await launchChromium();
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(serve.info.ui);
  await page.locator('.feed-row').first().waitFor();
});

afterAll(() => shutDown(chromium, serve));

describe('a feed longer than its window', () => {
  it('scrolls through all 6,500 events to the oldest and back to the newest, holding a bounded window', async () => {
    const newest = (await api<{ events: { id: string }[] }>('listEvents', { limit: 1 })).events[0]?.id;
    const all = await api<{ events: { id: string }[]; nextCursor: number | null }>('listEvents', { limit: 500 });
    let oldestPage = all;
    while (oldestPage.nextCursor !== null) oldestPage = await api('listEvents', { limit: 500, cursor: oldestPage.nextCursor });
    const oldest = oldestPage.events.at(-1)?.id;

    for (let i = 0; i < 80 && (await page.locator('.feed-end').count()) === 0; i++) {
      await scrollFeed('bottom');
      await page.waitForTimeout(50); // let the next page arrive before scrolling again (not an assertion)
    }
    await expect.poll(() => page.locator('.feed-end').textContent()).toContain('That’s everything');
    await expect
      .poll(async () => {
        await scrollFeed('bottom');
        return page.locator(`.feed-row[data-id="${oldest}"]`).count();
      })
      .toBe(1);
    // Virtualized: only the rows in view exist, whatever the window holds.
    expect(await page.locator('.feed-row').count()).toBeLessThan(60);
    // The newest rows were dropped from the window on the way down.
    expect(await page.locator(`.feed-row[data-id="${newest}"]`).count()).toBe(0);

    for (let i = 0; i < 80 && (await page.locator(`.feed-row[data-id="${newest}"]`).count()) === 0; i++) {
      await scrollFeed('top');
      await page.waitForTimeout(50);
    }
    await expect.poll(() => page.locator(`.feed-row[data-id="${newest}"]`).count()).toBe(1);
  });
});
