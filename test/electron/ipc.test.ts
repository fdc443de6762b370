import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-mock'));

import { EventStream } from '../../main/core/api/stream';
import { createApp, type App } from '../../main/core/app';
import { channelFor, ipcMethodNames, streamChannel } from '../../main/electron/channels';
import { forwardStream, registerContract, topFrameOf } from '../../main/electron/ipc';
import { createBridge } from '../../main/electron/preload';
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
  it('IPC registers exactly one channel per contract method', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(ipcMethodNames.map(channelFor).sort());
    expect(ipcMain.handlers.size).toBe(Object.keys(app.handlers).length);
  });

  it('answers a call from our window with the real result', async () => {
    const reply = await ipcMain.invoke('hookbridge:listEndpoints', window.mainFrame, {});
    expect(reply).toEqual({ result: [expect.objectContaining({ name: 'default' })] });
  });

  it('a call from a foreign frame is refused with a sentence', async () => {
    const iframe = new FakeFrame('https://evil.example/');
    const reply = await ipcMain.invoke('hookbridge:deleteEndpoint', iframe, { id: 'x' });
    expect(reply).toEqual({
      error: { code: 'FORBIDDEN', message: "Hookbridge refused the call to deleteEndpoint: it did not come from the Hookbridge window's own page." },
    });
    expect(await ipcMain.invoke('hookbridge:getStatus', null, {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // Nothing happened: the endpoint list is as it was.
    expect(await app.api.listEndpoints()).toHaveLength(1);
  });

  it('refuses every call once the window is gone', async () => {
    const closedWindowIpc = new FakeIpcMain();
    registerContract(closedWindowIpc, app.handlers, topFrameOf(() => null));
    expect(await closedWindowIpc.invoke('hookbridge:getStatus', window.mainFrame, {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('unregistering removes every channel', () => {
    const ipc = new FakeIpcMain();
    const unregister = registerContract(ipc, app.handlers, topFrameOf(() => window));
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it("bad arguments are refused with the contract's message", async () => {
    const reply = await ipcMain.invoke('hookbridge:createEndpoint', window.mainFrame, { name: '   ' });
    expect(reply).toEqual({ error: { code: 'INVALID_INPUT', message: 'Invalid input for createEndpoint: name: Name the endpoint.' } });
  });

  it('a handler failure arrives as its code and sentence', async () => {
    const reply = await ipcMain.invoke('hookbridge:getEvent', window.mainFrame, { id: 'no-such-event' });
    expect(reply).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/\w+ \w+/) } });
  });

  it('through the preload, the renderer sees the sentence as a thrown Error and results as values', async () => {
    const renderer = new FakeIpcRenderer();
    renderer.answer = (channel, input) => ipcMain.invoke(channel, window.mainFrame, input);
    const bridge = createBridge(renderer);
    await expect(bridge.call('createEndpoint', { name: '' })).rejects.toThrow('Invalid input for createEndpoint: name: Name the endpoint.');
    const created = await bridge.call('createEndpoint', { name: 'stripe' });
    expect(created).toMatchObject({ name: 'stripe', enabled: true });
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
