// Entry of the desktop app: single instance, the core on Electron's userData folder, the window (created on
// demand, hidden on close), the tray, notifications from the alert policy, and the IPC transport of the API.
// Everything with logic lives in the tested modules beside this one; this file only wires Electron to them.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, net, Notification, protocol, safeStorage, Tray, type MenuItemConstructorOptions } from 'electron';
import { AlertPolicy, type AlertNotification } from '../core/alerts/policy';
import { EventStream } from '../core/api/stream';
import { viewQuery } from '../core/api/view-url';
import { createApp, type App } from '../core/app';
import { contentSecurityPolicy, resolveRendererFile } from '../core/renderer-files';
import { trayIconFile, trayIconPng } from './icons';
import { forwardStream, registerContract, topFrameOf } from './ipc';
import { openSecretStore } from './secret-store';
import { trayIconName, trayMenuModel, trayState, trayTooltip, type PauseChoice, type TrayIconName, type TrayItemId, type TrayMenuItem, type TrayState } from './tray-menu';
import { hardenWebContents, windowOptions } from './window';

const appId = 'dev.hookbridge.app';
const scheme = 'app';
const origin = `${scheme}://hookbridge`;
/** dist/electron/main.cjs → dist/renderer and dist/electron/preload.cjs */
const rendererDir = path.join(__dirname, '..', 'renderer');
// Built beside dist/cli.js; inside the asar in a packaged app (worker threads load from it since Electron 17.3).
const checkpointWorker = path.join(__dirname, '..', 'checkpoint-worker.cjs');
const preloadPath = path.join(__dirname, 'preload.cjs');


// The renderer is served from our own privileged scheme (not file://), with the same strict CSP as headless.
protocol.registerSchemesAsPrivileged([{ scheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let core: App | null = null;
let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let lastWebhookAt = 0;
/** The pause last picked in the tray, for its check mark; whether notifications are paused is the policy's to say. */
let pickedPause: PauseChoice | null = null;

function showWindow(route?: string): void {
  if (!window || window.isDestroyed()) {
    window = new BrowserWindow(windowOptions(preloadPath));
    hardenWebContents(window.webContents, origin);
    const stream = core ? new EventStream(core.bus) : null;
    const stopForwarding = stream ? forwardStream(stream, window.webContents) : () => undefined;
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault(); // stay in the tray
      window?.hide();
    });
    window.on('closed', () => {
      stopForwarding();
      stream?.close();
      window = null;
    });
    window.once('ready-to-show', () => window?.show());
  }
  void window.loadURL(`${origin}/index.html${route ?? ''}`);
  window.show();
  window.focus();
}

function currentTrayState(): TrayState {
  return trayState({ status: core?.status() ?? null, alerts, pickedPause, lastWebhookAt, now: Date.now() });
}

function toMenu(items: TrayMenuItem[]): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu') return { label: item.label, enabled: item.enabled, submenu: toMenu(item.submenu) };
    return { type: item.type === 'checkbox' ? 'checkbox' : 'normal', label: item.label, enabled: item.enabled, checked: item.type === 'checkbox' ? item.checked : undefined, click: () => onTrayItem(item.id) };
  });
}

/** build/tray (written by npm run build), shipped as resources/tray by electron-builder. */
const trayDir = (): string => (app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(app.getAppPath(), 'build', 'tray'));

function trayImage(name: TrayIconName): Electron.NativeImage {
  const template = process.platform === 'darwin' && name === 'idle';
  let image = nativeImage.createFromPath(path.join(trayDir(), trayIconFile(name, process.platform)));
  // Drawn in memory when the file is missing (a build without icons): the tray must never be blank.
  if (image.isEmpty()) image = nativeImage.createFromBuffer(trayIconPng(name, 32, template), { scaleFactor: 2 });
  if (process.platform === 'darwin') image.setTemplateImage(template);
  return image;
}

function updateTray(): void {
  if (!tray) return;
  const state = currentTrayState();
  tray.setImage(trayImage(trayIconName(state)));
  tray.setToolTip(trayTooltip(state));
  // Linux ignores clicks on a tray without a menu: one is always set.
  tray.setContextMenu(Menu.buildFromTemplate(toMenu(trayMenuModel(state))));
}

function onTrayItem(id: TrayItemId): void {
  const pauseFor = (choice: PauseChoice, ms: number | null): void => {
    pickedPause = choice;
    alerts.pause(ms === null ? null : Date.now() + ms);
  };
  switch (id) {
    case 'copy-url': {
      const url = core?.status().publicUrl;
      if (url) clipboard.writeText(url);
      break;
    }
    case 'open':
      showWindow();
      break;
    case 'open-failures':
      alerts.markAllSeen();
      showWindow(viewQuery({ filter: { severity: ['failed'] } }));
      break;
    case 'pause-15m':
      pauseFor('15m', 15 * 60_000);
      break;
    case 'pause-1h':
      pauseFor('1h', 60 * 60_000);
      break;
    case 'pause-until-resumed':
      pauseFor('until-resumed', null);
      break;
    case 'resume':
      pickedPause = null;
      alerts.resume();
      break;
    case 'start-tunnel':
      void core?.api.startTunnel();
      break;
    case 'stop-tunnel':
      void core?.api.stopTunnel();
      break;
    case 'quit':
      app.quit();
      break;
  }
  updateTray();
}

function showNotification(notification: AlertNotification): void {
  // Unsupported (some Linux desktops): the tray state and count still update.
  if (!Notification.isSupported()) return;
  const shown = new Notification({ title: notification.title, body: notification.body });
  shown.on('click', () => {
    const target = notification.target;
    if (target.kind === 'event') {
      alerts.onSeen(target.id);
      showWindow(viewQuery({ selected: target.id }));
    } else if (target.kind === 'feed') {
      showWindow(viewQuery({ filter: target.filter }));
    } else {
      showWindow();
    }
    updateTray();
  });
  shown.show();
}

const alerts = new AlertPolicy<NodeJS.Timeout>({
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle),
  show: showNotification,
  // A 15 min or 1 h pause ends by itself: the tray says so at once.
  onResumed: () => updateTray(),
});

async function serveRenderer(request: Request): Promise<Response> {
  const found = resolveRendererFile(rendererDir, new URL(request.url).pathname);
  if (found.kind !== 'file') return new Response('Not found', { status: found.kind === 'bad-path' ? 400 : 404 });
  const response = await net.fetch(pathToFileURL(found.file).href);
  return new Response(response.body, { headers: { 'Content-Type': found.contentType, 'Content-Security-Policy': contentSecurityPolicy } });
}

async function start(): Promise<void> {
  app.setAppUserModelId(appId);
  protocol.handle(scheme, serveRenderer);
  const userData = app.getPath('userData');
  // NGROK_AUTHTOKEN still works for the app; a token entered in Settings is kept encrypted by the keychain.
  const secrets = await openSecretStore(safeStorage, userData);
  // Login items exist on macOS and Windows; Linux desktops keep their own list of startup applications.
  const loginItems = process.platform === 'darwin' || process.platform === 'win32';
  const desktop = {
    openAtLogin: () => (loginItems ? app.getLoginItemSettings().openAtLogin : null),
    setOpenAtLogin: (enabled: boolean) => app.setLoginItemSettings({ openAtLogin: enabled }),
    note: loginItems ? null : "On Linux, add Hookbridge to your desktop's Startup Applications to open it at login.",
  };
  // Exports go where the person picks, in main: the page sends a filter or ids, never a path.
  const exportFolder = {
    chooseFolder: async (suggestedName: string): Promise<string | null> => {
      const options = { title: 'Export fixtures', message: `Hookbridge creates the folder ${suggestedName} in the folder you choose.`, buttonLabel: 'Export here', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const picked = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
  };
  core = createApp({ dataDir: userData, tunnel: { authtoken: process.env.NGROK_AUTHTOKEN } }, { secrets, desktop, exportFolder, checkpointWorker });
  try {
    await core.start();
  } catch (error) {
    dialog.showErrorBox('Hookbridge cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  const started = core;
  registerContract(ipcMain, started.handlers, topFrameOf(() => (window && !window.isDestroyed() ? window.webContents : null)));
  // Endpoint names for notification text and each endpoint's "notify" switch, kept in step with the store.
  const endpointNames = new Map<string, string>();
  const syncEndpoints = (): void => {
    endpointNames.clear();
    for (const endpoint of started.store.endpoints.list()) {
      endpointNames.set(endpoint.id, endpoint.name);
      if (endpoint.notify) alerts.unmute(endpoint.id);
      else alerts.mute(endpoint.id);
    }
  };
  syncEndpoints();
  started.bus.subscribe((message) => {
    switch (message.type) {
      case 'event.created':
        lastWebhookAt = Date.now();
        alerts.onEvent(message.data, endpointNames.get(message.data.endpointId) ?? 'an endpoint');
        break;
      case 'endpoint.changed':
        syncEndpoints();
        break;
      case 'events.seen':
        if ('all' in message.data) alerts.markAllSeen();
        else for (const id of message.data.ids) alerts.onSeen(id);
        break;
      case 'status.changed':
        if (message.data.store.lastError) alerts.onStoreFailure(message.data.store.lastError);
        break;
      case 'delivery.created':
      case 'export.progress':
        break;
    }
    updateTray();
  });
  tray = new Tray(trayImage('idle'));
  tray.on('click', () => showWindow());
  updateTray();
  setInterval(updateTray, 5_000).unref(); // the "receiving" state fades
}

if (!app.requestSingleInstanceLock()) {
  app.quit(); // the first instance shows its window (second-instance below)
} else {
  app.on('second-instance', () => showWindow());
  app.on('window-all-closed', () => {
    // Stay in the tray.
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const stopping = core;
    core = null;
    alerts.dispose();
    void stopping.stop().finally(() => app.exit(0));
  });
  void app.whenReady().then(start);
}
