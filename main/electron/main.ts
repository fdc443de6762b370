// Entry of the desktop app: single instance, the core on Electron's userData folder, the window (created on
// demand, hidden on close), the tray, native notifications of the core's alerts, and the IPC transport of the API.
// Everything with logic lives in the tested modules beside this one; this file only wires Electron to them.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, net, Notification, protocol, safeStorage, Tray, type MenuItemConstructorOptions } from 'electron';
import { EventStream } from '../core/api/stream';
import { viewQuery } from '../core/api/view-url';
import { createApp, type App } from '../core/app';
import { attachControl, type ControlAttachment } from '../core/headless';
import { contentSecurityPolicy, resolveRendererFile } from '../core/renderer-files';
import { trayIconFile, trayIconPng } from './icons';
import { forwardStream, registerContract, topFrameOf } from './ipc';
import { alertRoute, showAlerts } from './notifications';
import { openSecretStore } from './secret-store';
import { trayIconName, trayMenuModel, trayState, trayTooltip, type PauseChoice, type TrayIconName, type TrayItemId, type TrayMenuItem, type TrayState } from './tray-menu';
import { hardenWebContents, windowOptions } from './window';

const appId = 'dev.hookbridge.app';
const scheme = 'app';
const origin = `${scheme}://hookbridge`;
/** dist/electron/main.cjs → dist/renderer and dist/electron/preload.cjs */
const rendererDir = path.join(__dirname, '..', 'renderer');
// Built beside dist/cli.js; inside the asar in a packaged app (worker threads load from it since Electron 17.3).
const storeWriter = path.join(__dirname, '..', 'store-writer.cjs');
const checkpointWorker = path.join(__dirname, '..', 'checkpoint-worker.cjs');
const schemaWorker = path.join(__dirname, '..', 'schema-worker.cjs');
const preloadPath = path.join(__dirname, 'preload.cjs');


// The renderer is served from our own privileged scheme (not file://), with the same strict CSP as headless.
protocol.registerSchemesAsPrivileged([{ scheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let core: App | null = null;
/** The loopback control API (as headless mode's) and its runtime file: how the CLI and coding agents reach this app. */
let control: ControlAttachment | null = null;
let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let lastWebhookAt = 0;

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
  return trayState({ status: core?.status() ?? null, lastWebhookAt, now: Date.now() });
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
  // The core's alert policy is paused, so the browser UI and the terminal go quiet too; its alerts.changed redraws the tray.
  const pauseFor = (choice: PauseChoice): void => void core?.api.pauseAlerts({ for: choice });
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
      void core?.api.markSeen({ all: true });
      showWindow(viewQuery({ filter: { severity: ['failed'] } }));
      break;
    case 'pause-15m':
      pauseFor('15m');
      break;
    case 'pause-1h':
      pauseFor('1h');
      break;
    case 'pause-until-resumed':
      pauseFor('until-resumed');
      break;
    case 'resume':
      void core?.api.resumeAlerts();
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

// Electron's Notification, as the one thing the shell does with an alert. Unsupported (some Linux desktops):
// nothing is shown; the tray's count still follows.
const notificationHost = {
  isSupported: () => Notification.isSupported(),
  create: (options: { title: string; body: string }) => new Notification(options),
};

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
  core = createApp({ dataDir: userData, tunnel: { authtoken: process.env.NGROK_AUTHTOKEN } }, { secrets, desktop, exportFolder, storeWriter, checkpointWorker, schemaWorker });
  try {
    await core.start();
  } catch (error) {
    dialog.showErrorBox('Hookbridge cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  const started = core;
  try {
    // Port 0: any free one; the runtime file in the data folder says which, with the token.
    control = await attachControl(started, { port: 0, rendererDir }, { runtimeOwner: 'desktop' });
  } catch (error) {
    // The window still works: only the CLI and agents cannot attach.
    console.error('hookbridge: the control API for the CLI and agents did not start:', error instanceof Error ? error.message : String(error));
  }
  registerContract(ipcMain, started.handlers, topFrameOf(() => (window && !window.isDestroyed() ? window.webContents : null)));
  // The core's policy decided each alert; the shell shows it, and a click opens what it is about.
  showAlerts(started.bus, notificationHost, (alert) => {
    if (alert.target.kind === 'event') void started.api.markSeen({ ids: [alert.target.id] });
    showWindow(alertRoute(alert.target));
  });
  started.bus.subscribe((message) => {
    if (message.type === 'event.created') lastWebhookAt = Date.now();
    // New events, the policy's pause or count, the tunnel: the tray redraws.
    if (message.type === 'event.created' || message.type === 'alerts.changed' || message.type === 'status.changed') updateTray();
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
    const attached = control;
    core = null;
    control = null;
    void (async () => {
      await attached?.close().catch(() => undefined);
      await stopping.stop();
    })().finally(() => app.exit(0));
  });
  void app.whenReady().then(start);
}
