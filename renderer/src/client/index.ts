// Picks the transport: the preload's window.hookbridge inside Electron, HTTP + SSE in a browser.
import { apiOver, type Client, type PreloadBridge } from './client';
import { connectHttp } from './http';

declare global {
  interface Window {
    hookbridge?: PreloadBridge;
  }
}

export async function connect(): Promise<Client> {
  const bridge = window.hookbridge;
  if (bridge) {
    return { api: apiOver(bridge.call), subscribe: bridge.onMessage, onConnection: () => () => undefined };
  }
  return connectHttp();
}

export type * from './client';
