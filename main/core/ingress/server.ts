// The ingress: the only server the tunnel forwards to. `handle()` is the path of one webhook as named steps:
// receive (route, read) → decode (Content-Encoding) → check (enabled, limit, auth, decoding) → parse (JSON,
// form, multipart, XML) → handshake
// (a provider's registration request, answered its documented way) → describe → plan (rule / forward) → answer
// (decided by a pure function) → commit → after the commit → reply. Nothing is answered before the commit.
import { systemClock, type Clock } from '../clock';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { IngressConfig } from '../config';
import { HookbridgeError } from '../errors';
import { headerValue } from '../http-headers';
import { newUlid } from '../ids';
import { listenOnLoopback } from '../listen';
import type { AlertRuleHit, AuthCheck, Delivery, Description, Endpoint, EventSummary, HandshakeHit, HeaderPair, ParseError, RequestFlag } from '../model';
import { describeRequest, describerVersion } from '../providers';
import type { Inserted, NewRequest } from '../store/requests';
import { decideAnswer, jsonHeaders, type Answer } from './answer';
import { verifyAuth } from '../signatures';
import { forwardedClient } from './forwarded';
import { parseBody } from '../describing/parse-body';
import { readBody as readRequestBody, type BodyRead } from './read-body';
import { readBody, readableJson, type StoredReadable } from '../bodies';
import { decodeBody, type Decoded } from './decode';
import type { IngressOutcome } from './responses';
import { matchRoute, type IngressRoute } from './route';
import { pickAlertRule, pickRule, type PickedRule } from './rules';
import { forwardTarget, passThroughAnswer } from './forward';
import { describeHandshake, handshakeHit, recogniseHandshake, type HandshakeAnswer } from '../handshakes';
import { deliveryOf } from '../outbound/delivery';
import { send as sendOn, type Outgoing, type SendResult } from '../outbound/send';

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

export type IngressClock = Clock;

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

/** A request routed to an endpoint, with its body read. */
interface Routed {
  id: string;
  receivedAt: number;
  started: number;
  endpoint: Endpoint;
  route: IngressRoute;
  /** The request target as sent (path and query), for signatures over the URL the sender called. */
  url: string;
  method: string;
  headers: HeaderPair[];
  contentType: string | null;
  bodyLimit: number;
  /** The bytes as received: what is stored, verified, forwarded and replayed. */
  read: BodyRead;
}

/** ... and decoded from its Content-Encoding: what every later step works from. */
interface Received extends Routed {
  decoded: Decoded;
  /** The body a reader means: decoded when it was sent encoded (up to the limit), else the bytes as received. */
  body: Buffer;
}

/** What the checks and the parser concluded: the outcome the provider is told unless a rule or the local app answers. */
interface Checked {
  outcome: IngressOutcome;
  flags: RequestFlag[];
  authCheck: AuthCheck | null;
  parseError: ParseError | null;
  /** The body, parsed, when it is JSON (or form fields, or multipart's text fields, as JSON). */
  json: unknown;
  /** A form, multipart or XML body as a person reads it; null for others. */
  readable: StoredReadable | null;
}

/** A registration handshake the request was: what is stored with it, and the answer when it gets one of its own. */
interface Handshake {
  hit: HandshakeHit;
  /** The documented answer; null when it is answered as a webhook (an echo over 1 KiB, SNS awaiting a click) or refused. */
  answer: HandshakeAnswer | null;
  /** True when the handshake is answered on its own terms (answered, refused, a secret missing): no rule, delay or forward applies. */
  ownAnswer: boolean;
}

/**
 * Only a request that passed the checks (auth first: Slack's and Zoom's handshakes are signed) can be one, and
 * only by its provider's full documented shape, under the endpoint's handshake setting.
 */
function handshakeOf(r: Received, checked: Checked): { handshake: Handshake | null; checked: Checked } {
  if (checked.outcome.kind !== 'received') return { handshake: null, checked };
  const recognised = recogniseHandshake(r.endpoint.handshakes, {
    method: r.method.toUpperCase(),
    query: new URLSearchParams(r.route.query),
    header: (name) => headerValue(r.headers, name),
    body: r.body,
    json: checked.json,
    // A Zoom endpoint's signature secret is the same secret token its URL validation is answered with.
    secrets: { ...r.endpoint.handshakes, zoomSecretToken: r.endpoint.handshakes.zoomSecretToken ?? (r.endpoint.auth.kind === 'zoom' ? r.endpoint.auth.secret : null) },
  });
  if (!recognised) return { handshake: null, checked };
  const hit = handshakeHit(recognised);
  const { result } = recognised;
  switch (result.outcome) {
    case 'answered':
      return { handshake: { hit, answer: result.answer, ownAnswer: true }, checked };
    case 'refused':
    case 'needs-secret': {
      const code = result.outcome === 'refused' ? 'HANDSHAKE_REFUSED' : 'HANDSHAKE_SECRET_MISSING';
      const status = result.outcome === 'refused' ? result.status : 400;
      return { handshake: { hit, answer: null, ownAnswer: true }, checked: { ...checked, outcome: { kind: 'handshake-refused', id: r.id, status, code, reason: result.reason } } };
    }
    default:
      return { handshake: { hit, answer: null, ownAnswer: false }, checked };
  }
}

/** What answers instead of the documented outcome: a response rule, or forward-to (pass-through waits for it). */
interface Plan {
  picked: PickedRule | null;
  outgoing: Outgoing | null;
  passThrough: boolean;
  /** The endpoint's alert rule that matched: the alert policy decides with it. */
  alertRule: AlertRuleHit | null;
}

/** Enabled, within the body limit, passing the endpoint's auth or signature check, and decodable. */
function check(r: Received): Pick<Checked, 'outcome' | 'flags' | 'authCheck'> {
  if (!r.endpoint.enabled) return { outcome: { kind: 'disabled', id: r.id }, flags: ['endpoint_disabled'], authCheck: null };
  // A truncated body cannot be verified: the 413 says what is wrong.
  if (r.read.tooLarge) return { outcome: { kind: 'too-large', id: r.id, size: r.read.size, limit: r.bodyLimit }, flags: ['body_too_large'], authCheck: null };
  const authCheck = verify(r);
  if (authCheck?.result !== 'valid' && authCheck?.enforced) return { outcome: { kind: 'unauthorized', id: r.id, reason: authCheck.reason }, flags: ['auth_failed'], authCheck };
  const flags: RequestFlag[] = authCheck && authCheck.result !== 'valid' ? ['auth_unverified'] : [];
  const { decoded } = r;
  if (decoded.kind === 'too-large') {
    return { outcome: { kind: 'decoded-too-large', id: r.id, size: r.read.size, encodings: decoded.encodings, limit: decoded.limit }, flags: [...flags, 'decoded_too_large'], authCheck };
  }
  if (decoded.kind === 'unsupported' || decoded.kind === 'corrupt') {
    const code = decoded.kind === 'unsupported' ? 'UNSUPPORTED_ENCODING' : 'CORRUPT_ENCODING';
    return { outcome: { kind: 'undecodable', id: r.id, code, reason: decoded.reason }, flags: [...flags, decoded.kind === 'unsupported' ? 'encoding_unsupported' : 'encoding_corrupt'], authCheck };
  }
  return { outcome: { kind: 'received', id: r.id }, flags, authCheck };
}

/**
 * The URLs the sender may have called, for schemes that sign the URL (Twilio): what the Host and X-Forwarded-*
 * headers say (ngrok and reverse proxies set them), with https and http when the scheme is not said.
 */
function calledUrls(r: Routed): string[] {
  const first = (name: string): string | undefined => headerValue(r.headers, name)?.split(',')[0]?.trim() || undefined;
  const host = first('x-forwarded-host') ?? first('host');
  if (!host) return [];
  const proto = first('x-forwarded-proto');
  // A Host a sender made up ("a b", "x/y") is no URL: it is left out, never thrown at the request.
  return [...new Set((proto ? [proto] : ['https', 'http']).map((scheme) => `${scheme}://${host}${r.url}`))].filter((url) => URL.canParse(url));
}

/** The check over the bytes as sent; a sender that signed the body before compressing it is checked over the decoded body too. */
function verify(r: Received): AuthCheck | null {
  const urls = (): string[] => calledUrls(r);
  const asSent = verifyAuth(r.endpoint.auth, { headers: r.headers, body: r.read.bytes, now: r.receivedAt, calledUrls: urls });
  if (!asSent || asSent.result === 'valid' || r.decoded.kind !== 'decoded') return asSent;
  const decoded = verifyAuth(r.endpoint.auth, { headers: r.headers, body: r.body, now: r.receivedAt, calledUrls: urls });
  return decoded?.result === 'valid' ? decoded : asSent;
}

/**
 * The body read: JSON when it claims to be (one that claims JSON and is not is kept, and answered 400 if nothing
 * else failed), and a form, multipart or XML body as a person reads it — form fields and multipart's text fields
 * also as JSON, for rules and the description.
 */
async function parse(r: Received, checked: Pick<Checked, 'outcome' | 'flags' | 'authCheck'>): Promise<Checked> {
  const { decoded } = r;
  // A body that could not be decoded is not parsed: its reason is what the inspector shows.
  if (decoded.kind === 'unsupported' || decoded.kind === 'corrupt') return { ...checked, parseError: { message: decoded.reason, position: null }, json: undefined, readable: null };
  const whole = !r.read.tooLarge && decoded.kind !== 'too-large';
  if (!whole) return { ...checked, parseError: null, json: undefined, readable: null };
  const parsed = parseBody(r.contentType, r.body);
  if (parsed.kind === 'invalid-json') {
    const { error } = parsed;
    const outcome: IngressOutcome = checked.outcome.kind === 'received' ? { kind: 'invalid-body', id: r.id, message: error.message, position: error.position } : checked.outcome;
    return { ...checked, outcome, flags: [...checked.flags, 'parse_error'], parseError: error, json: undefined, readable: null };
  }
  if (parsed.kind === 'json') return { ...checked, parseError: null, json: parsed.value, readable: null };
  const readable = await readBody(r.contentType, r.body);
  return { ...checked, parseError: null, json: readableJson(readable), readable };
}

/** What was received, as both the provider description and the stored row see it. */
function captureOf(r: Received, checked: Checked) {
  return {
    method: r.method,
    path: r.route.subPath,
    query: r.route.query,
    headers: r.headers,
    contentType: r.contentType,
    body: r.body,
    bodySize: r.read.size,
    flags: checked.flags,
    parseError: checked.parseError,
    authCheck: checked.authCheck,
  };
}

/**
 * A response rule answers instead of the default 200 (the documented error answers stay as they are);
 * without one, forward-to decides, and pass-through waits for the local app and gives the provider its answer.
 */
function plan(r: Received, checked: Checked, description: Description, handshake: Handshake | null): Plan {
  if (checked.outcome.kind !== 'received' || handshake?.ownAnswer) return { picked: null, outgoing: null, passThrough: false, alertRule: null };
  const subject = { method: r.method, provider: description.provider, name: description.name, json: checked.json };
  const picked = pickRule(r.endpoint.rules, subject);
  const alertRule = pickAlertRule(r.endpoint.alertRules, subject);
  const forward = r.endpoint.forward;
  const url = !picked && forward ? forwardTarget(forward, description.name) : null;
  if (!url) return { picked, outgoing: null, passThrough: false, alertRule };
  const outgoing: Outgoing = {
    url: `${url}${r.route.query && !url.includes('?') ? `?${r.route.query}` : ''}`,
    method: r.method,
    headers: [...r.headers, ['X-Hookbridge-Request-Id', r.id]],
    body: r.read.bytes,
  };
  return { picked, outgoing, passThrough: forward?.mode === 'pass-through', alertRule };
}

/** The row the store keeps: the request as received, how it was described, and what was answered. */
function recordOf(r: Received, req: IncomingMessage, checked: Checked, description: Description, plan: Plan, answer: Answer, handshake: Handshake | null): NewRequest {
  const rule = plan.picked?.rule;
  return {
    ...captureOf(r, checked),
    body: r.read.bytes,
    decodedBody: r.decoded.kind === 'decoded' || r.decoded.kind === 'too-large' ? r.decoded.bytes : null,
    id: r.id,
    endpointId: r.endpoint.id,
    receivedAt: r.receivedAt,
    bodyTruncated: r.read.tooLarge,
    remoteAddress: req.socket.remoteAddress ?? 'unknown',
    forwardedFor: forwardedClient(r.headers),
    response: { status: answer.status, headers: answer.headers, body: answer.body, durationMs: Math.round((performance.now() - r.started) * 100) / 100 },
    description,
    describedBy: describerVersion,
    answeredBy: rule ? { ruleId: rule.id, name: rule.name, delayMs: rule.action.delayMs, dropped: rule.action.kind === 'drop' } : null,
    alertRule: plan.alertRule,
    handshake: handshake?.hit ?? null,
    readable: checked.readable,
  };
}

export function createIngress(deps: IngressDeps): Ingress {
  const { config } = deps;
  const clock: IngressClock = { ...systemClock, ...deps.clock };
  const counters: IngressCounters = { received: 0, stored: 0, notFound: 0, rejected: 0 };
  const forwardTimeoutMs = deps.forwardTimeoutMs ?? 20_000;
  let port: number | null = null;

  /**
   * The path of one webhook, in order. Everything before `commit` decides what the provider hears; nothing is
   * answered before the row is committed; everything after the answer is fire-and-forget.
   */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const routed = await receive(req, res);
    if (!routed) return;
    const received = await decode(routed);
    const { handshake, checked } = handshakeOf(received, await parse(received, check(received)));
    const description = handshake ? describeHandshake(handshake.hit) : describe(received, checked);
    const planned = plan(received, checked, description, handshake);
    const forwardedAt = clock.now();
    const upstream = planned.passThrough && planned.outgoing ? await sendOn(planned.outgoing, forwardTimeoutMs) : null;
    const answer = decideAnswer({
      outcome: checked.outcome,
      rule: planned.picked?.rule.action ?? null,
      upstream: upstream && planned.outgoing ? passThroughAnswer(upstream, planned.outgoing.url) : null,
      handshake: handshake?.answer ?? null,
    });
    const record = recordOf(received, req, checked, description, planned, answer, handshake);
    const inserted = await commit(record, planned, res, received);
    if (!inserted) return;
    afterCommit(received.endpoint, record, inserted, planned, answer, upstream, forwardedAt);
    await reply(req, res, received, planned, answer);
  }

  /** Route /h/<token> to an endpoint (else 404) and read its body within the limit. */
  async function receive(req: IncomingMessage, res: ServerResponse): Promise<Routed | null> {
    const started = performance.now();
    const receivedAt = clock.now();
    counters.received++;
    const route = matchRoute(req.url);
    const endpoint = route ? deps.findEndpoint(route.token) : undefined;
    if (!route || !endpoint) {
      counters.notFound++;
      req.resume();
      const answer = decideAnswer({ outcome: { kind: 'not-found' }, rule: null, upstream: null });
      send(res, answer.status, answer.headers, answer.body);
      return null;
    }
    const bodyLimit = deps.bodyLimit();
    const read = await readRequestBody(req, bodyLimit);
    const headers = pairs(req.rawHeaders);
    return { id: newUlid(receivedAt), receivedAt, started, endpoint, route, url: req.url ?? '/', method: req.method ?? 'GET', headers, contentType: req.headers['content-type'] ?? null, bodyLimit, read };
  }

  /** Undoes the Content-Encoding (gzip, deflate, br), streaming and stopped at the body limit; the bytes as received stay as they are. */
  async function decode(r: Routed): Promise<Received> {
    const header = r.headers.filter(([name]) => name.toLowerCase() === 'content-encoding').map(([, value]) => value).join(', ');
    // A body already cut at the limit cannot be decoded whole; an empty one has nothing to decode.
    const decoded: Decoded = r.read.tooLarge || r.read.bytes.length === 0 ? { kind: 'identity' } : await decodeBody(r.read.bytes, header, r.bodyLimit);
    const body = decoded.kind === 'decoded' || decoded.kind === 'too-large' ? decoded.bytes : r.read.bytes;
    return { ...r, decoded, body };
  }

  /** The provider's own terms: event name, severity, summary, correlation keys. */
  function describe(r: Received, checked: Checked): Description {
    return describeRequest({ ...captureOf(r, checked), json: checked.json, endpointProvider: r.endpoint.provider, defaultCountryCode: deps.defaultCountryCode() });
  }

  /** Commits the row; a store that cannot write is answered 500 at once (the provider retries) and nothing else happens. */
  async function commit(record: NewRequest, planned: Plan, res: ServerResponse, r: Received): Promise<Inserted | null> {
    try {
      return await deps.insert(record);
    } catch (error) {
      planned.picked?.giveBack(); // nothing was answered by the rule, so its count stands
      const failure = error instanceof HookbridgeError ? error : new HookbridgeError('STORE_FAILED', String(error));
      const failed = decideAnswer({ outcome: { kind: 'store-failed', code: failure.code, message: failure.message }, rule: null, upstream: null });
      send(res, failed.status, failed.headers, failed.body, r.read.tooLarge);
      deps.onStoreFailed(failure);
      return null;
    }
  }

  /** Committed: counters, the rule's count, the bus, and the forward (acknowledge mode sends it only now). */
  function afterCommit(endpoint: Endpoint, record: NewRequest, inserted: Inserted, planned: Plan, answer: Answer, upstream: SendResult | null, forwardedAt: number): void {
    counters.stored++;
    if (answer.status >= 300 || answer.status === 0) counters.rejected++;
    if (planned.picked?.counted) deps.onRuleCounted?.(endpoint);
    deps.onStored(inserted.summary);
    const { outgoing } = planned;
    if (!outgoing) return;
    const recordForward = (result: SendResult): void => {
      deps.onForwarded?.(deliveryOf('forward', record.id, outgoing.url, outgoing.method, outgoing.body, result, forwardedAt, { edited: false, resigned: false }));
    };
    if (upstream) recordForward(upstream);
    // Acknowledge mode: the provider hears Hookbridge at once; the local app gets its copy after that.
    else void sendOn(outgoing, forwardTimeoutMs).then(recordForward);
  }

  /** Now, and only now, the provider hears back — after the rule's delay, if it has one. */
  async function reply(req: IncomingMessage, res: ServerResponse, r: Received, planned: Plan, answer: Answer): Promise<void> {
    const delayMs = planned.picked?.rule.action.delayMs ?? 0;
    if (delayMs > 0) await delayed(delayMs);
    if (answer.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    send(res, answer.status, answer.headers, answer.body, r.read.tooLarge);
    if (r.read.tooLarge) req.resume(); // discard the rest; the connection closes after the answer
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
          send(res, 400, jsonHeaders(body), body, true);
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
