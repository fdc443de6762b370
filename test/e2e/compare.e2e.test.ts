import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, openUi, shutDown } from '../support/browser';
import { startServe, type ServeProcess } from '../support/serve';

const seedText = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'), 'utf8');

let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;
let endpointUrl: string;

async function post(body: string, sub: string, contentType: string): Promise<string> {
  const response = await fetch(`${endpointUrl}/${sub}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** Opens event `first`, presses "Compare…", then selects event `second` in the feed. */
async function compare(first: string, second: string): Promise<void> {
  // Both rows must have arrived first: a row inserted live shifts the others under the pointer mid-click.
  await page.locator(`.feed-row[data-id="${second}"]`).waitFor({ timeout: 10_000 });
  await page.locator(`.feed-row[data-id="${first}"]`).click({ timeout: 10_000 });
  await expect.poll(() => page.locator('.feed-row.selected').getAttribute('data-id')).toBe(first);
  await page.locator('.inspector').waitFor();
  await page.getByRole('button', { name: 'Compare…' }).click();
  await page.getByRole('button', { name: 'Comparing: pick another event' }).waitFor();
  await page.locator(`.feed-row[data-id="${second}"]`).click();
  await page.locator('section.compare').waitFor();
}

/** The body table's rows as { path, kind, before, after } texts. */
async function bodyRows(): Promise<{ path: string; kind: string; before: string; after: string }[]> {
  const rows = page.locator('.cmp-body-table tbody tr');
  await rows.first().waitFor();
  const out: { path: string; kind: string; before: string; after: string }[] = [];
  for (const row of await rows.all()) {
    const [where = '', kind = '', before = '', after = ''] = await row.locator('td').allTextContents();
    out.push({ path: where, kind, before, after });
  }
  return out;
}

beforeAll(async () => {
  serve = await startServe(['--data-dir', tempDir()]);
  endpointUrl = serve.info.endpoints[0]?.url ?? '';
  chromium = await launchChromium();
});

afterAll(() => shutDown(chromium, serve));

beforeEach(async () => {
  page = await openUi(chromium.browser, serve.info.ui);
});

describe('comparing two events in Chromium against a real hookbridge serve', () => {
  it('lists what changed between a Telegram failure and a voice failure, path by path', async () => {
    const original = JSON.parse(seedText) as { data: { channel: Record<string, unknown> } } & Record<string, unknown>;
    const voice = structuredClone(original);
    voice.data.channel.channel = 'voice';
    voice.data.channel.error = 'Call not answered: the line was busy';
    voice.data.channel.call_duration_sec = 0;
    const telegramId = await post(seedText, 'lox24', 'application/json');
    const voiceId = await post(JSON.stringify(voice), 'lox24', 'application/json');

    await compare(telegramId, voiceId);
    const head = page.locator('.cmp-events');
    expect(await head.locator('[data-tag="A"]').textContent()).toContain('verify_code.channel.failed');
    expect(await head.locator('[data-tag="B"]').textContent()).toContain('verify_code.channel.failed');

    const rows = await bodyRows();
    expect(rows).toContainEqual({ path: '$.data.channel.channel', kind: '≠changed', before: '"telegram"', after: '"voice"' });
    expect(rows).toContainEqual({
      path: '$.data.channel.error',
      kind: '≠changed',
      before: '"Delivery timeout: no confirmation received within 30 seconds"',
      after: '"Call not answered: the line was busy"',
    });
    expect(rows).toContainEqual({ path: '$.data.channel.call_duration_sec', kind: '+added', before: '—', after: '0' });
    expect(rows).toHaveLength(3);
    expect(await page.locator('.cmp-counts').textContent()).toBe('2 changed, 1 added, 0 removed');
    // The voice body is longer, so the requests' Content-Length differs; names compare case-insensitively.
    expect(await page.locator('.cmp-header-table tr[data-header="content-length"]').textContent()).toContain('changed');

    await page.screenshot({ path: path.join(screenshotDir, 'compare.png') });

    // "Open B" leaves the comparison and inspects the second event.
    await page.getByRole('button', { name: 'Open B' }).click();
    await page.locator('.inspector').waitFor();
    expect(await page.locator('section.compare').count()).toBe(0);
    expect(await page.locator('.overview').textContent()).toContain('Call not answered');
  });

  it('says the bodies are identical when the same payload arrived twice', async () => {
    const first = await post(seedText, 'lox24', 'application/json');
    const second = await post(seedText, 'lox24', 'application/json');
    await compare(first, second);
    await expect.poll(() => page.locator('.cmp-identical').textContent()).toContain('The bodies are identical.');
    expect(await page.locator('.cmp-body-table').count()).toBe(0);
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('section.compare').count()).toBe(0);
  });

  it('points at the first differing line of two bodies that are not JSON, as text', async () => {
    const first = await post('status=ok\ncode=1234\nnote=<b>first</b>\n', 'plain', 'text/plain');
    const second = await post('status=ok\ncode=9999\nnote=<b>first</b>\n', 'plain', 'text/plain');
    await compare(first, second);
    const raw = page.locator('.cmp-raw');
    await raw.waitFor();
    const text = await raw.textContent();
    expect(text).toContain('Neither body is JSON: comparing the raw text.');
    expect(text).toContain('The bodies differ from line 2, column 6 (byte 15).');
    expect(await raw.locator('.cmp-lines').textContent()).toContain('code=1234');
    expect(await raw.locator('.cmp-lines').textContent()).toContain('code=9999');
    expect(await page.locator('.compare b').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'compare-text.png') });
  });

  it('compares bodies nested 10,000 levels deep and shows the one difference at the bottom', async () => {
    const nested = (leaf: string): string => `{"name":"deep.test","root":${'{"next":'.repeat(10_000)}{"leaf":"${leaf}"}${'}'.repeat(10_000)}}`;
    const first = await post(nested('old'), 'deep', 'application/json');
    const second = await post(nested('new'), 'deep', 'application/json');
    await compare(first, second);
    const rows = page.locator('.cmp-body-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-path')).toBe(`$.root${'.next'.repeat(10_000)}.leaf`);
    const shown = (await rows.first().locator('td').first().textContent()) ?? '';
    expect(shown.startsWith('$.root.next.next')).toBe(true);
    expect(shown.endsWith('.next.next.leaf')).toBe(true);
    expect(shown.length).toBeLessThan(500);
    expect(shown).toMatch(/\.next … 9[,.\u00a0\u202f]?9\d\d more levels … \.next/);
    expect(await page.locator('.cmp-counts').textContent()).toBe('1 changed, 0 added, 0 removed');
    await page.screenshot({ path: path.join(screenshotDir, 'compare-deep.png') });
  });
});
