// The Endpoints and Settings pages in Chromium against a real `hookbridge serve`: every change made in the UI is
// checked where it matters — at the ingress (what a provider is answered) and through the API.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { PublicEndpoint, Settings, Status } from '../../main/core/model';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, shutDown } from '../support/browser';
import { serveApi, startServe, type ServeProcess } from '../support/serve';

const seed = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');

let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
let defaultUrl: string;
const dialogs: string[] = [];

/** Calls the control API the way a script would, with the Bearer token. */
const api = <T>(method: string, input: unknown = {}): Promise<T> => serveApi<T>(serve.info, method, input);

/** What the ingress answers a provider posting to `url`. */
async function postTo(url: string, body = '{"event":"ping"}', headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  await response.arrayBuffer();
  return response.status;
}

async function endpointNamed(name: string): Promise<PublicEndpoint | undefined> {
  return (await api<PublicEndpoint[]>('listEndpoints')).find((e) => e.name === name);
}

async function openView(name: 'Endpoints' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

/** The few browser globals read here, typed by hand: the test tsconfig has no DOM library. */
interface InPage {
  navigator: { clipboard: { readText(): Promise<string> } };
  document: { documentElement: { dataset: Record<string, string | undefined> }; body: unknown };
  getComputedStyle(element: unknown): { backgroundColor: string };
}

/** document.documentElement.dataset.theme: 'light' or 'dark', resolved from the setting or the OS preference. */
function pageTheme(): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.dataset.theme ?? null);
}

/** Bodies the page sent to updateSettings, in order. */
function recordSettingsUpdates(): unknown[] {
  const bodies: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/updateSettings')) bodies.push(JSON.parse(request.postData() ?? 'null'));
  });
  return bodies;
}

beforeAll(async () => {
  serve = await startServe(['--data-dir', tempDir()]);
  defaultUrl = serve.info.endpoints[0]?.url ?? '';
  chromium = await launchChromium();
});

afterAll(() => shutDown(chromium, serve));

beforeEach(async () => {
  context = await chromium.browser.newContext({ viewport: { width: 1280, height: 720 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(serve.info.ui);
  await page.waitForSelector('.toolbar');
});

afterEach(async () => {
  await context?.close();
});

describe('the Endpoints page', () => {
  it('creates, copies, renames, re-types, rotates, disables and deletes an endpoint, each effective at the ingress at once', async () => {
    await openView('Endpoints');
    const form = page.locator('form.new-endpoint');
    await form.getByLabel('Name', { exact: true }).fill('soyio staging');
    await form.getByLabel('Provider').selectOption('soyio');
    await form.getByRole('button', { name: 'Create endpoint' }).click();

    const created = page.locator('li.endpoint', { has: page.getByRole('heading', { name: 'soyio staging', exact: true }) });
    await created.waitFor();
    const id = (await created.getAttribute('data-id')) ?? '';
    const row = page.locator(`li.endpoint[data-id="${id}"]`);
    const listed = await endpointNamed('soyio staging');
    expect(listed).toMatchObject({ id, provider: 'soyio', enabled: true, auth: { kind: 'none' } });
    expect(await row.locator('.tag-local').textContent()).toBe('local');
    expect(await row.locator('code.url').textContent()).toBe(listed?.url);
    expect(await row.textContent()).toContain('No auth check');
    const firstUrl = listed?.url ?? '';
    expect(await postTo(`${firstUrl}/soyio`, seed('soyio.auth_attempt.successful.json'))).toBe(200);
    expect(await postTo(firstUrl)).toBe(200);

    // Copy URL puts exactly the shown URL on the clipboard and says so.
    await row.getByRole('button', { name: /^Copy URL/ }).click();
    await expect.poll(() => row.locator('.copied').textContent()).toBe('Copied');
    expect(await page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText())).toBe(firstUrl);

    // Rename: an empty name is refused with the API's message; Esc cancels; Enter saves.
    await row.getByRole('button', { name: 'Rename' }).click();
    const nameInput = row.getByLabel('New name');
    await nameInput.fill('   ');
    await nameInput.press('Enter');
    await expect.poll(() => row.getByRole('alert').textContent()).toContain('Name the endpoint');
    await page.screenshot({ path: path.join(screenshotDir, 'endpoints-rename.png') });
    expect((await endpointNamed('soyio staging'))?.id).toBe(id);
    await nameInput.fill('never saved');
    await nameInput.press('Escape');
    await row.getByRole('heading', { name: 'soyio staging', exact: true }).waitFor();
    expect(await row.getByRole('alert').count()).toBe(0);
    expect(await endpointNamed('never saved')).toBeUndefined();
    await row.getByRole('button', { name: 'Rename' }).click();
    await nameInput.fill('soyio sandbox');
    await nameInput.press('Enter');
    await row.getByRole('heading', { name: 'soyio sandbox', exact: true }).waitFor();
    await expect.poll(async () => (await endpointNamed('soyio sandbox'))?.id).toBe(id);

    // Provider select.
    await row.getByLabel('Provider').selectOption('lox24');
    await expect.poll(async () => (await endpointNamed('soyio sandbox'))?.provider).toBe('lox24');
    await row.getByLabel('Provider').selectOption('soyio');
    await expect.poll(async () => (await endpointNamed('soyio sandbox'))?.provider).toBe('soyio');

    // A confirmation takes the focus on its safe button, and Esc closes it with nothing done.
    await row.getByRole('button', { name: 'Delete…' }).click();
    await expect.poll(() => row.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => row.getByRole('alertdialog').count()).toBe(0);
    await expect.poll(() => row.getByRole('button', { name: 'Delete…' }).evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    expect((await endpointNamed('soyio sandbox'))?.id).toBe(id);

    // Rotate: asks first, then the old URL is dead and the new one shown works.
    await row.getByRole('button', { name: 'Rotate token…' }).click();
    const rotateConfirm = row.getByRole('alertdialog');
    expect(await rotateConfirm.textContent()).toContain('the old URL stops working at once');
    expect(await postTo(firstUrl)).toBe(200); // nothing changes before the confirmation
    await rotateConfirm.getByRole('button', { name: 'Rotate token' }).click();
    await expect.poll(() => row.locator('code.url').textContent()).not.toBe(firstUrl);
    const rotatedUrl = (await row.locator('code.url').textContent()) ?? '';
    expect(rotatedUrl).toBe((await endpointNamed('soyio sandbox'))?.url);
    expect(await postTo(firstUrl)).toBe(404);
    expect(await postTo(rotatedUrl)).toBe(200);

    // Disable: stored but answered 403.
    await row.getByRole('switch', { name: 'Enabled' }).click();
    await expect.poll(() => row.getByRole('switch', { name: 'Enabled' }).isChecked()).toBe(false);
    expect((await endpointNamed('soyio sandbox'))?.enabled).toBe(false);
    expect(await postTo(rotatedUrl)).toBe(403);

    // Delete: the confirmation names the endpoint and says its events stay.
    const eventsBefore = await api<{ events: number }>('countEvents', { filter: { endpointId: id } });
    expect(eventsBefore.events).toBeGreaterThanOrEqual(4);
    await row.getByRole('button', { name: 'Delete…' }).click();
    const deleteConfirm = row.getByRole('alertdialog');
    const deleteText = await deleteConfirm.textContent();
    expect(deleteText).toContain('soyio sandbox');
    expect(deleteText).toContain('captured events stay');
    await page.screenshot({ path: path.join(screenshotDir, 'endpoints.png') });
    await deleteConfirm.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await endpointNamed('soyio sandbox')).toBeUndefined();
    expect(await postTo(rotatedUrl)).toBe(404);
    expect(await api<{ events: number }>('countEvents', { filter: { endpointId: id } })).toMatchObject({ events: eventsBefore.events });
    expect(dialogs).toEqual([]);
  });

  it('creates an endpoint with a header check: 401 without the header, 200 with it, and the secret never shows', async () => {
    const secret = 'Hb-e2e-Secret-7731Zq';
    await openView('Endpoints');
    const form = page.locator('form.new-endpoint');
    await form.getByLabel('Name', { exact: true }).fill('lox24 verify');
    await form.getByLabel('Provider').selectOption('lox24');
    await form.getByLabel('Auth check').selectOption('header');
    expect(await form.getByLabel('Header name').inputValue()).toBe('X-LOX24-Token');

    // The API's validation message appears next to the form, and nothing is created.
    await form.getByLabel(/^Secret/).fill('short');
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/auth\.value: .*8/);
    // …and its own message under the field the secret was typed in, which is marked invalid.
    const secretField = form.getByLabel(/^Secret/);
    expect(await secretField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await secretField.getAttribute('aria-describedby')) ?? '';
    expect(await form.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^[A-Z].*8.*\.$/);
    expect(await form.getByLabel('Header name').getAttribute('aria-invalid')).toBeNull();
    expect(await endpointNamed('lox24 verify')).toBeUndefined();
    await page.screenshot({ path: path.join(screenshotDir, 'endpoints-new-form.png') });

    await form.getByLabel(/^Secret/).fill(secret);
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    const row = page.locator('li.endpoint', { has: page.getByRole('heading', { name: 'lox24 verify', exact: true }) });
    await row.waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);
    const endpoint = await endpointNamed('lox24 verify');
    expect(endpoint?.auth).toMatchObject({ kind: 'header', header: 'X-LOX24-Token' });
    const hint = endpoint?.auth.kind === 'header' ? endpoint.auth.valueHint : 'missing';
    expect(await row.locator('.endpoint-auth').textContent()).toBe(`Header check: X-LOX24-Token = ${hint}`);

    const url = `${endpoint?.url ?? ''}/lox24`;
    const body = seed('lox24.verify_code.channel.failed.json');
    expect(await postTo(url, body)).toBe(401);
    expect(await postTo(url, body, { 'X-LOX24-Token': 'wrong-secret-value' })).toBe(401);
    expect(await postTo(url, body, { 'X-LOX24-Token': secret })).toBe(200);

    // Nowhere on the page: not in the text, not in the markup, not left in an input.
    expect(await page.locator('body').innerText()).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
    const inputValues = await Promise.all((await page.locator('input').all()).map((input) => input.inputValue()));
    expect(inputValues.length).toBeGreaterThan(0);
    expect(inputValues.join('\n')).not.toContain(secret);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Endpoints', exact: true }).waitFor();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: path.join(screenshotDir, 'endpoints-header-check.png') });
  });

  it('switches an endpoint to X-Hub-Signature-256: unsigned and forged Soyio webhooks get 401 with the reason, signed ones 200; the feed and inspector say which', async () => {
    const secret = 'soyio-e2e-signing-secret-42';
    await openView('Endpoints');
    const form = page.locator('form.new-endpoint');
    await form.getByLabel('Name', { exact: true }).fill('soyio signed');
    await form.getByLabel('Provider').selectOption('soyio');
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    const row = page.locator('li.endpoint', { has: page.getByRole('heading', { name: 'soyio signed', exact: true }) });
    await row.waitFor();
    expect(await row.locator('.endpoint-auth').textContent()).toBe('No auth check: anyone with the URL can post.');

    await row.getByRole('button', { name: 'Change check…' }).click();
    const editor = row.getByRole('form', { name: 'Auth check of soyio signed' });
    await editor.getByLabel('Auth check').selectOption('hub-signature-256');
    await editor.getByLabel('Signing secret').fill(secret);
    await editor.getByRole('button', { name: 'Save check' }).click();
    await expect.poll(() => row.locator('.endpoint-auth').textContent()).toMatch(/^Signature: X-Hub-Signature-256, secret so•+ \(27 characters\) — failures are answered 401$/);
    expect(await page.content()).not.toContain(secret);

    const url = (await endpointNamed('soyio signed'))?.url ?? '';
    const body = seed('soyio.validation_attempt.failed.json');
    const { createHmac } = await import('node:crypto');
    const sign = (key: string): string => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
    expect(await postTo(url, body)).toBe(401);
    expect(await postTo(url, body, { 'X-Hub-Signature-256': sign('not-the-secret') })).toBe(401);
    expect(await postTo(url, body, { 'X-Hub-Signature-256': sign(secret) })).toBe(200);

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events', exact: true }).click();
    const markers = page.locator('.feed-row', { has: page.locator('.endpoint', { hasText: 'soyio signed' }) }).locator('.marker[class*="auth-"]');
    await expect.poll(() => markers.allTextContents()).toEqual(['signed ✓', 'bad signature', 'unsigned']);
    await page.locator('.feed-row', { has: page.getByText('bad signature', { exact: true }) }).click();
    const check = page.locator('[data-field="auth-check"]');
    await expect.poll(() => check.textContent()).toBe(
      'X-Hub-Signature-256invalid: X-Hub-Signature-256 does not match: the body differs from what was signed, or the secret is wrong. Answered 401.',
    );
    await page.screenshot({ path: path.join(screenshotDir, 'signature-invalid.png') });
  });

  it('a rule made in the UI answers 500 to the next 2 LOX24 deliveries, then 200; the row counts down and the inspector names the rule', async () => {
    await openView('Endpoints');
    const form = page.locator('form.new-endpoint');
    await form.getByLabel('Name', { exact: true }).fill('lox24 retries');
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    const row = page.locator('li.endpoint', { has: page.getByRole('heading', { name: 'lox24 retries', exact: true }) });
    await row.waitFor();
    await row.getByRole('button', { name: 'Edit rules…' }).click();
    const editor = row.getByRole('form', { name: 'Response rules of lox24 retries' });
    await editor.getByRole('button', { name: 'Add rule' }).click();
    const rule = editor.getByRole('listitem', { name: 'Rule 1' });
    await rule.getByLabel('Name', { exact: true }).fill('make LOX24 retry');
    await rule.getByLabel('When the event is').fill('verify_code.*');
    await rule.getByLabel('Status').fill('500');
    await rule.getByLabel('For the next N deliveries').fill('2');
    // A bad value is explained before anything is saved.
    await rule.getByLabel('JSON path').fill('$.data.channel.channel');
    await rule.getByLabel('Value (JSON)').fill('telegram');
    await editor.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => editor.getByRole('alert').textContent()).toContain('the value to compare must be JSON');
    const valueField = rule.getByLabel('Value (JSON)');
    expect(await valueField.getAttribute('aria-invalid')).toBe('true');
    expect(await rule.locator(`[id="${await valueField.getAttribute('aria-describedby')}"]`).textContent()).toContain('must be JSON');
    // The engine's own refusal lands under its field too: a status the contract does not take.
    await valueField.fill('"telegram"');
    await rule.getByLabel('Status').fill('700');
    await editor.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => rule.getByLabel('Status').getAttribute('aria-invalid')).toBe('true');
    expect(await rule.locator(`[id="${await rule.getByLabel('Status').getAttribute('aria-describedby')}"]`).textContent()).toBe('Must be 200–599.');
    expect(await valueField.getAttribute('aria-invalid')).toBeNull();
    await rule.getByLabel('Status').fill('500');
    await editor.screenshot({ path: path.join(screenshotDir, 'rules-editor.png') });
    await editor.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => row.locator('.endpoint-rules').textContent()).toContain('1 response rule, 1 active (make LOX24 retry: 2 left).');

    const url = (await endpointNamed('lox24 retries'))?.url ?? '';
    const body = seed('lox24.verify_code.channel.failed.json');
    expect([await postTo(url, body), await postTo(url, body), await postTo(url, body)]).toEqual([500, 500, 200]);
    await expect.poll(() => row.locator('.endpoint-rules').textContent()).toContain('1 response rule, 0 active.');
    await page.screenshot({ path: path.join(screenshotDir, 'endpoints-rules.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events', exact: true }).click();
    await page.locator('.feed-row', { has: page.locator('.status-code', { hasText: '500' }) }).first().click();
    await expect.poll(() => page.locator('[data-field="answered"] dd').textContent()).toMatch(/^500 in [\d.]+ ms by rule “make LOX24 retry”$/);
  });

  it('mutes an endpoint’s notifications with its switch; it keeps capturing, and the choice survives a reload', async () => {
    await openView('Endpoints');
    const row = page.locator('li.endpoint', { has: page.getByRole('heading', { name: 'default', exact: true }) });
    const notify = row.getByRole('switch', { name: 'Notify on failures' });
    expect(await notify.isChecked()).toBe(true);
    await notify.click();
    await expect.poll(() => notify.isChecked()).toBe(false);
    expect(await row.locator('.tag', { hasText: 'muted' }).count()).toBe(1);
    expect((await endpointNamed('default'))?.notify).toBe(false);
    expect(await postTo(defaultUrl)).toBe(200);

    await page.reload();
    await openView('Endpoints');
    await expect.poll(() => row.getByRole('switch', { name: 'Notify on failures' }).isChecked()).toBe(false);
    await row.getByRole('switch', { name: 'Notify on failures' }).click();
    await expect.poll(async () => (await endpointNamed('default'))?.notify).toBe(true);
  });

  it('a public base URL from Settings is what the Endpoints page shows and copies; a bad one is refused with a sentence', async () => {
    const updates = recordSettingsUpdates();
    await openView('Settings');
    await page.getByLabel('Public base URL (your own tunnel or proxy)').fill('hooks.example.com');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-row').getByRole('alert').textContent()).toContain('must be a full URL');
    await page.getByLabel('Public base URL (your own tunnel or proxy)').fill('https://hooks.example.com/dev/');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-row').getByRole('status').textContent()).toBe('Saved');
    expect(updates.at(-1)).toEqual({ publicBaseUrl: 'https://hooks.example.com/dev/' });
    expect(await page.getByLabel('Public base URL (your own tunnel or proxy)').inputValue()).toBe('https://hooks.example.com/dev');
    await page.screenshot({ path: path.join(screenshotDir, 'settings-public-url.png'), fullPage: true });

    await openView('Endpoints');
    const token = (await endpointNamed('default'))?.token ?? '';
    const row = page.locator('li.endpoint', { has: page.getByRole('heading', { name: 'default', exact: true }) });
    await expect.poll(() => row.locator('code.url').textContent()).toBe(`https://hooks.example.com/dev/h/${token}`);
    expect(await row.locator('.tag-public').count()).toBe(1);
    await row.getByRole('button', { name: 'Copy URL of default' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText())).toBe(`https://hooks.example.com/dev/h/${token}`);

    await api('updateSettings', { publicBaseUrl: null });
    await expect.poll(() => row.locator('code.url').textContent()).toBe(defaultUrl);
  });

  it('follows endpoint changes made elsewhere (endpoint.changed on the stream)', async () => {
    await openView('Endpoints');
    await page.locator('li.endpoint').first().waitFor();
    const made = await api<PublicEndpoint>('createEndpoint', { name: 'made by a script', provider: 'auto' });
    const row = page.locator(`li.endpoint[data-id="${made.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    await api('updateEndpoint', { id: made.id, name: 'renamed by a script', enabled: false });
    await row.getByRole('heading', { name: 'renamed by a script', exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(() => row.getByRole('switch', { name: 'Enabled' }).isChecked()).toBe(false);
    await api('deleteEndpoint', { id: made.id });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
  });
});

describe('the Settings page', () => {
  it('applies a 2 KiB body limit at once (413 without a restart), sending only that field, and goes back to the default', async () => {
    const updates = recordSettingsUpdates();
    const big = JSON.stringify({ event: 'big', pad: 'x'.repeat(3_000 - 24) });
    expect(big.length).toBe(3_000);
    expect(await postTo(defaultUrl, big)).toBe(200);

    await openView('Settings');
    await page.getByLabel('Custom limit').check();
    await page.getByLabel('Body size limit').fill('2');
    await page.getByLabel('Body size unit').selectOption('KiB');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-row').getByRole('status').textContent()).toBe('Saved');
    expect(updates).toEqual([{ bodyLimitBytes: 2048 }]);
    expect((await api<Settings>('getSettings')).bodyLimitBytes).toBe(2048);
    expect(await postTo(defaultUrl, big)).toBe(413);
    expect(await postTo(defaultUrl, '{"event":"small"}')).toBe(200);

    await page.getByLabel('Engine default (5 MiB or --body-limit)').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => updates.length).toBe(2);
    expect(updates[1]).toEqual({ bodyLimitBytes: null });
    await expect.poll(() => page.locator('.save-row').getByRole('status').textContent()).toBe('Saved');
    expect((await api<Settings>('getSettings')).bodyLimitBytes).toBeNull();
    expect(await postTo(defaultUrl, big)).toBe(200);
  });

  it('applies the dark theme at once, and it survives a reload', async () => {
    await openView('Settings');
    // "system" follows the OS: headless Chromium reports a light preference.
    await expect.poll(pageTheme).toBe('light');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(pageTheme).toBe('dark');
    expect((await api<Settings>('getSettings')).theme).toBe('dark');
    const background = await page.evaluate(() => {
      const w = globalThis as unknown as InPage;
      return w.getComputedStyle(w.document.body).backgroundColor;
    });
    expect(background).toBe('rgb(21, 24, 29)');
    await page.reload();
    await page.waitForSelector('.toolbar');
    await expect.poll(pageTheme).toBe('dark');
    await page.getByRole('heading', { level: 2, name: 'Settings', exact: true }).waitFor();
    expect(await page.getByLabel('Theme').inputValue()).toBe('dark');
    await page.screenshot({ path: path.join(screenshotDir, 'settings-dark.png') });
    await page.getByLabel('Theme').selectOption('system');
    await expect.poll(pageTheme).toBe('light');
    expect((await api<Settings>('getSettings')).theme).toBe('system');
    // …and follows the OS when it changes, without a reload.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(pageTheme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(pageTheme).toBe('light');
  });

  it('shows the API’s validation message for maxEvents 5 and saves nothing', async () => {
    const updates = recordSettingsUpdates();
    await openView('Settings');
    await page.getByLabel('Keep at most (events)').fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const alert = page.locator('.save-row').getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('retention.maxEvents');
    expect(text).toMatch(/>=\s?100/);
    const field = page.getByLabel('Keep at most (events)');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#settings-max-events-problem').textContent()).toMatch(/^[A-Z].*100.*\.$/);
    expect(updates).toEqual([{ retention: { maxEvents: 5 } }]);
    expect(await page.locator('.save-row').getByRole('status').textContent()).toBe('');
    expect((await api<Settings>('getSettings')).retention.maxEvents).toBe(200_000);
  });

  it('sends the database limit in bytes, saves language and country code, and shows the retention status with the last prune', async () => {
    const updates = recordSettingsUpdates();
    // More than 100 events, so that a limit of 100 prunes some.
    const stored = (await api<Status>('getStatus')).retention.events;
    const statuses = await Promise.all(Array.from({ length: Math.max(0, 130 - stored) }, (_, i) => postTo(defaultUrl, JSON.stringify({ event: 'fill', i }))));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const before = (await api<Status>('getStatus')).retention.events;
    expect(before).toBeGreaterThanOrEqual(130);

    await openView('Settings');
    const digits = (s: string | null): string => (s ?? '').replace(/\D/g, '');
    await expect.poll(async () => digits(await page.locator('dd[data-field="events"]').textContent())).toBe(String(before));
    expect(await page.locator('dd[data-field="last-prune"]').textContent()).toBe('none since Hookbridge started');
    expect(await page.getByLabel('Database size limit').inputValue()).toBe('2');
    expect(await page.getByLabel('Database size unit').inputValue()).toBe('GiB');

    await page.getByLabel('Database size limit').fill('512');
    await page.getByLabel('Database size unit').selectOption('MiB');
    await page.getByLabel('Explanation language').selectOption('es');
    await page.getByLabel('Default country calling code').fill('+49');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-row').getByRole('status').textContent()).toBe('Saved');
    expect(updates).toEqual([{ retention: { maxDatabaseBytes: 512 * 1024 * 1024 }, language: 'es', defaultCountryCode: '49' }]);
    expect(await api<Settings>('getSettings')).toMatchObject({ retention: { maxEvents: 200_000, maxDatabaseBytes: 536_870_912 }, language: 'es', defaultCountryCode: '49' });

    await page.getByLabel('Keep at most (events)').fill('100');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => updates.length).toBe(2);
    expect(updates[1]).toEqual({ retention: { maxEvents: 100 } });
    await expect.poll(() => page.locator('dd[data-field="last-prune"]').textContent()).toMatch(new RegExp(`^${before - 100} events at `));
    await expect.poll(async () => digits(await page.locator('dd[data-field="events"]').textContent())).toBe('100');
    await page.screenshot({ path: path.join(screenshotDir, 'settings.png') });

    // A fresh load shows what was saved, in the units it was entered in; clearing the country code sends null.
    await page.reload();
    await openView('Settings');
    expect(await page.getByLabel('Database size limit').inputValue()).toBe('512');
    expect(await page.getByLabel('Database size unit').inputValue()).toBe('MiB');
    expect(await page.getByLabel('Explanation language').inputValue()).toBe('es');
    expect(await page.getByLabel('Default country calling code').inputValue()).toBe('49');
    expect(await page.getByLabel('Keep at most (events)').inputValue()).toBe('100');
    await page.getByLabel('Default country calling code').fill('');
    await page.getByLabel('Keep at most (events)').fill('200000');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-row').getByRole('status').textContent()).toBe('Saved');
    expect(updates.at(-1)).toEqual({ retention: { maxEvents: 200_000 }, defaultCountryCode: null });
    expect((await api<Settings>('getSettings')).defaultCountryCode).toBeNull();
  });
});
