import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, openUi, screenshotDir, shutDown } from '../support/browser';
import { startServe, type ServeProcess } from '../support/serve';

let chromium: { browser: Browser; close(): Promise<void> };
const started: ServeProcess[] = [];

beforeAll(async () => {
  chromium = await launchChromium();
});

afterAll(async () => {
  for (const serve of started) {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  await shutDown(chromium, undefined);
});

describe('the tunnel in the status bar', () => {
  it('says a token is needed, without contacting ngrok, when none is configured', async () => {
    const saved = process.env.NGROK_AUTHTOKEN;
    delete process.env.NGROK_AUTHTOKEN;
    const serve = await startServe(['--data-dir', tempDir()]);
    if (saved !== undefined) process.env.NGROK_AUTHTOKEN = saved;
    started.push(serve);
    const page = await openUi(chromium.browser, serve.info.ui);
    const tunnel = page.locator('.statusbar .tunnel');
    await expect.poll(() => tunnel.getAttribute('data-state')).toBe('off');
    await page.getByRole('button', { name: 'Start tunnel' }).click();
    await expect.poll(() => tunnel.getAttribute('data-state')).toBe('needs-token');
    expect(await tunnel.textContent()).toContain('add your ngrok authtoken in Settings');
  });

  it('the authtoken pasted in Settings starts the tunnel (the real SDK, which fails offline here) and is never shown again', async () => {
    const saved = process.env.NGROK_AUTHTOKEN;
    delete process.env.NGROK_AUTHTOKEN;
    const serve = await startServe(['--data-dir', tempDir()]);
    if (saved !== undefined) process.env.NGROK_AUTHTOKEN = saved;
    started.push(serve);
    const pasted = '2abcPASTEDtokenForE2E_0123456789';
    const page = await openUi(chromium.browser, serve.info.ui, { width: 1280, height: 900 });
    const tunnel = page.locator('.statusbar .tunnel');
    await page.getByRole('button', { name: 'Start tunnel' }).click();
    await expect.poll(() => tunnel.getAttribute('data-state')).toBe('needs-token');
    await page.getByRole('button', { name: 'add your ngrok authtoken in Settings' }).click();

    const panel = page.getByRole('region', { name: 'Tunnel: ngrok authtoken' });
    await expect.poll(() => panel.locator('[data-field="token-state"]').textContent()).toBe('No authtoken yet: the tunnel cannot start.');
    // Headless mode cannot keep it encrypted: the box is off and says why (once the status has arrived).
    await expect.poll(() => panel.locator('[data-field="remember-note"]').textContent()).toContain('Headless mode keeps an entered token only until it stops');
    expect(await panel.getByLabel('Remember on this computer').isDisabled()).toBe(true);

    await panel.getByLabel('Authtoken', { exact: true }).fill(`two words`);
    await panel.getByRole('button', { name: 'Save token' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Paste the authtoken alone, without spaces or line breaks');

    await panel.getByLabel('Authtoken', { exact: true }).fill(pasted);
    await panel.getByRole('button', { name: 'Save token' }).click();
    // The tunnel starts at once with it, and the first start loads the ngrok SDK's native module: allow a busy machine time.
    await expect.poll(() => panel.locator('[data-field="token-state"]').textContent(), { timeout: 15_000 }).toBe(`In use: 2a•••••• (${pasted.length} characters) (for this run only)`);
    expect(await panel.getByLabel('Replace the authtoken').inputValue()).toBe('');
    // The tunnel restarts with the token: offline, the real SDK fails, and the bar says so; never online.
    await expect.poll(() => tunnel.getAttribute('data-state'), { timeout: 20_000 }).toBe('error');
    expect(await page.content()).not.toContain(pasted);
    await panel.screenshot({ path: path.join(screenshotDir, 'settings-tunnel-token.png') });
  });

  it('shows the SDK’s failure as a sentence — never online — and never the token', async () => {
    const fakeToken = '2abcFAKEtokenForE2E_0123456789';
    process.env.NGROK_AUTHTOKEN = fakeToken;
    const serve = await startServe(['--data-dir', tempDir(), '--tunnel']);
    delete process.env.NGROK_AUTHTOKEN;
    started.push(serve);
    const page = await openUi(chromium.browser, serve.info.ui, { width: 1280, height: 720 });
    const tunnel = page.locator('.statusbar .tunnel');
    await expect.poll(() => tunnel.getAttribute('data-state'), { timeout: 20_000 }).toBe('error');
    expect((await tunnel.textContent())?.length).toBeGreaterThan(30);
    expect(await page.content()).not.toContain(fakeToken);
    await page.locator('.statusbar').screenshot({ path: path.join(screenshotDir, 'status-tunnel-error.png') });
    // The local ingress keeps working whatever the tunnel does.
    const response = await fetch(serve.info.endpoints[0]?.url ?? '', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
  });
});
