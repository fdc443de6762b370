import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { IpcRenderer } from 'electron';
import { build } from 'esbuild';

vi.mock('electron', () => import('../support/electron-mock'));

import { contract } from '../../main/core/api/contract';
import { callChannel, streamChannel } from '../../main/electron/channels';
import type { HookbridgeBridge, RendererIpc } from '../../main/electron/preload';
import { contextBridge, ipcRenderer } from '../support/electron-mock';

// Loading the preload is what exposes the bridge, as in the real window.
await import('../../main/electron/preload');
const bridge = contextBridge.exposed.get('hookbridge') as HookbridgeBridge;

beforeEach(() => {
  ipcRenderer.invocations.length = 0;
  ipcRenderer.answer = () => ({ result: null });
});

describe('the preload', () => {
  it('exposes only call and onMessage, and sends every call to main on the one call channel with its method name', async () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['hookbridge']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onMessage']);

    for (const method of Object.keys(contract)) await bridge.call(method, {});
    expect(ipcRenderer.invocations).toEqual(Object.keys(contract).map((method) => ({ channel: callChannel, args: [method, {}] })));
  });

  it('passes the input through and returns main’s reply as a value', async () => {
    ipcRenderer.answer = () => ({ result: { events: 3, failed: 1 } });
    await expect(bridge.call('countEvents', { filter: {} })).resolves.toEqual({ result: { events: 3, failed: 1 } });
    expect(ipcRenderer.invocations).toEqual([{ channel: callChannel, args: ['countEvents', { filter: {} }] }]);
  });

  it('passes an error reply through as a value, so its code and fields survive the context bridge', async () => {
    const error = { code: 'INVALID_INPUT', message: 'Invalid input for getEvent: id: Required.', fields: [{ path: 'id', message: 'Required.' }] };
    ipcRenderer.answer = () => ({ error });
    await expect(bridge.call('getEvent', {})).resolves.toEqual({ error });
  });

  it('delivers stream messages to a listener until it unsubscribes', () => {
    const received: unknown[] = [];
    const unsubscribe = bridge.onMessage((message) => received.push(message));
    const message = { type: 'stream.resync', data: { reason: 'restarted' } };
    ipcRenderer.emit(streamChannel, message);
    unsubscribe();
    ipcRenderer.emit(streamChannel, { type: 'stream.resync', data: { reason: 'again' } });
    expect(received).toEqual([message]);
    expect(ipcRenderer.listenerCount(streamChannel)).toBe(0);
  });

  it("accepts Electron's real ipcRenderer", () => {
    expectTypeOf<IpcRenderer>().toExtend<RendererIpc>();
  });

  it('bundles without zod or Node modules, which a sandboxed preload cannot load', async () => {
    const result = await build({
      entryPoints: ['main/electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).sort()).toEqual(['main/electron/channels.ts', 'main/electron/preload.ts']);
    const [output] = Object.values(result.metafile.outputs);
    expect(output?.imports.map((i) => i.path)).toEqual(['electron']);
  });
});
