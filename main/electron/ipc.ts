// The Electron transport of the API contract: one ipcMain.handle channel per method, all through one wrapper
// that refuses foreign frames and validates with callMethod, plus the stream forwarded to the window.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callMethod } from '../core/api/call';
import type { Handlers, StreamMessage, StreamResync } from '../core/api/contract';
import { asHookbridgeError } from '../core/errors';
import { channelFor, ipcMethodNames, streamChannel, type IpcReply } from './channels';

/** Decides from an invoke event whether its sender may call the API. Frames compare by identity. */
export type SenderCheck = (event: { readonly senderFrame: object | null }) => boolean;

/**
 * Registers every contract method; returns the function that removes them again.
 * Security lives here, once: a call whose sender is not trusted never reaches validation or a handler.
 */
export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  isTrustedSender: SenderCheck,
): () => void {
  const answer = async (event: IpcMainInvokeEvent, method: string, input: unknown): Promise<IpcReply> => {
    if (!isTrustedSender(event)) {
      return {
        error: {
          code: 'FORBIDDEN',
          message: `Hookbridge refused the call to ${method}: it did not come from the Hookbridge window's own page.`,
        },
      };
    }
    try {
      return { result: await callMethod(handlers, method, input) };
    } catch (error) {
      const { code, message } = asHookbridgeError(error);
      return { error: { code, message } };
    }
  };
  for (const method of ipcMethodNames) {
    ipcMain.handle(channelFor(method), (event: IpcMainInvokeEvent, input: unknown) => answer(event, method, input));
  }
  return () => {
    for (const method of ipcMethodNames) ipcMain.removeHandler(channelFor(method));
  };
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
