// The Electron transport of the API contract: one ipcMain.handle channel carries every call; it refuses foreign
// frames, then validates the method and its input against the contract with callMethod. The stream is forwarded
// to the window on a second channel.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callMethod } from '../core/api/call';
import type { Handlers, StreamMessage, StreamResync } from '../core/api/contract';
import { asHookbridgeError, invalidFields } from '../core/errors';
import { callChannel, streamChannel, type IpcReply } from './channels';

/** Decides from an invoke event whether its sender may call the API. Frames compare by identity. */
export type SenderCheck = (event: { readonly senderFrame: object | null }) => boolean;

/**
 * Answers every contract call; returns the function that stops answering.
 * Security lives here, once: a call whose sender is not trusted never reaches validation or a handler.
 */
export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  isTrustedSender: SenderCheck,
): () => void {
  ipcMain.handle(callChannel, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<IpcReply> => {
    const name = typeof method === 'string' ? method : String(method);
    if (!isTrustedSender(event)) {
      return {
        error: {
          code: 'FORBIDDEN',
          message: `Hookbridge refused the call to ${name.slice(0, 100)}: it did not come from the Hookbridge window's own page.`,
        },
      };
    }
    try {
      return { result: await callMethod(handlers, name, input) };
    } catch (error) {
      const known = asHookbridgeError(error);
      const fields = invalidFields(known);
      return { error: { code: known.code, message: known.message, ...(fields ? { fields } : {}) } };
    }
  });
  return () => ipcMain.removeHandler(callChannel);
}

/** Trusts only the top frame of our window (not iframes, not other windows), as long as that window lives. */
export function topFrameOf(window: () => { readonly mainFrame: object } | null): SenderCheck {
  return (event) => {
    const contents = window();
    return contents !== null && event.senderFrame !== null && event.senderFrame === contents.mainFrame;
  };
}

/** Anything that hands out stream messages one by one, like EventStream. */
export interface StreamSource {
  subscribe(listener: (entry: { message: StreamMessage | StreamResync }) => void): () => void;
}

/** Sends every stream message to the window on one channel; returns the unsubscribe. */
export function forwardStream(source: StreamSource, webContents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  const unsubscribe = source.subscribe(({ message }) => {
    // A closed window must not make the bus's emit throw; the caller unsubscribes when it closes.
    if (!webContents.isDestroyed()) webContents.send(streamChannel, message);
  });
  return unsubscribe;
}
