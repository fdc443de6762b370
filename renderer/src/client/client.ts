// The one interface the UI talks to. Two transports implement it: the Electron preload (IPC) and HTTP + SSE
// (headless mode). Method calls are typed from the API contract; nothing here is written per method.
import type { Api, MethodName, StreamMessage, StreamResync } from '../../../main/core/api/contract';

export type { Api, MethodName, StreamMessage, StreamResync };
export type { Delivery, EventDetail, EventFilter, ReadableBody, XmlNode, EventSummary, PublicEndpoint, Settings, Severity, Status } from '../../../main/core/model';

export type Incoming = StreamMessage | StreamResync;

export interface Client {
  /**
   * How the page reaches the engine: the desktop app's preload (its shell shows alerts natively), HTTP + SSE
   * in a browser (the page shows them with the Web Notifications API), or in-process in tests.
   */
  transport: 'ipc' | 'http' | 'in-process';
  api: Api;
  /** Every stream message; returns the unsubscribe. */
  subscribe(listener: (message: Incoming) => void): () => void;
  /** "live" while the stream is connected, "reconnecting" while it is not. */
  onConnection(listener: (state: 'live' | 'reconnecting') => void): () => void;
}

/** One field an input was refused for: its path in the input ("auth.secret") and why. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A refused call: the engine's code and sentence, and for invalid input the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** What the Electron preload exposes as `window.hookbridge`. */
export interface PreloadBridge {
  /** Answers main's reply as a value: `{ result }` or `{ error: { code, message, fields? } }`. */
  call(method: string, input: unknown): Promise<unknown>;
  onMessage(listener: (message: Incoming) => void): () => void;
}

/** The preload's reply as a result, or an ApiError thrown. */
export function unwrapReply(reply: unknown): unknown {
  if (typeof reply !== 'object' || reply === null) throw new ApiError('INTERNAL', 'Hookbridge answered something that is not a reply.');
  if ('error' in reply) {
    const { code, message, fields } = (reply as { error: { code: string; message: string; fields?: FieldIssue[] } }).error;
    throw new ApiError(code, message, fields ?? []);
  }
  return (reply as { result?: unknown }).result;
}

/** Turns "call this method with this input" into the typed Api, for any transport. */
export function apiOver(call: (method: string, input: unknown) => Promise<unknown>): Api {
  return new Proxy({} as Api, {
    get: (_target, name) => (typeof name === 'string' ? (input?: unknown) => call(name, input ?? {}) : undefined),
  });
}
