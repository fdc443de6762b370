// A corpus of script-injection payloads in every place a webhook can carry text — JSON values and keys, raw
// text bodies, header values, the sub-path, the query — and in names the user types (endpoint and rule names).
// Chromium renders every view of every one of them as text: no dialog, no script run, no element injected.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { launchChromium, screenshotDir, shutDown } from '../support/browser';
import { startServe, type ServeProcess } from '../support/serve';

/** Classic payloads (OWASP's filter-evasion cheat sheet and friends); each sets window.__pwned if it ever runs. */
const corpus = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror=window.__pwned=2>',
  '<svg onload=window.__pwned=3>',
  '<svg><script>window.__pwned=4</script></svg>',
  '<iframe src="javascript:window.parent.__pwned=5"></iframe>',
  '<body onload=window.__pwned=6>',
  '<input autofocus onfocus=window.__pwned=7>',
  '<details open ontoggle=window.__pwned=8>',
  '<video><source onerror=window.__pwned=9></video>',
  '<audio src=x onerror=window.__pwned=10>',
  '<a href="javascript:window.__pwned=11">click</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=12>',
  '"><script>window.__pwned=13</script>',
  "'><img src=x onerror=window.__pwned=14>",
  '</textarea><script>window.__pwned=15</script>',
  '</title><script>window.__pwned=16</script>',
  '<scr<script>ipt>window.__pwned=17</scr</script>ipt>',
  '<SCRIPT SRC=//example.invalid/x.js></SCRIPT>',
  '<img """><script>window.__pwned=18</script>">',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<object data="javascript:window.__pwned=19">',
  '<embed src="javascript:window.__pwned=20">',
  '<form><button formaction=javascript:window.__pwned=21>x</button></form>',
  '<isindex type=image src=1 onerror=window.__pwned=22>',
  '<marquee onstart=window.__pwned=23>',
  '<div style="background:url(javascript:window.__pwned=24)">',
  '<style>@import "javascript:window.__pwned=25";</style>',
  '<link rel=import href="data:text/html,<script>parent.__pwned=26</script>">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=27">',
  '<base href="javascript:window.__pwned=28//">',
  '<template><script>window.__pwned=29</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=30>">',
  '<x contenteditable onblur=window.__pwned=31>lose focus</x>',
  '{{constructor.constructor("window.__pwned=32")()}}',
  '${window.__pwned=33}',
  '`-alert(34)-`',
  'javascript:window.__pwned=35',
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0zNjwvc2NyaXB0Pg==',
  '&lt;script&gt;window.__pwned=37&lt;/script&gt;',
  '&#60;script&#62;window.__pwned=38&#60;/script&#62;',
  '\\u003cscript\\u003ewindow.__pwned=39\\u003c/script\\u003e',
  '<img src=x onerror=&#119;indow.__pwned=40>',
  '<svg><animate onbegin=window.__pwned=41 attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:window.__pwned=42"><text x=20 y=20>x</text></a></svg>',
  '<table background="javascript:window.__pwned=43">',
  '<select autofocus onfocus=window.__pwned=44>',
  '<keygen autofocus onfocus=window.__pwned=45>',
  '<textarea autofocus onfocus=window.__pwned=46>',
  '<img srcset=",,,,,x" onerror=window.__pwned=47>',
  '<picture><source srcset=x><img onerror=window.__pwned=48></picture>',
  'invoice\u202Egnp.exe',
  '\u0000\u0007\u001b[31mterminal escape',
  '<!--<img src="--><img src=x onerror=window.__pwned=49//">',
  '<style/onload=window.__pwned=50>',
];

let chromium: { browser: Browser; close(): Promise<void> };
let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServe(['--data-dir', tempDir()]);
  chromium = await launchChromium();
});

afterAll(() => shutDown(chromium, serve));

async function api(method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${new URL(serve.info.ui).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` },
    body: JSON.stringify(input),
  });
  return response.json();
}

/**
 * A page on the UI that is watched from before its first script runs: __pwned starts at 0 before any of the
 * page's code (a payload that ran during the first render is counted, never reset away), and every dialog is
 * recorded from the first navigation on.
 */
async function watchedUi(): Promise<{ page: Page; dialogs: string[] }> {
  const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    (globalThis as unknown as { __pwned: number }).__pwned = 0;
  });
  await page.goto(serve.info.ui);
  await page.waitForSelector('.toolbar');
  return { page, dialogs };
}

const pwned = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as { __pwned: number }).__pwned);
// Elements a payload could bring; the UI's own (the activity chart's SVG, a delivery's details) are not payloads.
const injectedSelector = 'main img, main svg:not(.activity-chart, .activity-chart *), main script, main iframe, main object, main embed, main video, main audio, main marquee, main details:not(.delivery details), main template, main style';
const injected = (page: Page): Promise<number> => page.locator(injectedSelector).count();

describe(`${corpus.length} injection payloads`, () => {
  it('render as text everywhere a webhook puts them, in every inspector tab', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const url = serve.info.endpoints[0]?.url ?? '';
    // One event per payload: in a JSON value and key, and in a header; every fifth also in the path and query.
    for (const [i, payload] of corpus.entries()) {
      // Header values cannot carry control characters: those become spaces.
      const printable = [...payload].map((c) => (c.charCodeAt(0) < 0x20 ? ' ' : c)).join('');
      const latin1 = Buffer.from(printable, 'utf8').toString('latin1');
      const sub = i % 5 === 0 ? `/${encodeURIComponent(payload)}?q=${encodeURIComponent(payload)}` : '';
      const response = await fetch(`${url}${sub}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Payload': latin1 }, body: JSON.stringify({ name: payload, [payload]: payload, nested: [payload] }) });
      expect(response.status).toBe(200);
    }
    // And raw, not JSON.
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/html' }, body: corpus.join('\n') });

    const { page, dialogs } = await watchedUi();
    await expect.poll(() => page.locator('.feed-row').count()).toBeGreaterThan(10);
    const rows = page.locator('.feed-row');
    const count = Math.min(await rows.count(), 20);
    for (let i = 0; i < count; i++) {
      await rows.nth(i).click();
      for (const tab of ['Overview', 'Body', 'Headers', 'Request', 'Response', 'Replay']) {
        await page.getByRole('tab', { name: tab }).click();
      }
      await page.getByRole('tab', { name: 'Body' }).click();
      const raw = page.getByRole('button', { name: 'Raw' });
      if (await raw.count()) await raw.click();
    }
    await page.screenshot({ path: path.join(screenshotDir, 'xss-corpus.png') });
    expect(await pwned(page)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await page.locator(injectedSelector).evaluateAll((els) => els.map((e) => (e as unknown as { outerHTML: string }).outerHTML.slice(0, 120)))).toEqual([]);
  });

  it('render as text in names the user types: endpoints and response rules', async () => {
    for (const payload of corpus.slice(0, 12)) {
      const created = (await api('createEndpoint', { name: payload.slice(0, 100) || 'x' })) as { id: string };
      await api('updateEndpoint', { id: created.id, rules: [{ name: payload.slice(0, 100), action: { kind: 'respond', status: 200 } }] });
    }
    const { page, dialogs } = await watchedUi();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints', exact: true }).click();
    await expect.poll(() => page.locator('li.endpoint').count()).toBeGreaterThan(12);
    const editors = page.getByRole('button', { name: 'Edit rules…' });
    for (let i = 0; i < 4; i++) await editors.nth(i + 1).click();
    expect(await page.locator('li.endpoint h3').allTextContents()).toContain(corpus[0]);
    expect(await pwned(page)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await injected(page)).toBe(0);
  });
});
