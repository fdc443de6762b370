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

  it('an older status answer arriving after the stream’s newer one does not turn the tunnel back to "off"', async () => {
    const saved = process.env.NGROK_AUTHTOKEN;
    delete process.env.NGROK_AUTHTOKEN;
    const serve = await startServe(['--data-dir', tempDir()]);
    if (saved !== undefined) process.env.NGROK_AUTHTOKEN = saved;
    started.push(serve);
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const tunnel = page.locator('.statusbar .tunnel');
    // Counts the getStatus answers the page has finished reading: a task after an answer's JSON is read runs
    // after the page's own handling of it (its promise continuations and Preact's render are microtasks).
    await page.addInitScript(() => {
      const w = globalThis as unknown as { fetch: typeof fetch; statusReads: number };
      const original = w.fetch.bind(globalThis);
      w.statusReads = 0;
      w.fetch = async (...args: Parameters<typeof fetch>) => {
        const response = await original(...args);
        if (!String(args[0]).endsWith('/api/getStatus')) return response;
        const json = response.json.bind(response);
        Object.defineProperty(response, 'json', {
          value: async () => {
            const value: unknown = await json();
            setTimeout(() => w.statusReads++, 0);
            return value;
          },
        });
        return response;
      };
    });
    // The page reads the status when it opens, and again once the stream is live. That second read is answered
    // by the engine at once ("off"), but reaches the page only after "Start tunnel" was pressed and the stream
    // has said "needs-token".
    let reads = 0;
    await page.route('**/api/getStatus', async (route) => {
      if (++reads !== 2) return route.continue();
      const stale = await route.fetch();
      await page.getByRole('button', { name: 'Start tunnel' }).click();
      await expect.poll(() => tunnel.getAttribute('data-state')).toBe('needs-token');
      await route.fulfill({ response: stale });
    });
    await page.goto(serve.info.ui);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { statusReads: number }).statusReads)).toBe(2);
    expect(await tunnel.getAttribute('data-state')).toBe('needs-token');
    await page.close();
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
