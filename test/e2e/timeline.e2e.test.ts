import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, openUi, shutDown } from '../support/browser';
import { startServe, type ServeProcess } from '../support/serve';

const seed = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'), 'utf8')) as {
  data: Record<string, unknown> & { channel: Record<string, unknown> };
} & Record<string, unknown>;

let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

/** One step of the verify code's story, as LOX24 would send it. */
function step(name: string, channel: 'telegram' | 'sms', status: number, extra: Record<string, unknown> = {}) {
  return {
    ...seed,
    id: crypto.randomUUID(),
    notification_task_id: crypto.randomUUID(),
    name,
    data: { ...seed.data, channel: { ...seed.data.channel, channel, status, error: status === 20 ? seed.data.channel.error : null } },
    ...extra,
  };
}

async function post(body: unknown): Promise<string> {
  const response = await fetch(`${serve.info.endpoints[0]?.url}/lox24`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  serve = await startServe(['--data-dir', tempDir()]);
  chromium = await launchChromium();
  page = await openUi(chromium.browser, serve.info.ui);
});

afterAll(() => shutDown(chromium, serve));

describe('timeline of one verify code', () => {
  it('tells the story in order, with the retry of one notification folded into one row', async () => {
    const failed = step('verify_code.channel.failed', 'telegram', 20);
    const ids = [
      await post(step('verify_code.channel.sent', 'telegram', 5)),
      await post(failed),
      await post({ ...failed, attempt_number: 2 }), // LOX24 retried the same notification
      await post(step('verify_code.channel.sent', 'sms', 5)),
      await post(step('verify_code.channel.success', 'sms', 10)),
      await post({ ...step('verify_code.success', 'sms', 10), data: { ...seed.data, status: 10, delivered_channel: 'sms', channel: undefined } }),
    ];
    await page.locator(`.feed-row[data-id="${ids[1]}"]`).click({ timeout: 10_000 });
    await page.getByRole('button', { name: /^lox24:verify:/ }).click();
    await page.getByRole('button', { name: 'Timeline' }).click();
    const steps = page.locator('.timeline-step');
    await expect.poll(() => steps.count()).toBe(5);
    expect(await steps.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-name')))).toEqual([
      'verify_code.channel.sent',
      'verify_code.channel.failed',
      'verify_code.channel.sent',
      'verify_code.channel.success',
      'verify_code.success',
    ]);
    expect(await steps.nth(1).textContent()).toContain('attempt 1, 2');
    expect(await steps.nth(1).textContent()).toContain('Delivery timeout');
    expect(page.url()).toContain('view=timeline');
    await page.screenshot({ path: path.join(screenshotDir, 'timeline.png') });
  });
});
