import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, shutDown } from '../support/browser';
import { startServe, type ServeProcess } from '../support/serve';

const seed = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');

let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;
let endpointUrl: string;
const dialogs: string[] = [];

async function post(body: string, sub = 'lox24', headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${endpointUrl}/${sub}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** The severity of every row the feed shows, top to bottom. */
function severities(on: Page): Promise<string[]> {
  return on.locator('.feed-row').evaluateAll((rows) => rows.map((row) => /\bsev-(\w+)/.exec(row.className)?.[1] ?? '?'));
}

beforeAll(async () => {
  serve = await startServe(['--data-dir', tempDir()]);
  endpointUrl = serve.info.endpoints[0]?.url ?? '';
  chromium = await launchChromium();
});

afterAll(() => shutDown(chromium, serve));

beforeEach(async () => {
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(serve.info.ui);
  await page.waitForSelector('.toolbar');
});

describe('the UI in Chromium against a real hookbridge serve', () => {
  it('removes the token from the address bar after the first load', async () => {
    expect(page.url()).not.toContain('token=');
  });

  it('shows how to send a first webhook when nothing was captured yet', async () => {
    await expect.poll(() => page.locator('.empty').textContent()).toContain('Waiting for the first webhook');
    // The command appears once the endpoint list has loaded.
    await expect.poll(() => page.locator('.empty .curl').textContent()).toContain(`${endpointUrl}/lox24`);
    const command = (await page.locator('.empty .curl').textContent()) ?? '';
    await page.screenshot({ path: path.join(screenshotDir, 'empty-state.png') });
    // The command works as shown: run it in a shell, and the event appears in the feed.
    const answer = execFileSync('bash', ['-c', command], { encoding: 'utf8' });
    const { id } = JSON.parse(answer) as { id: string };
    await page.locator(`.feed-row[data-id="${id}"]`).waitFor({ timeout: 10_000 });
  });

  it('shows a posted LOX24 failure live, and the inspector tells channel, status and error', async () => {
    const id = await post(seed('lox24.verify_code.channel.failed.json'));
    const row = page.locator(`.feed-row[data-id="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Telegram failed for +49 ••• 678');
    await row.click();
    const overview = page.locator('.overview');
    await overview.waitFor();
    const text = await overview.textContent();
    expect(text).toContain('Channeltelegram');
    expect(text).toContain('StatusFailed (20)');
    expect(text).toContain('Delivery timeout: no confirmation received within 30 seconds');
    await page.screenshot({ path: path.join(screenshotDir, 'inspector-lox24.png') });
  });

  it('explains a Soyio failure in plain English', async () => {
    const id = await post(seed('soyio.validation_attempt.failed.json'), 'soyio');
    await page.locator(`.feed-row[data-id="${id}"]`).click({ timeout: 10_000 });
    const explanation = page.locator('.explanation');
    await explanation.waitFor();
    expect(await explanation.getAttribute('data-key')).toBe('soyio.error_reason.passive_liveness_verification_not_passed');
    expect((await explanation.textContent())?.length).toBeGreaterThan(60);
    await page.screenshot({ path: path.join(screenshotDir, 'inspector-soyio.png') });
  });

  it('filters to failures with one click, and the filter survives a reload', async () => {
    await post(seed('soyio.auth_attempt.successful.json'), 'soyio');
    await post(seed('lox24.verify_code.channel.failed.json'));
    await page.locator('.feed-row').first().waitFor();
    await page.getByRole('button', { name: /Failed only/ }).click();
    // Rows, and only failures (the old rows stay until the filtered page arrives).
    await expect.poll(async () => new Set(await severities(page))).toEqual(new Set(['failed']));
    expect(page.url()).toContain('severity=failed');
    await page.reload();
    await page.locator('.feed-row').first().waitFor();
    expect(new Set(await severities(page))).toEqual(new Set(['failed']));
    await page.screenshot({ path: path.join(screenshotDir, 'feed-failed-only.png') });
  });

  it('shows an event that was committed after the first page was read but before the live stream opened', async () => {
    const late = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 } });
    let lateId = '';
    try {
      // Hold the stream until the first page has been answered, send a webhook in that gap, then let it open.
      const firstPage = late.waitForResponse((response) => response.url().endsWith('/api/listEvents'));
      await late.route('**/api/stream', async (route) => {
        await firstPage;
        lateId = await post(JSON.stringify({ name: 'arrived.in.the.gap' }), 'generic');
        await route.continue();
      });
      await late.goto(serve.info.ui);
      await late.waitForSelector('.toolbar');
      await expect.poll(() => lateId).not.toBe('');
      await late.locator(`.feed-row[data-id="${lateId}"]`).waitFor({ timeout: 10_000 });
      expect(await late.locator(`.feed-row[data-id="${lateId}"]`).textContent()).toContain('arrived.in.the.gap');
    } finally {
      await late.close();
    }
  });

  it('keeps a webhook that arrived live while the feed reloaded from an answer read before it committed', async () => {
    const fresh = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      const streamOpen = fresh.waitForResponse((response) => response.url().endsWith('/api/stream'));
      await fresh.goto(serve.info.ui);
      await fresh.waitForSelector('.toolbar');
      await streamOpen;
      const okId = await post(seed('soyio.auth_attempt.successful.json'), 'soyio');
      await fresh.locator(`.feed-row[data-id="${okId}"]`).waitFor({ timeout: 10_000 });

      // "Failed only" reloads the feed. The store answers that reload at once; a LOX24 failure commits after it
      // and reaches the feed over the stream; only then does the (older) answer arrive.
      let liveId = '';
      let answered = false;
      await fresh.route('**/api/listEvents', async (route) => {
        const input = route.request().postDataJSON() as { filter?: { severity?: string[] } };
        if (liveId !== '' || !input.filter?.severity?.includes('failed')) return route.continue();
        liveId = 'posting';
        const answeredBefore = await route.fetch();
        liveId = await post(seed('lox24.verify_code.channel.failed.json'));
        await fresh.locator(`.feed-row[data-id="${liveId}"]`).waitFor({ timeout: 10_000 });
        await route.fulfill({ response: answeredBefore });
        answered = true;
      });
      await fresh.getByRole('button', { name: /Failed only/ }).click();
      await expect.poll(() => answered).toBe(true);
      // The answer has been applied once the successful event is off the feed…
      await expect.poll(() => fresh.locator(`.feed-row[data-id="${okId}"]`).count()).toBe(0);
      expect(liveId).toMatch(/^[0-9A-Z]{26}$/);
      // …and the failure that arrived meanwhile is still there, once.
      expect(await fresh.locator(`.feed-row[data-id="${liveId}"]`).count()).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('narrows the feed to one event name from the inspector', async () => {
    await post(seed('soyio.auth_attempt.successful.json'), 'soyio');
    const id = await post(seed('lox24.verify_code.channel.failed.json'));
    await page.locator(`.feed-row[data-id="${id}"]`).click({ timeout: 10_000 });
    await page.getByRole('button', { name: 'all verify_code.channel.failed events' }).click();
    await expect.poll(() => page.url()).toContain('name=verify_code.channel.failed');
    // Rows, and only that name (the old rows stay until the narrowed page arrives).
    await expect.poll(async () => new Set(await page.locator('.feed-row .event-name').allTextContents())).toEqual(new Set(['verify_code.channel.failed']));
  });

  it('finds the LOX24 event by its phone number written another way', async () => {
    const id = await post(seed('lox24.verify_code.channel.failed.json'));
    await page.locator('.feed-row').first().waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('0049 151 1234 5678');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('q=0049');
    // The search's answer holds the event and no successful Soyio logins (the old rows stay until it arrives).
    await expect.poll(async () => new Set(await severities(page))).toEqual(new Set(['failed']));
    expect(await page.locator(`.feed-row[data-id="${id}"]`).count()).toBe(1);
  });

  it('moves through the feed with j and k', async () => {
    await post(seed('soyio.auth_attempt.successful.json'), 'soyio');
    await post(seed('soyio.auth_attempt.failed.json'), 'soyio');
    await page.locator('.feed-row').nth(1).waitFor();
    await page.keyboard.press('Enter');
    const first = await page.locator('.feed-row.selected').getAttribute('data-id');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.feed-row.selected').getAttribute('data-id')).not.toBe(first);
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('.feed-row.selected').getAttribute('data-id')).toBe(first);
  });

  it('renders a hostile payload as text: no dialog, no script, no element from the payload', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { __pwned: number }).__pwned = 0;
    });
    const hostile = {
      name: '<script>window.__pwned=1;alert(1)</script>',
      html: '<img src=x onerror="window.__pwned=2;alert(2)">',
      link: 'javascript:alert(3)',
      rtl: 'invoice\u202Egnp.exe',
      nested: { '<b onmouseover=alert(4)>key</b>': '<svg onload=alert(5)>' },
    };
    // Header bytes are UTF-8 on the wire; fetch only sends Latin-1 strings, so pass the bytes one per char.
    const headerValue = Buffer.from('<script>alert(6)</script>\u202Eevil', 'utf8').toString('latin1');
    const id = await post(JSON.stringify(hostile), 'evil', { 'X-Evil': headerValue });
    const row = page.locator(`.feed-row[data-id="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.locator('.json-tree').waitFor();
    await page.getByRole('tab', { name: 'Headers' }).click();
    expect(await page.locator('.kv').textContent()).toContain('<script>alert(6)</script>\\u{202E}evil');
    await page.getByRole('tab', { name: 'Body' }).click();
    const treeText = await page.locator('.json-tree').textContent();
    expect(treeText).toContain('<img src=x onerror="window.__pwned=2;alert(2)">');
    expect(treeText).toContain('invoice\\u{202E}gnp.exe');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned: number }).__pwned)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await page.locator('.inspector img, .inspector svg, .inspector script, .feed img, .feed script').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'hostile-payload.png') });
  });

  it('opens a 5 MB body without freezing: the tree starts collapsed', async () => {
    const items = Array.from({ length: 40_000 }, (_, i) => ({ i, phone: '+4915112345678', note: 'x'.repeat(80) }));
    const body = JSON.stringify({ name: 'bulk.export', items });
    expect(body.length).toBeGreaterThan(4_500_000);
    expect(body.length).toBeLessThan(5 * 1024 * 1024);
    const id = await post(body, 'bulk');
    await page.locator(`.feed-row[data-id="${id}"]`).click({ timeout: 10_000 });
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.locator('.json-tree').waitFor();
    expect(await page.locator('.json-tree .json-row').count()).toBeLessThan(50);
    await page.getByRole('button', { name: 'Raw' }).click();
    await page.getByRole('button', { name: /Show all/ }).waitFor();
  });
});
