// Starts a real headless Hookbridge (real ports on 127.0.0.1, a real SQLite file in a temp dir) for one test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppConfigInput } from '../../main/core/config';
import type { App, AppDeps } from '../../main/core/app';
import { startHeadless, type Headless } from '../../main/core/headless';
import type { PublicEndpoint, Status } from '../../main/core/model';

export function tempDir(prefix = 'hookbridge-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp extends Headless {
  dataDir: string;
  /** The control server's origin, e.g. http://127.0.0.1:40123 */
  controlUrl: string;
  endpoint: PublicEndpoint;
}

export async function startTestApp(overrides: Partial<AppConfigInput> = {}, dataDir = tempDir(), deps: AppDeps = {}): Promise<TestApp> {
  const headless = await startHeadless(
    { dataDir, ...overrides, ingress: { port: 0, ...overrides.ingress } },
    { port: 0, rendererDir: path.resolve('dist/renderer') },
    deps,
  );
  const [endpoint] = await headless.app.api.listEndpoints();
  if (!endpoint) throw new Error('the first run should create the default endpoint');
  return { ...headless, dataDir, controlUrl: `http://127.0.0.1:${headless.control.port}`, endpoint };
}

/** Calls the control API over real HTTP with the Bearer token. */
export async function callApi(app: TestApp, method: string, input: unknown = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${app.controlUrl}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * Waits until `check` holds, polling. The bound is generous on purpose: it only ends a test whose condition never
 * comes true (a real failure), never one that is merely slow on a busy machine.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what = 'the condition', ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Resolves once the app's tunnel is in `state`: at once if it already is, else when a status.changed says so.
 * Waits for the event itself, not for a poll to notice it.
 */
export function tunnelReaches(app: App, state: Status['tunnel']['state']): Promise<void> {
  return new Promise((resolve) => {
    if (app.status().tunnel.state === state) return resolve();
    const unsubscribe = app.bus.subscribe((message) => {
      if (message.type !== 'status.changed' || message.data.tunnel.state !== state) return;
      unsubscribe();
      resolve();
    });
  });
}
