import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-mock'));

import { EventStream } from '../../main/core/api/stream';
import { createApp, type App } from '../../main/core/app';
import { contract } from '../../main/core/api/contract';
import { callChannel, streamChannel } from '../../main/electron/channels';
import { forwardStream, registerContract, topFrameOf } from '../../main/electron/ipc';
import { createBridge } from '../../main/electron/preload';
import { ApiError, apiOver, unwrapReply } from '../../renderer/src/client/client';
import { FakeFrame, FakeIpcMain, FakeIpcRenderer, FakeWebContents } from '../support/electron-mock';
import { tempDir } from '../support/app';

let app: App;
let ipcMain: FakeIpcMain;
let window: FakeWebContents;

beforeEach(async () => {
  app = createApp({ dataDir: tempDir(), ingress: { port: 0 } });
  await app.start();
  ipcMain = new FakeIpcMain();
  window = new FakeWebContents();
  registerContract(ipcMain, app.handlers, topFrameOf(() => window));
});

afterEach(async () => {
  await app.stop();
});

describe('the IPC adapter of the contract', () => {
  it('registers one channel, on which every contract method reaches its own validation', async () => {
    expect([...ipcMain.handlers.keys()]).toEqual([callChannel]);
    // Every schema is strict: an unknown field is refused by that method's validation, so the name was known.
    for (const method of Object.keys(contract)) {
      const reply = await ipcMain.invoke(callChannel, window.mainFrame, method, { notAField: 1 });
      expect(reply, method).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining(`Invalid input for ${method}:`) } });
    }
  });

  it('refuses a method the contract does not have, naming the ones it has, before any handler runs', async () => {
    for (const method of ['openDevTools', '__proto__', 'constructor', 'toString', 42]) {
      const reply = await ipcMain.invoke(callChannel, window.mainFrame, method, {});
      expect(reply, String(method)).toEqual({
        error: { code: 'NOT_FOUND', message: `There is no API method "${String(method)}". Known methods: ${Object.keys(contract).join(', ')}.` },
      });
    }
    expect(await app.api.listEndpoints()).toHaveLength(1);
  });

  it('answers a call from our window with the real result', async () => {
    const reply = await ipcMain.invoke(callChannel, window.mainFrame, 'listEndpoints', {});
    expect(reply).toEqual({ result: [expect.objectContaining({ name: 'default' })] });
  });

  it('a call from a foreign frame is refused with a sentence', async () => {
    const iframe = new FakeFrame('https://evil.example/');
    const reply = await ipcMain.invoke(callChannel, iframe, 'deleteEndpoint', { id: 'x' });
    expect(reply).toEqual({
      error: { code: 'FORBIDDEN', message: "Hookbridge refused the call to deleteEndpoint: it did not come from the Hookbridge window's own page." },
    });
    expect(await ipcMain.invoke(callChannel, null, 'getStatus', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // Nothing happened: the endpoint list is as it was.
    expect(await app.api.listEndpoints()).toHaveLength(1);
  });

  it('refuses every call once the window is gone', async () => {
    const closedWindowIpc = new FakeIpcMain();
    registerContract(closedWindowIpc, app.handlers, topFrameOf(() => null));
    expect(await closedWindowIpc.invoke(callChannel, window.mainFrame, 'getStatus', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('unregistering removes the channel', () => {
    const ipc = new FakeIpcMain();
    const unregister = registerContract(ipc, app.handlers, topFrameOf(() => window));
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it("bad arguments are refused with the contract's message", async () => {
    const reply = await ipcMain.invoke(callChannel, window.mainFrame, 'createEndpoint', { name: '   ' });
    expect(reply).toEqual({
      error: { code: 'INVALID_INPUT', message: 'Invalid input for createEndpoint: name: Name the endpoint.', fields: [{ path: 'name', message: 'Name the endpoint.' }] },
    });
  });

  it('a handler failure arrives as its code and sentence', async () => {
    const reply = await ipcMain.invoke(callChannel, window.mainFrame, 'getEvent', { id: 'no-such-event' });
    expect(reply).toEqual({ error: { code: 'NOT_FOUND', message: 'There is no event with id no-such-event. It may have been deleted or pruned.' } });
  });

  it('through the preload, the renderer’s client throws the sentence with its code and fields, and returns results as values', async () => {
    const renderer = new FakeIpcRenderer();
    renderer.answer = (channel, ...args) => ipcMain.invoke(channel, window.mainFrame, ...args);
    const bridge = createBridge(renderer);
    // What the page's client does with window.hookbridge (renderer/src/client/index.ts).
    const api = apiOver(async (method, input) => unwrapReply(await bridge.call(method, input)));
    const refused = api.createEndpoint({ name: '' });
    await expect(refused).rejects.toThrow('Invalid input for createEndpoint: name: Name the endpoint.');
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'name', message: 'Name the endpoint.' }] });
    const created = await api.createEndpoint({ name: 'stripe' });
    expect(created).toMatchObject({ name: 'stripe', enabled: true });
    const unknown = (api as unknown as Record<string, (input: unknown) => Promise<unknown>>).openDevTools?.({});
    await expect(unknown).rejects.toThrow(/^There is no API method "openDevTools"\. Known methods: getStatus, /);
    await expect(unknown).rejects.toMatchObject({ code: 'NOT_FOUND', fields: [] });
  });

  it('forwards stream messages to the window on one channel, and stops when unsubscribed', async () => {
    const stream = new EventStream(app.bus);
    const stop = forwardStream(stream, window);
    const created = await app.api.createEndpoint({ name: 'soyio' });
    expect(window.sent).toEqual([{ channel: streamChannel, args: [{ type: 'endpoint.changed', data: { endpoint: created } }] }]);
    stop();
    await app.api.createEndpoint({ name: 'another' });
    expect(window.sent).toHaveLength(1);
    stream.close();
  });

  it('sends nothing to a destroyed window', async () => {
    const stream = new EventStream(app.bus);
    forwardStream(stream, window);
    window.destroyed = true;
    await app.api.createEndpoint({ name: 'late' });
    expect(window.sent).toEqual([]);
    stream.close();
  });
});
