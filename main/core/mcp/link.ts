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

const streamOpenTimeoutMs = 5_000;

/**
 * A link to an instance that proved it knows the token. Once a connection fails (the instance stopped; another
 * process may take its port), the token is sent again only after a fresh proof; every (re)connection of the
 * event stream proves it first.
 */
export function remoteLink(runtime: RuntimeInfo): EngineLink {
  const authorization = `Bearer ${runtime.token}`;
  let proven = true;
  const gone = (): HookbridgeError =>
    new HookbridgeError('ENGINE_UNREACHABLE', `Hookbridge (${runtime.owner}, pid ${runtime.pid}) no longer answers at ${runtime.controlUrl}. Start it again (or the desktop app), then restart the MCP server.`);
  const ensureProven = async (): Promise<void> => {
    if (proven) return;
    if (!(await provesToken(runtime))) throw gone();
    proven = true;
  };
  const call = async (method: MethodName, input: unknown): Promise<unknown> => {
    await ensureProven();
    let response: Response;
    try {
      response = await fetch(`${runtime.controlUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: authorization },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      proven = false;
      throw gone();
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
      await ensureProven();
      const source = new EventSource(`${runtime.controlUrl}/api/stream`, {
        // Every (re)connection proves the server knows the token before the token is sent.
        fetch: async (url, init) => {
          if (!(await provesToken(runtime))) {
            proven = false;
            throw gone();
          }
          return fetch(url, { ...init, headers: { ...init?.headers, Authorization: authorization } });
        },
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(gone()), streamOpenTimeoutMs);
          source.onopen = () => {
            clearTimeout(timer);
            resolve();
          };
          source.onerror = () => {
            if (source.readyState === EventSource.CLOSED) {
              clearTimeout(timer);
              reject(gone());
            }
          };
        });
      } catch (error) {
        source.close();
        throw error;
      }
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
      await ensureProven();
      const response = await fetch(`${runtime.controlUrl}/export/${exportId}.zip`, { headers: { Authorization: authorization } });
      if (!response.ok) throw new HookbridgeError('NOT_FOUND', `The export ${exportId} could not be downloaded (${response.status}).`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
