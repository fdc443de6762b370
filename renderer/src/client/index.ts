// Picks the transport: the preload's window.hookbridge inside Electron, HTTP + SSE in a browser.
import { apiOver, unwrapReply, type Client, type PreloadBridge } from './client';
import { connectHttp } from './http';

declare global {
  interface Window {
    hookbridge?: PreloadBridge;
  }
}

export async function connect(): Promise<Client> {
  const bridge = window.hookbridge;
  if (bridge) {
    return { transport: 'ipc', api: apiOver(async (method, input) => unwrapReply(await bridge.call(method, input))), subscribe: bridge.onMessage, onConnection: () => () => undefined };
  }
  return connectHttp();
}

export type * from './client';
export { ApiError } from './client';
