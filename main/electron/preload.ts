// The preload: exposes `window.hookbridge = { call, onMessage }` to the isolated page, and nothing else.
// Every call goes to main on one channel, where its method and input are checked against the contract. Its reply
// crosses to the page as it came, a value ({ result } or { error }), since the context bridge would strip a
// thrown Error down to its message; the page's client throws the error with its code and fields.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StreamMessage, StreamResync } from '../core/api/contract';
import { callChannel, streamChannel, type IpcReply } from './channels';

type Incoming = StreamMessage | StreamResync;

/** The shape the renderer's client expects (PreloadBridge in renderer/src/client/client.ts). */
export interface HookbridgeBridge {
  call(method: string, input: unknown): Promise<IpcReply>;
  onMessage(listener: (message: Incoming) => void): () => void;
}

/** The three calls of ipcRenderer the bridge makes; the real ipcRenderer fits (a test checks it). */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

export function createBridge(renderer: RendererIpc): HookbridgeBridge {
  return {
    async call(method, input) {
      // Only main answers on this channel, and it answers IpcReply only.
      return (await renderer.invoke(callChannel, method, input ?? {})) as IpcReply;
    },
    onMessage(listener) {
      // Only main sends on this channel, and it sends stream messages only.
      const relay = (_event: IpcRendererEvent, message: unknown): void => listener(message as Incoming);
      renderer.on(streamChannel, relay);
      return () => {
        renderer.removeListener(streamChannel, relay);
      };
    },
  };
}

contextBridge.exposeInMainWorld('hookbridge', createBridge(ipcRenderer));
