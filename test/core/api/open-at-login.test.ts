// Open at login: a desktop-app setting reached through the one API, with the host's login items behind it.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopHost } from '../../../main/core/app';
import { startHeadless, type Headless } from '../../../main/core/headless';
import { tempDir } from '../../support/app';

let running: Headless | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function start(desktop?: DesktopHost): Promise<Headless> {
  running = await startHeadless({ dataDir: tempDir(), ingress: { port: 0 } }, { port: 0, rendererDir: path.resolve('dist/renderer') }, desktop ? { desktop } : {});
  return running;
}

async function call(headless: Headless, method: string, body: unknown = {}): Promise<{ status: number; body: { desktop?: unknown; error?: { code: string; message: string } } & Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${headless.control.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${headless.token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** Login items as macOS and Windows keep them: a flag the OS remembers. */
function loginItems(initial: boolean): DesktopHost & { calls: boolean[] } {
  let on = initial;
  const calls: boolean[] = [];
  return { calls, note: null, openAtLogin: () => on, setOpenAtLogin: (enabled) => void calls.push((on = enabled)) };
}

describe('open at login', () => {
  it('the desktop app reports the login item and turns it on and off through the API', async () => {
    const host = loginItems(false);
    const headless = await start(host);
    expect((await call(headless, 'getStatus')).body.desktop).toEqual({ openAtLogin: false, note: null });
    expect((await call(headless, 'setOpenAtLogin', { enabled: true })).body).toEqual({ openAtLogin: true, note: null });
    expect(host.calls).toEqual([true]);
    expect((await call(headless, 'getStatus')).body.desktop).toEqual({ openAtLogin: true, note: null });
    await call(headless, 'setOpenAtLogin', { enabled: false });
    expect(host.calls).toEqual([true, false]);
  });

  it('where the platform has no login items (Linux), it says what to do instead and changes nothing', async () => {
    const host: DesktopHost = { note: "On Linux, add Hookbridge to your desktop's Startup Applications to open it at login.", openAtLogin: () => null, setOpenAtLogin: () => { throw new Error('must not be called'); } };
    const headless = await start(host);
    const refused = await call(headless, 'setOpenAtLogin', { enabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'UNSUPPORTED', message: expect.stringContaining('Startup Applications') });
  });

  it('headless mode has no such setting: status says null, and the call is refused with a sentence', async () => {
    const headless = await start();
    expect((await call(headless, 'getStatus')).body.desktop).toBeNull();
    const refused = await call(headless, 'setOpenAtLogin', { enabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toBe('Open at login is a setting of the desktop app; headless mode (hookbridge serve) never starts by itself.');
  });
});
