import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, openUi, shutDown } from '../support/browser';
import { ioFault } from '../support/io-fault';
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

describe('a failing disk reaches the window', () => {
  it('says the disk reported an I/O error while writes fail, and clears once they succeed again', async () => {
    const faultyDir = tempDir();
    const fault = ioFault(path.join(faultyDir, 'hookbridge.db'));
    const faulty = await startServe(['--data-dir', faultyDir], { env: fault.env });
    const window = await openUi(chromium.browser, faulty.info.ui, { width: 1280, height: 720 });
    const send = (name: string) => fetch(faulty.info.endpoints[0]?.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
    try {
      fault.on();
      const refused = await send('lost.to.the.disk');
      expect(refused.status, 'the webhook sent while the disk fails').toBe(500);
      await expect.poll(() => window.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('Not capturing: The disk reported an I/O error while writing the database');
      fault.off();
      expect((await send('disk.recovered')).status, 'the webhook sent once the disk recovered').toBe(200);
      await expect.poll(() => window.getByRole('alert').count(), { timeout: 10_000 }).toBe(0);
      await window.locator('.feed-row').first().waitFor({ timeout: 10_000 });
      expect(await window.locator('.feed-row').allTextContents()).toEqual([expect.stringContaining('disk.recovered')]);
    } catch (error) {
      // What the engine said is the first thing to read when this fails.
      throw new Error(`${(error as Error).message}\nserve stderr:\n${faulty.stderr()}`, { cause: error });
    } finally {
      fault.off();
      await window.close();
      faulty.child.kill('SIGTERM');
      await faulty.exited;
    }
  });
});
