// The headless transport of the contract (control server): POST /api/<method>, GET /api/stream (SSE), the
// built renderer at /. Loopback only, per-run token, Host/Origin checked against DNS rebinding.
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { HookbridgeError, httpStatusFor } from '../errors';
import { newSecretToken } from '../ids';
import { listenOnLoopback } from '../listen';
import { helloProof } from '../runtime-file';
import { contentSecurityPolicy, resolveRendererFile } from '../renderer-files';
import { sameSecret } from '../secret-compare';
import { callMethod } from './call';
import { contract, type Handlers, type StreamResync } from './contract';
import type { EventStream, StreamEntry } from './stream';

export interface ControlServerDeps {
  port: number;
  token: string;
  rendererDir: string | undefined;
  handlers: Handlers;
  stream: EventStream;
  /** Finished headless exports, each downloadable once at GET /export/<id>.zip. */
  downloads?: { takeDownload(exportId: string): { zip: Uint8Array; name: string } | null };
}

export interface ControlServer {
  listen(): Promise<number>;
  close(): Promise<void>;
  readonly port: number | null;
}

const maxApiBody = 1024 * 1024;
const heartbeatMs = 15_000;





const baseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...baseHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendError(res: ServerResponse, error: HookbridgeError): void {
  sendJson(res, httpStatusFor(error.code), { error: error.toJSON() });
}

function readJson(req: IncomingMessage, maxApiBody: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxApiBody) {
        reject(new HookbridgeError('INVALID_INPUT', `The request body is larger than this API method accepts (${Math.round(maxApiBody / 1024 / 1024)} MiB).`));
        // Read the rest and drop it, so the caller gets the answer instead of a connection closed mid-send.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new HookbridgeError('INVALID_INPUT', `The request body is not valid JSON: ${(error as Error).message}`));
      }
    });
    req.on('error', reject);
  });
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

function sseFrame(entry: StreamEntry): string {
  return `id: ${entry.id}\ndata: ${JSON.stringify(entry.message)}\n\n`;
}

export function createControlServer(deps: ControlServerDeps): ControlServer {
  let port: number | null = null;
  const sessions = new Set<string>();
  const openStreams = new Set<ServerResponse>();
  const cookieName = (): string => `hookbridge_session_${port ?? 0}`;
  const loopbackHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  /** DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host and Origin. */
  function trustedOrigin(req: IncomingMessage): boolean {
    const hosts = loopbackHosts();
    if (!req.headers.host || !hosts.has(req.headers.host)) return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return [...hosts].some((host) => origin === `http://${host}`);
  }

  function bearer(req: IncomingMessage): string | null {
    const header = req.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  }

  function authorized(req: IncomingMessage): boolean {
    const token = bearer(req);
    if (token !== null) return sameSecret(token, deps.token);
    const session = parseCookies(req.headers.cookie).get(cookieName());
    return session !== undefined && sessions.has(session);
  }

  const unauthorized = new HookbridgeError(
    'UNAUTHORIZED',
    'Open the UI through the link `hookbridge serve` printed (it carries the token), or send Authorization: Bearer <token>.',
  );

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `Call API methods with POST /api/${name}.` } });
    }
    if (name === 'session') {
      // Trades the token from the URL fragment for an HttpOnly cookie, so EventSource (no headers) can authenticate.
      const offered = bearer(req);
      if (offered === null || !sameSecret(offered, deps.token)) return sendError(res, unauthorized);
      const session = newSecretToken();
      sessions.add(session);
      return sendJson(res, 200, { ok: true }, { 'Set-Cookie': `${cookieName()}=${session}; HttpOnly; SameSite=Strict; Path=/` });
    }
    if (name === 'hello') {
      // Before a client sends the token it read from the runtime file, the server proves it knows it (an HMAC of
      // the client's nonce): a process that took the port of a crashed Hookbridge cannot.
      try {
        const input = (await readJson(req, 4096)) as { nonce?: unknown };
        if (typeof input.nonce !== 'string' || input.nonce.length < 16 || input.nonce.length > 200) throw new HookbridgeError('INVALID_INPUT', 'Send {"nonce": "<16 to 200 characters>"}.');
        return sendJson(res, 200, { proof: helloProof(deps.token, input.nonce) });
      } catch (error) {
        return sendError(res, error instanceof HookbridgeError ? error : new HookbridgeError('INVALID_INPUT', String(error)));
      }
    }
    if (!authorized(req)) return sendError(res, unauthorized);
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      return sendError(res, new HookbridgeError('INVALID_INPUT', 'Send API calls with Content-Type: application/json.'));
    }
    try {
      const input = await readJson(req, (Object.hasOwn(contract, name) ? contract[name as keyof typeof contract].maxBodyBytes : undefined) ?? maxApiBody);
      const output = await callMethod(deps.handlers, name, input);
      sendJson(res, 200, output ?? null);
    } catch (error) {
      sendError(res, error instanceof HookbridgeError ? error : new HookbridgeError('INTERNAL', String(error)));
    }
  }

  function handleStream(req: IncomingMessage, res: ServerResponse): void {
    if (!authorized(req)) return sendError(res, unauthorized);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lastEventId = (req.headers['last-event-id'] as string | undefined) ?? url.searchParams.get('lastEventId') ?? undefined;
    res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    // Subscribe before reading the backlog so nothing falls between the two.
    const pending: StreamEntry[] = [];
    let live = false;
    const unsubscribe = deps.stream.subscribe((entry) => (live ? res.write(sseFrame(entry)) : pending.push(entry)));
    const resumed = deps.stream.resume(lastEventId);
    if (resumed.kind === 'resync') {
      const message: StreamResync = { type: 'stream.resync', data: { reason: resumed.reason } };
      res.write(`data: ${JSON.stringify(message)}\n\n`);
    } else {
      const sent = new Set<string>();
      for (const entry of resumed.backlog) {
        sent.add(entry.id);
        res.write(sseFrame(entry));
      }
      for (const entry of pending) if (!sent.has(entry.id)) res.write(sseFrame(entry));
    }
    live = true;
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    openStreams.add(res);
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(res);
    };
    req.on('close', stop);
  }

  /** GET /export/<id>.zip: the zip of a finished export, for the session that may call the API; once. */
  function handleDownload(req: IncomingMessage, res: ServerResponse, exportId: string): void {
    if (!authorized(req)) return sendError(res, unauthorized);
    if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Download exports with GET.' } });
    const found = deps.downloads?.takeDownload(exportId);
    if (!found) return sendError(res, new HookbridgeError('NOT_FOUND', 'That export is not here: it was downloaded already, or it expired after 10 minutes. Export again.'));
    res.writeHead(200, {
      ...baseHeaders,
      'Content-Type': 'application/zip',
      'Content-Length': found.zip.byteLength,
      'Content-Disposition': `attachment; filename="${found.name.replace(/[^\w.-]/g, '_')}"`,
    });
    res.end(Buffer.from(found.zip.buffer, found.zip.byteOffset, found.zip.byteLength));
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Only GET is served here.' } });
    }
    const root = deps.rendererDir;
    if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
      return sendJson(res, 503, { error: { code: 'UI_NOT_BUILT', message: 'The UI is not built. Run `npm run build` and start again.' } });
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const found = resolveRendererFile(root, pathname);
    if (found.kind === 'bad-path') return sendJson(res, 400, { error: { code: 'BAD_PATH', message: 'The path is not valid.' } });
    if (found.kind === 'not-found') return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `Nothing at ${pathname}.` } });
    const headers: Record<string, string> = { ...baseHeaders, 'Content-Type': found.contentType };
    if (found.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(found.file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    if (!trustedOrigin(req)) {
      return sendJson(res, 403, {
        error: { code: 'FORBIDDEN', message: `Requests must come from http://127.0.0.1:${port} (Host and Origin are checked).` },
      });
    }
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/api/stream') return handleStream(req, res);
    const download = /^\/export\/([0-9A-Z]{26})\.zip$/.exec(pathname);
    if (download) return handleDownload(req, res, download[1] as string);
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname.slice('/api/'.length)).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, new HookbridgeError('INTERNAL', String(error)));
      });
      return;
    }
    serveStatic(req, res);
  });

  return {
    get port() {
      return port;
    },
    async listen() {
      port = await listenOnLoopback(server, deps.port, 'the UI', '--ui-port');
      return port;
    },
    close() {
      return new Promise((resolve) => {
        for (const res of openStreams) res.end();
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
