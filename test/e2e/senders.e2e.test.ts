// Every webhook sender in the browser UI, against a real `hookbridge serve` and Debian's Chromium: a compressed
// body read decoded (and seen as sent), registration handshakes marked in the feed and explained in the
// inspector, SNS's "Confirm subscription" refusing a foreign host, and the endpoint's handshake settings.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, shutDown } from '../support/browser';
import { serveApi, startServe, type ServeProcess } from '../support/serve';

const require = createRequire(import.meta.url);
let serve: ServeProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;
let endpointUrl: string;

beforeAll(async () => {
  serve = await startServe(['--data-dir', tempDir()]);
  endpointUrl = serve.info.endpoints[0]?.url ?? '';
  chromium = await launchChromium();
});

afterAll(() => shutDown(chromium, serve));

beforeEach(async () => {
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.info.ui);
  await page.waitForSelector('.toolbar');
});

async function open(id: string): Promise<void> {
  await page.locator(`.feed-row[data-id="${id}"]`).click({ timeout: 10_000 });
  await page.locator('.inspector').waitFor();
}

describe('senders beyond LOX24 and Soyio, in Chromium', () => {
  it('shows a gzip body decoded, and the bytes as sent on request', async () => {
    const body = JSON.stringify({ type: 'invoice.paid', data: { amount: 4200, note: 'compressed on the wire' } });
    const response = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: zlib.gzipSync(body) });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    await open(id);
    await page.getByRole('tab', { name: 'Body' }).click();
    await expect.poll(() => page.locator('.body-toolbar').innerText()).toMatch(/gzip → \d+ B decoded/);
    await page.locator('.json-tree').getByText('compressed on the wire', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'As sent' }).click();
    // The gzip magic number, 1f 8b, starts the bytes as sent.
    await expect.poll(() => page.locator('pre.hex').innerText()).toMatch(/^00000000 {2}1f 8b/);
  });

  it('marks a handshake in the feed and explains it in the inspector', async () => {
    const response = await fetch(`${endpointUrl}?challenge=dbx-challenge-1`, { method: 'GET' });
    expect(await response.text()).toBe('dbx-challenge-1');
    const { events } = await serveApi<{ events: { id: string; name: string }[] }>(serve.info, 'listEvents', { limit: 1 });
    const id = events[0]?.id ?? '';
    expect(events[0]?.name).toBe('dropbox.verification');
    const row = page.locator(`.feed-row[data-id="${id}"]`);
    await row.locator('.marker.handshake').waitFor();
    await open(id);
    const panel = page.getByRole('region', { name: 'Registration handshake' });
    await panel.getByText('Answered as the provider documents it.').waitFor();
  });

  it('offers "Confirm subscription" for SNS and refuses a SubscribeURL on a foreign host, with the reason', async () => {
    const message = {
      Type: 'SubscriptionConfirmation',
      MessageId: 'm-1',
      Token: 'tok',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:Topic',
      Message: 'confirm <img src=x onerror=alert(1)>',
      SubscribeURL: 'https://attacker.example/confirm?x=<b>bold</b>',
      Timestamp: '2026-12-03T00:00:00.000Z',
    };
    const response = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'SubscriptionConfirmation' }, body: JSON.stringify(message) });
    const { id } = (await response.json()) as { id: string };
    await open(id);
    const panel = page.getByRole('region', { name: 'Registration handshake' });
    await panel.getByText('Waiting for your confirmation.').waitFor();
    await panel.getByRole('button', { name: 'Confirm subscription' }).click();
    await panel.getByRole('alert').getByText(/points at attacker\.example, not an AWS SNS host/).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'sns-confirm-refused.png') });
  });

  it('shows a form-encoded callback as fields, hostile names and values as text, and finds a word in it', async () => {
    const form = new URLSearchParams([
      ['MessageSid', 'SM1f0e8ae6ade43cb3c0ce4525424e404f'],
      ['MessageStatus', 'undelivered'],
      ['ErrorCode', '30003'],
      ['To', '+15558675310'],
      ['From', '+15017122661'],
      ['Body', 'Your order ships tomorrow — gracias'],
      ['<img src=x onerror="globalThis.pwned=1">', '<script>globalThis.pwned=1</script>'],
      ['Tag', 'a'],
      ['Tag', 'b'],
    ]).toString();
    const response = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    const { id } = (await response.json()) as { id: string };
    await open(id);
    await page.getByRole('tab', { name: 'Body' }).click();
    const table = page.getByRole('table', { name: 'Form fields' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(9);
    await table.getByText('<script>globalThis.pwned=1</script>', { exact: true }).waitFor();
    await table.getByText('<img src=x onerror="globalThis.pwned=1">', { exact: true }).waitFor();
    expect(await page.locator('.inspector img, .inspector script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(screenshotDir, 'form-callback.png') });
    await page.getByRole('button', { name: 'Tree' }).click();
    await page.locator('.json-tree').getByText('undelivered', { exact: false }).first().waitFor();

    await page.getByRole('searchbox', { name: 'Search' }).fill('gracias');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect.poll(() => page.locator('.feed-row').count()).toBe(1);
    expect(await page.locator('.feed-row').first().getAttribute('data-id')).toBe(id);
  });

  it('lists multipart parts, shows text parts as text and downloads a file part without rendering it', async () => {
    const boundary = 'xYzZY';
    const parts = [
      `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\nInvoice <b>overdue</b> kookaburra\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="attachment1"; filename="../../evil.html"\r\nContent-Type: text/html\r\n\r\n<script>globalThis.pwned=1</script>\r\n`,
      `--${boundary}--\r\n`,
    ];
    const response = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: parts.join('') });
    const { id } = (await response.json()) as { id: string };
    await open(id);
    await page.getByRole('tab', { name: 'Body' }).click();
    const table = page.getByRole('table', { name: 'Multipart parts' });
    await table.getByText('Invoice <b>overdue</b> kookaburra', { exact: true }).waitFor();
    expect(await page.locator('.inspector b, .inspector script').count()).toBe(0);
    const download = page.waitForEvent('download');
    await table.getByRole('button', { name: 'Download evil.html' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('evil.html');
    const saved = await file.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(saved, 'utf8')).toBe('<script>globalThis.pwned=1</script>');
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();

    await page.getByRole('searchbox', { name: 'Search' }).fill('kookaburra');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect.poll(() => page.locator('.feed-row').count()).toBe(1);
  });

  it('shows XML as a tree and indented text, and refuses to expand entities', async () => {
    const xml = '<?xml version="1.0"?><notification><status code="REFUSED">Card &amp; PIN <![CDATA[<i>x</i>]]></status><ref>platypus-77</ref></notification>';
    const ok = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
    const { id } = (await ok.json()) as { id: string };
    await open(id);
    await page.getByRole('tab', { name: 'Body' }).click();
    const tree = page.locator('.xml-tree');
    await tree.getByText('platypus-77').waitFor();
    expect(await page.locator('.inspector i').count()).toBe(0);
    await page.getByRole('button', { name: 'Pretty' }).click();
    await expect.poll(() => page.locator('pre.xml-pretty').innerText()).toContain('  <ref>platypus-77</ref>');

    const laughs = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>';
    const refused = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: laughs });
    const { id: refusedId } = (await refused.json()) as { id: string };
    await open(refusedId);
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.locator('.body-view .problem').getByText(/declares a DOCTYPE/).waitFor();
    expect(await page.locator('.body-view').innerText()).not.toContain('hahaha');

    await page.getByRole('searchbox', { name: 'Search' }).fill('platypus');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect.poll(() => page.locator('.feed-row').count()).toBe(1);
  });

  it('names a Stripe failure by its pack, says which provider claimed it and why it failed', async () => {
    const sent = await serveApi<{ eventId: string }>(serve.info, 'sendSample', { endpointId: serve.info.endpoints[0]?.id, provider: 'stripe', name: 'payment_intent.payment_failed' });
    await open(sent.eventId);
    await page.locator('[data-field="claim"] dd').getByText('Stripe: recognised by its body ($.object, $.type, $.data.object)').waitFor();
    await page.locator('[data-field="severity-reason"] dd').getByText('Your card has insufficient funds.').waitFor();
    const row = page.locator(`.feed-row[data-id="${sent.eventId}"]`);
    expect(await row.getAttribute('class')).toContain('sev-failed');
    await page.screenshot({ path: path.join(screenshotDir, 'stripe-failure.png') });
    // The provider filter and an endpoint's provider list every pack.
    const options = await page.getByRole('combobox', { name: 'Provider' }).locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['GitHub', 'Stripe', 'Shopify', 'Slack', 'Standard Webhooks / Svix']));
  });

  it('imports your own provider pack in Settings: a broken one is refused with the path, a good one listed and used', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Providers' });
    await panel.getByText('Stripe', { exact: false }).first().waitFor();
    const pack = { id: 'acme-parcels', name: 'Acme Parcels', docs: 'https://acme.example/docs', detect: { headers: ['X-Acme-Topic'] }, event: { header: 'X-Acme-Topic' }, summary: [{ text: '{{event}}' }] };
    const input = panel.getByLabel('Import a provider pack');
    await input.setInputFiles({ name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...pack, event: { fields: ['no-dollar'] } })) });
    await panel.getByRole('alert').getByText(/event\.fields\.0: must be a JSON path/).waitFor();
    await input.setInputFiles({ name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
    await panel.getByRole('status').getByText(/Imported acme\.json/).waitFor();
    await panel.locator('li[data-origin="user"]').getByText('Acme Parcels').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'settings-providers.png') });
    const response = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Acme-Topic': 'parcel.delivered' }, body: '{}' });
    const { id } = (await response.json()) as { id: string };
    expect((await serveApi<{ provider: string }>(serve.info, 'getEvent', { id })).provider).toBe('acme-parcels');
  });

  it('imports GitHub’s OpenAPI description in Settings and shows a payload’s schema issues in the inspector', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Providers' });
    const input = panel.getByLabel('Import an OpenAPI description');
    await input.setInputFiles({ name: 'notes.yaml', mimeType: 'application/yaml', buffer: Buffer.from('openapi: 3.1.0\ninfo: { title: GitHub REST, version: "1" }\npaths: {}\n') });
    await panel.getByRole('alert').getByText(/notes\.yaml describes no webhooks/).waitFor();
    await panel.getByLabel('Provider it describes').selectOption('github');
    const document = fs.readFileSync(require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'));
    await input.setInputFiles({ name: 'api.github.com.json', mimeType: 'application/json', buffer: document });
    await panel.getByRole('status').getByText(/for github: 261 webhooks/).waitFor({ timeout: 30_000 });
    await panel.locator('tr[data-provider="github"]').getByText(/OpenAPI 3\.1\.0 · 261 webhooks/).waitFor();

    const examples = JSON.parse(fs.readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as { name: string; examples: Record<string, unknown>[] }[];
    const body = structuredClone(examples.find((g) => g.name === 'check_run')?.examples.find((e) => e.action === 'completed')) as { check_run: Record<string, unknown> };
    body.check_run.status = 'exploded';
    body.check_run['<img src=x onerror=alert(1)>'] = 'drift';
    const response = await fetch(endpointUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'check_run' }, body: JSON.stringify(body) });
    const { id } = (await response.json()) as { id: string };
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events', exact: true }).click();
    await open(id);
    await page.locator('.schema-check').getByText(/Checked against “GitHub's official Webhooks OpenAPI spec \+ Octokit extension” \(imported OpenAPI\), webhook check-run-completed/).waitFor();
    const rows = page.locator('.issues tbody tr');
    await expect.poll(() => rows.allInnerTexts()).toEqual([
      '$.check_run.status\tnot a documented value\tone of "queued", "in_progress", "completed", "pending"\tstring "exploded"',
      '$.check_run["<img src=x onerror=alert(1)>"]\tundocumented field\tno such field in the documentation\tstring "drift"',
    ]);
    expect(await page.locator('.issues img').count()).toBe(0); // a key from the payload is text, never markup
    await page.locator('.issues').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'openapi-issues.png') });
  });

  it('keeps a verify token as a hint only, and answers Meta with it', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints', exact: true }).click();
    await page.getByRole('button', { name: 'Handshakes…' }).first().click();
    const form = page.getByRole('form', { name: /^Handshakes of / });
    await form.getByLabel('Verify token (Meta, Strava hub.verify_token)').fill('my-verify-token-42');
    await form.getByRole('button', { name: 'Save handshakes' }).click();
    await page.getByRole('status').getByText('Handshake settings saved').waitFor();
    expect(await page.content()).not.toContain('my-verify-token-42');

    const wrong = await fetch(`${endpointUrl}?hub.mode=subscribe&hub.challenge=77&hub.verify_token=nope`);
    expect(wrong.status).toBe(403);
    const right = await fetch(`${endpointUrl}?hub.mode=subscribe&hub.challenge=77&hub.verify_token=my-verify-token-42`);
    expect([right.status, await right.text()]).toEqual([200, '77']);

    await page.getByRole('button', { name: 'Handshakes…' }).first().click();
    await expect.poll(() => form.getByLabel('Verify token (Meta, Strava hub.verify_token)').getAttribute('placeholder')).toMatch(/^saved: my•+/);
    await form.getByLabel('Registration handshakes').selectOption('provider');
    await form.getByLabel('Provider').selectOption('strava');
    await form.getByRole('button', { name: 'Save handshakes' }).click();
    await page.getByText('Handshakes: only Strava’s.').waitFor();
    const strava = await fetch(`${endpointUrl}?hub.mode=subscribe&hub.challenge=78&hub.verify_token=my-verify-token-42`);
    expect(await strava.json()).toEqual({ 'hub.challenge': '78' });
  });
});
