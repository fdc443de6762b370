import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { WebContents } from 'electron';

vi.mock('electron', () => import('../support/electron-mock'));

import { hardenWebContents, isOwnUrl, windowOptions, type HardenableWebContents } from '../../main/electron/window';
import { FakeWebContents } from '../support/electron-mock';

describe('the main window', () => {
  it('window options keep context isolation and sandbox on', () => {
    const options = windowOptions('/app/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(options.width).toBeGreaterThanOrEqual(1000);
    expect(options.minWidth).toBeLessThanOrEqual(options.width ?? 0);
  });

  it('navigation to another origin and new windows are denied; permission requests are denied', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents, 'http://127.0.0.1:5173');

    expect(contents.navigate('http://127.0.0.1:5173/#/events')).toBe(true);
    expect(contents.navigate('https://evil.example/')).toBe(false);
    expect(contents.navigate('http://127.0.0.1:8787/h/token')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);

    expect(contents.openWindow('https://ngrok.com/')).toBe(false);
    expect(contents.openWindow('http://127.0.0.1:5173/')).toBe(false);

    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(contents.session.requestPermission(permission)).toBe(false);
    }
    expect(contents.session.permissionCheckHandler?.(null, 'notifications', 'http://127.0.0.1:5173')).toBe(false);
  });

  it('only our own page may write text to the clipboard (the Copy buttons); nobody may read it', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents, 'app://hookbridge');
    expect(contents.session.requestPermission('clipboard-sanitized-write', 'app://hookbridge/index.html?view=endpoints')).toBe(true);
    expect(contents.session.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'app://hookbridge')).toBe(true);
    expect(contents.session.requestPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(contents.session.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(contents.session.requestPermission('clipboard-read', 'app://hookbridge/index.html')).toBe(false);
  });

  it('a packaged page loaded from a file may move only inside its own folder', () => {
    expect(isOwnUrl('file:///opt/Hookbridge/resources/app.asar/renderer/index.html#/x', 'file:///opt/Hookbridge/resources/app.asar/renderer/')).toBe(true);
    expect(isOwnUrl('file:///home/me/.ssh/id_ed25519', 'file:///opt/Hookbridge/resources/app.asar/renderer/')).toBe(false);
    expect(isOwnUrl('not a url', 'http://127.0.0.1:5173')).toBe(false);
  });

  it("accepts Electron's real WebContents", () => {
    expectTypeOf<WebContents>().toExtend<HardenableWebContents>();
  });
});
