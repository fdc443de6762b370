// Send sample and replay in Chromium against a real serve, with a real local HTTP server as the developer's app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, openUi, screenshotDir, shutDown } from '../support/browser';
import { startServe, type ServeProcess } from '../support/serve';

let chromium: { browser: Browser; close(): Promise<void> };
let serve: ServeProcess;
let app: http.Server;
let appUrl: string;
const received: string[] = [];

beforeAll(async () => {
  serve = await startServe(['--data-dir', tempDir()]);
  chromium = await launchChromium();
  app = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end('{"handled":true}');
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/lox24`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.close(() => resolve()));
  await shutDown(chromium, serve);
});

describe('send sample, then replay it to my app', () => {
  it('a LOX24 sample arrives in the feed; replayed with an edited body, my app gets the edit and its 202 is listed', async () => {
    const page = await openUi(chromium.browser, serve.info.ui, { width: 1280, height: 860 });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints', exact: true }).click();
    const row = page.locator('li.endpoint').first();
    await row.getByLabel('Sample').selectOption('lox24 verify_code.channel.failed');
    await row.getByRole('button', { name: 'Send sample' }).click();
    await expect.poll(() => row.locator('.send-sample [role="status"]').textContent()).toBe('Sent: answered 200.');

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events', exact: true }).click();
    await page.locator('.feed-row', { hasText: 'verify_code.channel.failed' }).first().click();
    await page.getByRole('tab', { name: 'Replay' }).click();
    await page.getByLabel('Send this request again to').fill(appUrl);
    await page.getByLabel('Edit the body first').check();
    const editor = page.getByLabel('Body to send');
    const original = await editor.inputValue();
    expect(JSON.parse(original)).toMatchObject({ name: 'verify_code.channel.failed' });
    const edited = original.replace('"attempt_number":1', '"attempt_number":2');
    expect(edited).not.toBe(original);
    await editor.fill(edited);
    await page.getByRole('button', { name: 'Replay', exact: true }).click();

    const list = page.getByRole('list', { name: 'Replays and forwards' });
    await expect.poll(() => list.locator('[data-field="delivery-status"]').allTextContents()).toEqual(['202']);
    expect(await list.textContent()).toContain('edited');
    expect(received).toEqual([edited]);
    await page.screenshot({ path: path.join(screenshotDir, 'replay.png') });

    // A target that is down is listed with the reason, not lost.
    await page.getByLabel('Edit the body first').uncheck();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await page.getByLabel('Send this request again to').fill(`http://127.0.0.1:${deadPort}/nothing`);
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => list.locator('[data-field="delivery-status"]').allTextContents()).toEqual(['no answer', '202']);
    expect(await list.locator('.problem').first().textContent()).toContain('connection refused');
  });

  it('forward-to set in the UI, pass-through: a sample is answered with my app’s 202, and the forward is listed on the event', async () => {
    const page = await openUi(chromium.browser, serve.info.ui, { width: 1280, height: 860 });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints', exact: true }).click();
    const row = page.locator('li.endpoint').first();
    await row.getByRole('button', { name: 'Forward to…' }).click();
    const editor = row.getByRole('form', { name: 'Forward-to of default' });
    await editor.getByLabel('Forward to (your app)').fill(appUrl);
    await editor.getByLabel('The provider gets').selectOption('pass-through');
    await editor.getByRole('button', { name: 'Save forwarding' }).click();
    await expect.poll(() => row.locator('[data-field="forward"]').textContent()).toContain(`Forwards to ${appUrl}, pass-through`);
    const before = received.length;
    await row.getByLabel('Sample').selectOption('soyio auth_attempt.failed');
    await row.getByRole('button', { name: 'Send sample' }).click();
    await expect.poll(() => row.locator('.send-sample [role="status"]').textContent()).toBe('Sent: answered 202.');
    expect(received.length).toBe(before + 1);
    expect(JSON.parse(received.at(-1) ?? '{}')).toMatchObject({ name: 'auth_attempt.failed' });
    await page.screenshot({ path: path.join(screenshotDir, 'endpoints-forward.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events', exact: true }).click();
    await page.locator('.feed-row', { hasText: 'auth_attempt.failed' }).first().click();
    await page.getByRole('tab', { name: 'Replay' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Replays and forwards' }).locator('.tag').allTextContents()).toEqual(['forward']);
  });
});
