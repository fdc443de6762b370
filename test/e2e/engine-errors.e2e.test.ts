import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, openUi, shutDown } from '../support/browser';
import { startServe, type ServeProcess } from '../support/serve';

let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir();
  serve = await startServe(['--data-dir', dataDir, '--busy-timeout', '200']);
  chromium = await launchChromium();
  page = await openUi(chromium.browser, serve.info.ui, { width: 1920, height: 1080 });
});

afterAll(() => shutDown(chromium, serve));

const post = (body: string) => fetch(serve.info.endpoints[0]?.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('engine errors reach the window', () => {
  it('shows the store’s own sentence in a banner while it cannot write, and removes it once capture resumes', async () => {
    // Another program holds the write lock longer than the engine's busy timeout.
    const other = new Database(path.join(dataDir, 'hookbridge.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      expect((await post('{"name":"lost.in.the.lock"}')).status).toBe(500);
      const banner = page.getByRole('alert');
      await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('Not capturing: The database is locked by another program');
      await page.screenshot({ path: path.join(screenshotDir, 'store-error-banner.png') });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await post('{"name":"captured.again"}')).status).toBe(200);
    await expect.poll(() => page.getByRole('alert').count(), { timeout: 10_000 }).toBe(0);
    await page.locator('.feed-row').first().waitFor();
    expect(await page.locator('.feed-row').first().textContent()).toContain('captured.again');
  });
});
