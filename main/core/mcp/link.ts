// How the MCP server reaches the engine: always through the API contract, over the loopback control API of the
// instance that runs on the data folder (serve, the desktop app, or the engine `hookbridge mcp` started itself).
// One path for both cases: the same calls, the same stream, the same export downloads. Before the token from
// the runtime file is sent, the server must prove it knows it (POST /api/hello).
import crypto from 'node:crypto';
import { EventSource } from 'eventsource';
import { HookbridgeError } from '../errors';
import { helloProof, type RuntimeInfo } from '../runtime-file';
import { methodNames, type Api, type MethodName, type StreamMessage } from '../api/contract';

export interface EngineLink {
  readonly api: Api;
  readonly runtime: RuntimeInfo;
  /** Follows the event stream from now on; returns how to stop following. */
  subscribe(listener: (message: StreamMessage) => void): Promise<() => void>;
  /** A finished export's zip (headless exports are downloadable once). */
  download(exportId: string): Promise<Uint8Array>;
}

const helloTimeoutMs = 2_000;

/** True when the server at the runtime file's address proves it holds the token; false for a stranger or nobody. */
export async function provesToken(runtime: RuntimeInfo): Promise<boolean> {
  const nonce = crypto.randomBytes(24).toString('hex');
  try {
    const response = await fetch(`${runtime.controlUrl}/api/hello`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nonce }),
      signal: AbortSignal.timeout(helloTimeoutMs),
    });
    if (!response.ok) return false;
    const { proof } = (await response.json()) as { proof?: unknown };
    const expected = helloProof(runtime.token, nonce);
    return typeof proof === 'string' && proof.length === expected.length && crypto.timingSafeEqual(Buffer.from(proof), Buffer.from(expected));
  } catch {
    return false;
  }
}

export function remoteLink(runtime: RuntimeInfo): EngineLink {
  const authorization = `Bearer ${runtime.token}`;
  const call = async (method: MethodName, input: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${runtime.controlUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: authorization },
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      throw new HookbridgeError('ENGINE_UNREACHABLE', `Hookbridge (${runtime.owner}, pid ${runtime.pid}) no longer answers at ${runtime.controlUrl}: ${(error as Error).message}. Start it again, or restart the MCP server.`);
    }
    const body = (await response.json()) as { error?: { code: string; message: string; details?: unknown } } | unknown;
    if (!response.ok) {
      const error = (body as { error?: { code: string; message: string; details?: unknown } }).error;
      throw new HookbridgeError((error?.code ?? 'INTERNAL') as HookbridgeError['code'], error?.message ?? `The engine answered ${response.status}.`, error?.details);
    }
    return body;
  };
  const api = Object.fromEntries(methodNames.map((name) => [name, (input?: unknown) => call(name, input)])) as unknown as Api;
  return {
    api,
    runtime,
    async subscribe(listener) {
      const source = new EventSource(`${runtime.controlUrl}/api/stream`, {
        fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, Authorization: authorization } }),
      });
      await new Promise<void>((resolve, reject) => {
        source.onopen = () => resolve();
        source.onerror = (event) => {
          if (source.readyState === EventSource.CLOSED) reject(new HookbridgeError('ENGINE_UNREACHABLE', `The event stream of ${runtime.controlUrl} could not be opened: ${event.message ?? 'closed'}.`));
        };
      });
      source.onmessage = (event) => {
        try {
          listener(JSON.parse(event.data) as StreamMessage);
        } catch {
          // a line that is not a message: ignored
        }
      };
      return () => source.close();
    },
    async download(exportId) {
      const response = await fetch(`${runtime.controlUrl}/export/${exportId}.zip`, { headers: { Authorization: authorization } });
      if (!response.ok) throw new HookbridgeError('NOT_FOUND', `The export ${exportId} could not be downloaded (${response.status}).`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
