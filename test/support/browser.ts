// Debian's Chromium driven by playwright-core, with the flags this machine needs (no sandbox as root, no
// background networking: the network is closed) and a fresh profile per launch.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
