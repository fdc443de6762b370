// Export from the UI in Chromium against a real serve: the feed's filter decides what goes, redaction is on by
// default, progress shows, and the zip arrives as a browser download.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, openUi, screenshotDir, shutDown } from '../support/browser';
import { runCli, startServe, type ServeProcess } from '../support/serve';

let chromium: { browser: Browser; close(): Promise<void> };
let serve: ServeProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir();
  serve = await startServe(['--data-dir', dataDir]);
  chromium = await launchChromium();
  for (const [provider, name] of [
    ['lox24', 'verify_code.channel.failed'],
    ['lox24', 'verify_code.success'],
    ['soyio', 'validation_attempt.failed'],
  ] as const) {
    expect((await runCli(['trigger', provider, name, '--data-dir', dataDir, '--ingress', serve.info.ingress])).code).toBe(0);
  }
});

afterAll(() => shutDown(chromium, serve));

describe('Export… in the toolbar', () => {
  it('exports the failed-only feed as a TypeScript module in a zip, redacted, with progress', async () => {
    const page = await openUi(chromium.browser, serve.info.ui, { width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Failed only' }).click();
    await expect.poll(() => page.locator('.feed-row').count()).toBe(2);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export fixtures' });
    await expect.poll(() => dialog.textContent()).toContain('The events the feed shows (2)');
    expect(await dialog.getByLabel('Redact phone numbers, codes, references and e-mails').isChecked()).toBe(true);
    await dialog.getByLabel('Format').selectOption('ts');
    await dialog.screenshot({ path: path.join(screenshotDir, 'export-dialog.png') });

    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Exported 2 requests — downloading the zip.');
    const saved = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/^hookbridge-ts-.*\.zip$/);
    const files = unzipSync(new Uint8Array(fs.readFileSync(saved)));
    const [name] = Object.keys(files);
    expect(name).toMatch(/\/index\.ts$/);
    const module = new TextDecoder().decode(files[name as string]);
    expect(module).toContain('export type Lox24VerifyCodeChannelFailed =');
    expect(module).toContain('export type SoyioValidationAttemptFailed =');
    expect(module).not.toContain('verify_code.success');
    expect(module).toContain('"redacted": true');
  });

  it('unticking redaction warns before anything is exported', async () => {
    const page = await openUi(chromium.browser, serve.info.ui);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export fixtures' });
    await dialog.getByLabel('Redact phone numbers, codes, references and e-mails').uncheck();
    expect(await dialog.textContent()).toContain('Unredacted fixtures hold real phone numbers and codes: keep them out of git.');
  });
});
