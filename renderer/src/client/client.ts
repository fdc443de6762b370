// The one interface the UI talks to. Two transports implement it: the Electron preload (IPC) and HTTP + SSE
// (headless mode). Method calls are typed from the API contract; nothing here is written per method.
import type { Api, MethodName, StreamMessage, StreamResync } from '../../../main/core/api/contract';

export type { Api, MethodName, StreamMessage, StreamResync };
export type { EventDetail, EventFilter, EventSummary, PublicEndpoint, Settings, Severity, Status } from '../../../main/core/model';

export type Incoming = StreamMessage | StreamResync;

export interface Client {
  api: Api;
  /** Every stream message; returns the unsubscribe. */
  subscribe(listener: (message: Incoming) => void): () => void;
  /** "live" while the stream is connected, "reconnecting" while it is not. */
  onConnection(listener: (state: 'live' | 'reconnecting') => void): () => void;
}

/** What the Electron preload exposes as `window.hookbridge` (built in the desktop-shell issue). */
export interface PreloadBridge {
  call(method: string, input: unknown): Promise<unknown>;
  onMessage(listener: (message: Incoming) => void): () => void;
}

/** Turns "call this method with this input" into the typed Api, for any transport. */
export function apiOver(call: (method: string, input: unknown) => Promise<unknown>): Api {
  return new Proxy({} as Api, {
    get: (_target, name) => (typeof name === 'string' ? (input?: unknown) => call(name, input ?? {}) : undefined),
  });
}
