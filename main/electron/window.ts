// The main window's security settings: the options it is created with, and the guards that keep its page
// from navigating away, opening windows or being granted permissions beyond copying text (ARCHITECTURE.md, trust zones).
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Hookbridge',
    // Shown once the first paint is ready, so the user never sees a blank white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  };
}

/** The few parts of WebContents the guards touch; a real WebContents fits (a test checks it). */
export interface HardenableWebContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(
      handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void) | null,
    ): void;
    setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string) => boolean) | null): void;
  };
}

/**
 * Whether `url` belongs to the app's own page. Web origins compare by origin; file: URLs have the opaque
 * origin "null", so for them `allowed` is a folder URL and the page must lie inside it.
 */
export function isOwnUrl(url: string, allowed: string): boolean {
  let target: URL;
  let own: URL;
  try {
    target = new URL(url);
    own = new URL(allowed);
  } catch {
    return false;
  }
  if (own.protocol === 'file:') {
    const folder = own.href.endsWith('/') ? own.href : `${own.href}/`;
    return target.protocol === 'file:' && target.href.startsWith(folder);
  }
  return target.origin === own.origin;
}

export function hardenWebContents(webContents: HardenableWebContents, allowedOrigin: string): void {
  webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url, allowedOrigin)) event.preventDefault();
  });
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Only writing text to the clipboard from a click (the Copy buttons) is allowed, and only to our own page:
  // Chromium asks for 'clipboard-sanitized-write' then. Reading the clipboard and everything else is refused.
  const allowed = (permission: string, url: string | undefined): boolean => permission === 'clipboard-sanitized-write' && url !== undefined && isOwnUrl(url, allowedOrigin);
  webContents.session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowed(permission, details.requestingUrl)));
  webContents.session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
}
