// The preload: exposes `window.hookbridge = { call, onMessage }` to the isolated page, and nothing else.
// Every call goes to main on one channel, where its method and input are checked against the contract; errors
// come back as values and are rethrown here as Errors.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StreamMessage, StreamResync } from '../core/api/contract';
import { callChannel, streamChannel, type IpcReply } from './channels';

type Incoming = StreamMessage | StreamResync;

/** The shape the renderer's client expects (PreloadBridge in renderer/src/client/client.ts). */
export interface HookbridgeBridge {
  call(method: string, input: unknown): Promise<unknown>;
  onMessage(listener: (message: Incoming) => void): () => void;
}

function isErrorReply(reply: unknown): reply is Extract<IpcReply, { error: unknown }> {
  return typeof reply === 'object' && reply !== null && 'error' in reply;
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
      const reply: unknown = await renderer.invoke(callChannel, method, input ?? {});
      if (isErrorReply(reply)) {
        // contextBridge copies only an Error's message across; the code rides in the name for anyone who needs it.
        const error = new Error(reply.error.message);
        error.name = reply.error.code;
        throw error;
      }
      return (reply as { result: unknown }).result;
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
