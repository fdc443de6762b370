// The one fake of the Electron APIs the shell uses. Each class records what was registered, exposed, invoked
// or sent, so tests read as behaviour. Use it as `vi.mock('electron', () => import('../support/electron-mock'))`.
import type { IpcMainInvokeEvent, IpcRendererEvent } from 'electron';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** A stand-in for a WebFrameMain: only its identity matters to the sender check. */
export class FakeFrame {
  constructor(readonly url: string) {}
}

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke from `senderFrame` would get back. */
  async invoke(channel: string, senderFrame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame } as unknown as IpcMainInvokeEvent;
    return listener(event, ...args);
  }
}

export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  }
}

type RendererListener = (event: IpcRendererEvent, ...args: unknown[]) => void;

export class FakeIpcRenderer {
  readonly invocations: { channel: string; args: unknown[] }[] = [];
  /** Answers invoke calls; tests replace it (e.g. with a FakeIpcMain's invoke). */
  answer: (channel: string, ...args: unknown[]) => unknown = () => ({ result: null });
  private readonly listeners = new Map<string, Set<RendererListener>>();

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.answer(channel, ...args);
  }

  on(channel: string, listener: RendererListener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  /** Delivers a message as main's webContents.send would. */
  emit(channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({} as IpcRendererEvent, ...args);
  }
}

export type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
export type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  /** What a page at `url` would be told when it asks for `permission`. */
  requestPermission(permission: string, url = 'app://hookbridge/index.html'): boolean {
    let granted: boolean | undefined;
    if (!this.permissionRequestHandler) return true; // Electron's default grants everything.
    this.permissionRequestHandler(null, permission, (answer) => (granted = answer), { requestingUrl: url });
    if (granted === undefined) throw new Error('the permission handler never answered');
    return granted;
  }
}

type NavigationListener = (event: { preventDefault(): void }, url: string) => void;

export class FakeWebContents {
  readonly mainFrame = new FakeFrame('app://hookbridge/');
  readonly session = new FakeSession();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  destroyed = false;
  private readonly listeners = new Map<string, NavigationListener[]>();

  on(event: string, listener: NavigationListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Whether a navigation of the page to `url` would go ahead. */
  navigate(url: string): boolean {
    let prevented = false;
    for (const listener of this.listeners.get('will-navigate') ?? []) listener({ preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }

  /** Whether window.open(url) would open a window (Electron allows it when no handler is set). */
  openWindow(url: string): boolean {
    return (this.windowOpenHandler?.({ url }) ?? { action: 'allow' }).action === 'allow';
  }
}

/**
 * safeStorage with a real (if toy) cipher: bytes are XORed with a key and prefixed, so what lands on disk is
 * not the plain text, and decrypting with another key fails as a changed keychain would.
 */
export class FakeSafeStorage {
  available = true;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' = 'gnome_libsecret';
  key = 0x5a;
  encryptions = 0;

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  getSelectedStorageBackend(): FakeSafeStorage['backend'] {
    return this.backend;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!this.available) throw new Error('Encryption is not available.');
    this.encryptions += 1;
    const bytes = Buffer.from(plainText, 'utf8').map((b) => b ^ this.key);
    return Buffer.concat([Buffer.from([0x76, 0x31, this.key]), bytes]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    if (encrypted[0] !== 0x76 || encrypted[1] !== 0x31 || encrypted[2] !== this.key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: Buffer.from(encrypted.subarray(3).map((b) => b ^ this.key)).toString('utf8'), shouldReEncrypt: false };
  }
}

/** The module's shape as the shell imports it; one instance per test file. */
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();
export const safeStorage = new FakeSafeStorage();
export default { ipcMain, ipcRenderer, contextBridge, safeStorage };
