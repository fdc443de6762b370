// The ingress: the only server the tunnel forwards to. It routes /h/<token>, applies the limits and the
// endpoint's auth check, parses, describes, commits the request, and only then answers.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { IngressConfig } from '../config';
import { HookbridgeError } from '../errors';
import { newUlid } from '../ids';
import { listenOnLoopback } from '../listen';
import type { Delivery, Endpoint, EventSummary, HeaderPair, RequestFlag } from '../model';
import { describeRequest, describerVersion } from '../providers';
import type { Inserted, NewRequest } from '../store/requests';
import { summaryOf } from '../store/requests';
import { verifyAuth } from './auth';
import { forwardedClient } from './forwarded';
import { parseBody } from './parse-body';
import { readBody } from './read-body';
import { respond, type IngressOutcome } from './responses';
import { matchRoute } from './route';
import { pickRule } from './rules';
import { forwardTarget, passThroughAnswer } from '../replay/forward';
import { deliveryOf } from '../replay/replay';
import { send as sendOn, type SendResult } from '../replay/send';

export interface IngressDeps {
  config: IngressConfig;
  findEndpoint(token: string): Endpoint | undefined;
  /** The settings' calling code for national phone numbers. */
  defaultCountryCode(): string | null;
  /** The body limit in force: the settings' value, else the startup configuration's. */
  bodyLimit(): number;
  /** Resolves once the request is committed; rejects with a HookbridgeError if it was not. */
  insert(request: NewRequest): Promise<Inserted>;
  onStored(summary: EventSummary): void;
  onStoreFailed(error: HookbridgeError): void;
  /** A rule with a "next N deliveries" counter answered: keep its new count. */
  onRuleCounted?(endpoint: Endpoint): void;
  /** A request was forwarded to the endpoint's local app: keep what it answered. */
  onForwarded?(delivery: Delivery): void;
  /** How long a pass-through forward waits for the local app. */
  forwardTimeoutMs?: number;
  /** The ingress's clock (receive times, signature tolerances) and the timers of rule delays; tests pin them. */
  clock?: Partial<IngressClock>;
}

export interface IngressClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const systemClock: IngressClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface IngressCounters {
  received: number;
  stored: number;
  notFound: number;
  rejected: number;
}

export interface Ingress {
  listen(): Promise<number>;
  close(): Promise<void>;
  readonly port: number | null;
  readonly counters: Readonly<IngressCounters>;
}

const responseHeaders = (body: string): HeaderPair[] => [
  ['Content-Type', 'application/json; charset=utf-8'],
  ['Content-Length', String(Buffer.byteLength(body))],
  ['Cache-Control', 'no-store'],
];

function pairs(raw: string[]): HeaderPair[] {
  const result: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i] as string, raw[i + 1] as string]);
  return result;
}

function send(res: ServerResponse, status: number, headers: HeaderPair[], body: string, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const out: HeaderPair[] = close ? [...headers, ['Connection', 'close']] : headers;
  res.writeHead(status, out.flat());
  res.end(body);
}

export function createIngress(deps: IngressDeps): Ingress {
  const { config } = deps;
  const clock: IngressClock = { ...systemClock, ...deps.clock };
  const counters: IngressCounters = { received: 0, stored: 0, notFound: 0, rejected: 0 };
  let port: number | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const receivedAt = clock.now();
    counters.received++;

    const route = matchRoute(req.url);
    const endpoint = route ? deps.findEndpoint(route.token) : undefined;
    if (!route || !endpoint) {
      counters.notFound++;
      req.resume();
      const answer = respond({ kind: 'not-found' });
      send(res, answer.status, responseHeaders(answer.body), answer.body);
      return;
    }

    const headers = pairs(req.rawHeaders);
    const bodyLimit = deps.bodyLimit();
    const read = await readBody(req, bodyLimit);
    const contentType = req.headers['content-type'] ?? null;
    const id = newUlid(receivedAt);
    const flags: RequestFlag[] = [];

    let outcome: IngressOutcome = { kind: 'received', id };
    let authCheck: NewRequest['authCheck'] = null;
    if (!endpoint.enabled) {
      flags.push('endpoint_disabled');
      outcome = { kind: 'disabled', id };
    } else if (read.tooLarge) {
      // A truncated body cannot be verified: the 413 says what is wrong.
      flags.push('body_too_large');
      outcome = { kind: 'too-large', id, size: read.size, limit: bodyLimit };
    } else {
      authCheck = verifyAuth(endpoint.auth, { headers, body: read.bytes, now: receivedAt });
      if (authCheck && authCheck.result !== 'valid') {
        if (authCheck.enforced) {
          flags.push('auth_failed');
          outcome = { kind: 'unauthorized', id, reason: authCheck.reason };
        } else {
          flags.push('auth_unverified');
        }
      }
    }

    const parsed = read.tooLarge ? ({ kind: 'other' } as const) : parseBody(contentType, read.bytes);
    const parseError = parsed.kind === 'invalid-json' ? parsed.error : null;
    if (parseError) {
      flags.push('parse_error');
      if (outcome.kind === 'received') outcome = { kind: 'invalid-body', id, message: parseError.message, position: parseError.position };
    }

    // What was received, as both the provider description and the stored row see it.
    const capture = {
      method: req.method ?? 'GET',
      path: route.subPath,
      query: route.query,
      headers,
      contentType,
      body: read.bytes,
      bodySize: read.size,
      flags,
      parseError,
      authCheck,
    };
    const description = describeRequest({
      ...capture,
      json: parsed.kind === 'json' ? parsed.value : undefined,
      endpointProvider: endpoint.provider,
      defaultCountryCode: deps.defaultCountryCode(),
    });

    // A response rule answers instead of the default 200; the documented error answers stay as they are.
    const picked =
      outcome.kind === 'received'
        ? pickRule(endpoint.rules, { method: capture.method, provider: description.provider, name: description.name, json: parsed.kind === 'json' ? parsed.value : undefined })
        : null;
    const action = picked?.rule.action ?? null;
    // Without a rule, forward-to decides: pass-through waits for the local app and gives the provider its answer.
    const forwardUrl = !picked && outcome.kind === 'received' && endpoint.forward ? forwardTarget(endpoint.forward, description.name) : null;
    const passThrough = forwardUrl !== null && endpoint.forward?.mode === 'pass-through';
    const outgoing = forwardUrl
      ? { url: `${forwardUrl}${route.query && !forwardUrl.includes('?') ? `?${route.query}` : ''}`, method: capture.method, headers: [...headers, ['X-Hookbridge-Request-Id', id] as HeaderPair], body: read.bytes }
      : null;
    const forwardedAt = clock.now();
    const forwarded: SendResult | null = passThrough && outgoing ? await sendOn(outgoing, deps.forwardTimeoutMs ?? 20_000) : null;
    const upstream = forwarded && outgoing ? passThroughAnswer(forwarded, outgoing.url) : null;
    const answer = action?.kind === 'respond' ? { status: action.status, body: action.body } : action?.kind === 'drop' ? { status: 0, body: '' } : (upstream ?? respond(outcome));
    const answerHeaders: HeaderPair[] =
      action?.kind === 'respond'
        ? [...action.headers.filter(([name]) => name.toLowerCase() !== 'content-length'), ['Content-Length', String(Buffer.byteLength(action.body))]]
        : action?.kind === 'drop'
          ? []
          : (upstream?.headers ?? responseHeaders(answer.body));
    const record: NewRequest = {
      ...capture,
      id,
      endpointId: endpoint.id,
      receivedAt,
      bodyTruncated: read.tooLarge,
      remoteAddress: req.socket.remoteAddress ?? 'unknown',
      forwardedFor: forwardedClient(headers),
      response: { status: answer.status, headers: answerHeaders, body: answer.body, durationMs: 0 },
      description,
      describedBy: describerVersion,
      answeredBy: picked ? { ruleId: picked.rule.id, name: picked.rule.name, delayMs: picked.rule.action.delayMs, dropped: picked.rule.action.kind === 'drop' } : null,
    };
    record.response.durationMs = Math.round((performance.now() - started) * 100) / 100;

    let inserted: Inserted;
    try {
      inserted = await deps.insert(record);
    } catch (error) {
      picked?.giveBack(); // nothing was answered by the rule, so its count stands
      const failure = error instanceof HookbridgeError ? error : new HookbridgeError('STORE_FAILED', String(error));
      const failed = respond({ kind: 'store-failed', code: failure.code, message: failure.message });
      send(res, failed.status, responseHeaders(failed.body), failed.body, read.tooLarge);
      deps.onStoreFailed(failure);
      return;
    }
    counters.stored++;
    if (answer.status >= 300 || answer.status === 0) counters.rejected++;
    if (picked?.counted) deps.onRuleCounted?.(endpoint);
    deps.onStored(summaryOf(record, inserted));
    const recordForward = (result: SendResult): void => {
      if (outgoing) deps.onForwarded?.(deliveryOf('forward', id, outgoing.url, outgoing.method, outgoing.body, result, forwardedAt, { edited: false, resigned: false }));
    };
    if (forwarded) recordForward(forwarded);
    // Acknowledge mode: the provider hears Hookbridge at once; the local app gets its copy after that.
    else if (outgoing) void sendOn(outgoing, deps.forwardTimeoutMs ?? 20_000).then(recordForward);
    // Committed: now, and only now, the provider may hear back — after the rule's delay, if it has one.
    if (action && action.delayMs > 0) await delayed(action.delayMs);
    if (action?.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    send(res, answer.status, answerHeaders, answer.body, read.tooLarge);
    if (read.tooLarge) req.resume(); // discard the rest; the connection closes after the answer
  }

  // Delays of rules; closing the ingress ends them at once, so a stop never waits a minute.
  const waiting = new Set<() => void>();
  function delayed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clock.clearTimer(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = clock.setTimer(done, ms);
      waiting.add(done);
    });
  }

  const server = http.createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      // Node checks the two timeouts above only this often (default 30 s), so check at least every second.
      connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs, config.requestTimeoutMs),
      // Keep the client's header names as sent: the inspector shows them raw.
      joinDuplicateHeaders: false,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // Only a client that vanished mid-body gets here; nothing was acknowledged, nothing is lost.
        if (!res.headersSent && !res.destroyed) {
          const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message: (error as Error).message } });
          send(res, 400, responseHeaders(body), body, true);
        }
      });
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message: `The request could not be read: ${error.code ?? error.message}.` } });
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  return {
    get port() {
      return port;
    },
    counters,
    async listen() {
      port = await listenOnLoopback(server, config.port, 'the ingress', '--ingress-port');
      return port;
    },
    close() {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        // Stop accepting, let in-flight requests finish (rule delays end now), drop idle keep-alive sockets.
        server.close(() => resolve());
        for (const done of [...waiting]) done();
        server.closeIdleConnections();
      });
    },
  };
}
