// Debian's Chromium driven by playwright-core, with the flags this machine needs (no sandbox as root, no
// background networking: the network is closed) and a fresh profile per launch.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const screenshotDir = path.resolve('test-results/screenshots');

export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium is not at ${executablePath}: install it with apt-get install -y chromium (.ci/run does), or set CHROMIUM_PATH.`);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
    // playwright-core starts Chromium with a fresh temporary profile of its own on every launch.
  });
  fs.mkdirSync(screenshotDir, { recursive: true });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A new page at 1280×720 (unless told otherwise) on the UI, once its toolbar is there. */
export async function openUi(browser: Browser, ui: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(ui);
  await page.waitForSelector('.toolbar');
  return page;
}

/** Closes the browser and stops `hookbridge serve`, whichever of them started. */
export async function shutDown(chromium: { close(): Promise<void> } | undefined, serve: { child: { kill(signal: NodeJS.Signals): boolean }; exited: Promise<unknown> } | undefined): Promise<void> {
  await chromium?.close();
  serve?.child.kill('SIGTERM');
  await serve?.exited;
}
