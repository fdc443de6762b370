// Hostile or odd requests against the real ingress of a started app: each gets a defined answer, the server
// keeps serving afterwards, and what the README's "What the provider is told" table says is kept, is kept.
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDetail, RequestFlag } from '../../../main/core/model';
import { startTestApp, type TestApp } from '../../support/app';

interface Answer {
  received?: boolean;
  id?: string;
  error?: { code: string; message: string; position?: number | null };
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let app: TestApp;
afterEach(async () => {
  await app?.stop();
});

/** Deterministic bytes (mulberry32), so a failure is reproducible. */
function seededBytes(length: number, seed: number): Buffer {
  let state = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** a..z repeated: every offset has a known byte, so "the first N bytes" can be checked exactly. */
const lettersBody = (length: number): Buffer => Buffer.from(Array.from({ length }, (_, i) => 0x61 + (i % 26)));

function storedBytes(event: EventDetail): Buffer {
  return Buffer.from(event.body, event.bodyEncoding === 'base64' ? 'base64' : 'utf8');
}

async function post(body: Buffer | string, contentType: string | null, subPath = ''): Promise<{ status: number; answer: Answer }> {
  const response = await fetch(`${app.endpoint.url}${subPath}`, {
    method: 'POST',
    headers: contentType === null ? {} : { 'Content-Type': contentType },
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  });
  return { status: response.status, answer: (await response.json()) as Answer };
}

function idOf(answer: Answer): string {
  if (typeof answer.id !== 'string') throw new Error(`the answer carries no event id: ${JSON.stringify(answer)}`);
  return answer.id;
}

async function expectStillServing(): Promise<void> {
  const { status, answer } = await post('{"name":"after.the.storm"}', 'application/json');
  expect(status).toBe(200);
  expect(answer.received).toBe(true);
}

/**
 * One request over node:http, with the path and headers exactly as given (no normalisation, no added headers
 * beyond Host). `writeBody` may write and end the request as it likes. Resolves once an answer has arrived and
 * the connection has closed; rejects after `guardMs` so a hanging server fails the test instead of stalling it.
 */
function rawRequest(
  options: { method?: string; path: string; headers?: string[]; guardMs?: number },
  writeBody: (request: http.ClientRequest, answered: () => boolean) => void = (request) => request.end(),
): Promise<RawResponse> {
  const url = new URL(app.app.ingressUrl ?? '');
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: http.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let answered = false;
    const guard = setTimeout(() => {
      request.destroy();
      reject(new Error(`no complete answer within ${options.guardMs ?? 20_000} ms (status so far: ${status || 'none'})`));
    }, options.guardMs ?? 20_000);
    const request = http.request({
      host: url.hostname,
      port: url.port,
      method: options.method ?? 'POST',
      path: options.path,
      headers: ['Host', url.host, ...(options.headers ?? [])],
      agent: false,
    });
    request.on('response', (res) => {
      answered = true;
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => undefined);
    });
    request.on('close', () => {
      clearTimeout(guard);
      if (answered) resolve({ status, headers, body: Buffer.concat(chunks) });
      else reject(new Error('the connection closed without an answer'));
    });
    // Errors after the answer (EPIPE/ECONNRESET while still writing a body the server no longer reads) are expected.
    request.on('error', (error) => {
      if (!answered) {
        clearTimeout(guard);
        reject(error);
      }
    });
    writeBody(request, () => answered);
  });
}

function parseAnswer(raw: RawResponse): Answer {
  return JSON.parse(raw.body.toString('utf8')) as Answer;
}

describe('ingress: odd bodies get a defined status and are kept byte for byte', () => {
  const deepArrays = '['.repeat(10_000) + ']'.repeat(10_000);
  const deepObjects = '{"a":'.repeat(10_000) + 'null' + '}'.repeat(10_000);
  const cases: { label: string; contentType: string | null; body: Buffer; status: number; flags: RequestFlag[] }[] = [
    { label: 'invalid JSON under application/json', contentType: 'application/json', body: Buffer.from('{"name": "a" "b"}'), status: 400, flags: ['parse_error'] },
    { label: 'JSON under text/plain', contentType: 'text/plain', body: Buffer.from('{"name":"order.created"}'), status: 200, flags: [] },
    { label: 'an empty body under application/json', contentType: 'application/json', body: Buffer.alloc(0), status: 400, flags: ['parse_error'] },
    { label: 'an empty body with no content type', contentType: null, body: Buffer.alloc(0), status: 200, flags: [] },
    { label: 'random bytes with NULs as application/octet-stream', contentType: 'application/octet-stream', body: Buffer.concat([Buffer.from([0x00, 0xff, 0x00]), seededBytes(4096, 7)]), status: 200, flags: [] },
    { label: 'invalid UTF-8 under application/json', contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 400, flags: ['parse_error'] },
    { label: 'invalid UTF-8 under text/plain', contentType: 'text/plain', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 200, flags: [] },
    { label: 'JSON with a UTF-8 byte order mark', contentType: 'application/json', body: Buffer.from('\ufeff{"name":"bom.event"}', 'utf8'), status: 200, flags: [] },
    { label: '__proto__ and constructor keys', contentType: 'application/json', body: Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":"x"}'), status: 200, flags: [] },
    { label: '10,000 levels of nested arrays', contentType: 'application/json', body: Buffer.from(deepArrays), status: 200, flags: [] },
    { label: '10,000 levels of nested objects', contentType: 'application/json', body: Buffer.from(deepObjects), status: 200, flags: [] },
  ];

  it.each(cases)('$label → $status, stored exactly, server keeps serving', async ({ contentType, body, status, flags }) => {
    app = await startTestApp();
    const sent = await post(body, contentType);
    expect(sent.status).toBe(status);

    const stored = await app.app.api.getEvent({ id: idOf(sent.answer) });
    expect(stored.flags).toEqual(flags);
    expect(stored.response.status).toBe(status);
    expect(stored.contentType).toBe(contentType);
    expect(stored.bodySize).toBe(body.length);
    expect(stored.bodyTruncated).toBe(false);
    const kept = storedBytes(stored);
    expect(kept.equals(body), `getEvent returned ${kept.length} bytes (${kept.subarray(0, 8).toString('hex')}…) for the ${body.length} sent (${body.subarray(0, 8).toString('hex')}…)`).toBe(true);

    await expectStillServing();
  });
});

describe('ingress: what a sender of odd bodies is told', () => {
  it('answers invalid JSON with the byte position of the error', async () => {
    app = await startTestApp();
    const { status, answer } = await post('{"name": "a" "b"}', 'application/json');
    expect(status).toBe(400);
    expect(answer.error?.code).toBe('INVALID_BODY');
    expect(answer.error?.position).toBe(13);
    expect(answer.error?.message).toMatch(/at byte 13\b/);
    const stored = await app.app.api.getEvent({ id: idOf(answer) });
    expect(stored.parseError).toEqual({ message: expect.stringMatching(/at byte 13\b/), position: 13 });
    expect(stored.severity).toBe('error');
  });

  it('names an event from its envelope even when the JSON came as text/plain', async () => {
    app = await startTestApp();
    const { status, answer } = await post('{"name":"order.created","data":{}}', 'text/plain; charset=utf-8');
    expect(status).toBe(200);
    const stored = await app.app.api.getEvent({ id: idOf(answer) });
    expect(stored.name).toBe('order.created');
    expect(stored.title).toBe('order.created');
    expect(stored.parseError).toBeNull();
  });

  it('tells an empty JSON body apart from an empty body with no type', async () => {
    app = await startTestApp();
    const empty = await post(Buffer.alloc(0), 'application/json');
    expect(empty.status).toBe(400);
    expect(empty.answer.error?.message).toMatch(/The body is empty, but the content type says JSON/);
    expect((await app.app.api.getEvent({ id: idOf(empty.answer) })).parseError?.position).toBe(0);

    const none = await post(Buffer.alloc(0), null);
    expect(none.status).toBe(200);
    const stored = await app.app.api.getEvent({ id: idOf(none.answer) });
    expect(stored.contentType).toBeNull();
    expect(stored.summary).toMatch(/no body/);
  });

  it('keeps a binary body as base64 that decodes to the exact bytes sent', async () => {
    app = await startTestApp();
    const body = Buffer.concat([Buffer.from([0x00, 0x00, 0xff, 0xc0, 0x80]), seededBytes(10_000, 42)]);
    const { status, answer } = await post(body, 'application/octet-stream');
    expect(status).toBe(200);
    const stored = await app.app.api.getEvent({ id: idOf(answer) });
    expect(stored.bodyEncoding).toBe('base64');
    expect(Buffer.from(stored.body, 'base64').equals(body)).toBe(true);
  });

  it('answers invalid UTF-8 under a JSON type with 400 naming the bad byte, and keeps it as base64', async () => {
    app = await startTestApp();
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    const { status, answer } = await post(body, 'application/json');
    expect(status).toBe(400);
    expect(answer.error?.message).toMatch(/not valid UTF-8 \(first bad byte at 6\)/);
    expect(answer.error?.position).toBe(6);
    const stored = await app.app.api.getEvent({ id: idOf(answer) });
    expect(stored.flags).toEqual(['parse_error']);
    expect(stored.bodyEncoding).toBe('base64');
    expect(Buffer.from(stored.body, 'base64').equals(body)).toBe(true);
  });

  it('accepts the same invalid UTF-8 under text/plain and keeps it as base64', async () => {
    app = await startTestApp();
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const { status, answer } = await post(body, 'text/plain');
    expect(status).toBe(200);
    const stored = await app.app.api.getEvent({ id: idOf(answer) });
    expect(stored.flags).toEqual([]);
    expect(stored.bodyEncoding).toBe('base64');
    expect(Buffer.from(stored.body, 'base64').equals(body)).toBe(true);
  });

  it('accepts JSON that starts with a UTF-8 byte order mark and names it from its envelope', async () => {
    app = await startTestApp();
    const { status, answer } = await post(Buffer.from('\ufeff{"name":"bom.event"}', 'utf8'), 'application/json');
    expect(status).toBe(200);
    expect((await app.app.api.getEvent({ id: idOf(answer) })).name).toBe('bom.event');
  });

  it('stores __proto__ and constructor keys as data without polluting any prototype', async () => {
    app = await startTestApp();
    const body = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":"x"}';
    const { status, answer } = await post(body, 'application/json');
    expect(status).toBe(200);

    const stored = await app.app.api.getEvent({ id: idOf(answer) });
    expect(stored.body).toBe(body);
    expect(stored.name).toBe('x');
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
    expect(Reflect.get(Object.prototype, 'polluted')).toBeUndefined();
    await expectStillServing();
  });

  it('stores 10,000 levels of nested arrays and objects intact and keeps answering', async () => {
    app = await startTestApp();
    for (const body of ['['.repeat(10_000) + ']'.repeat(10_000), '{"a":'.repeat(10_000) + '"deep"' + '}'.repeat(10_000)]) {
      const { status, answer } = await post(body, 'application/json');
      expect(status).toBe(200);
      const stored = await app.app.api.getEvent({ id: idOf(answer) });
      expect(stored.body).toBe(body);
      expect(stored.flags).toEqual([]);
    }
    await expectStillServing();
    expect((await app.app.api.listEvents({})).events).toHaveLength(3);
  });
});

describe('ingress: body limit', () => {
  const limit = 70_000;

  it('answers 413 one byte over the limit, keeps the first 64 KiB, and accepts exactly the limit', async () => {
    app = await startTestApp({ ingress: { bodyLimitBytes: limit } });
    const over = lettersBody(limit + 1);
    const tooLarge = await post(over, 'text/plain');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.answer.error?.code).toBe('BODY_TOO_LARGE');
    const kept = await app.app.api.getEvent({ id: idOf(tooLarge.answer) });
    expect(kept.flags).toEqual(['body_too_large']);
    expect(kept.bodySize).toBe(limit + 1);
    expect(kept.bodyTruncated).toBe(true);
    expect(storedBytes(kept).equals(over.subarray(0, 64 * 1024))).toBe(true);

    const exact = lettersBody(limit);
    const atLimit = await post(exact, 'text/plain');
    expect(atLimit.status).toBe(200);
    const whole = await app.app.api.getEvent({ id: idOf(atLimit.answer) });
    expect(whole.bodyTruncated).toBe(false);
    expect(storedBytes(whole).equals(exact)).toBe(true);
  });

  it('answers 413 to a huge declared Content-Length while the client is still streaming, and ends the connection', async () => {
    app = await startTestApp({ ingress: { bodyLimitBytes: limit } });
    const declared = 1024 * 1024 * 1024;
    const chunk = lettersBody(16 * 1024);
    let written = 0;
    const raw = await rawRequest(
      { path: new URL(app.endpoint.url).pathname, headers: ['Content-Type', 'text/plain', 'Content-Length', String(declared)] },
      (request, answered) => {
        // Keep streaming (well past the limit) until the server answers; never finish the declared gigabyte.
        const pump = (): void => {
          while (!answered() && !request.destroyed && written < 64 * 1024 * 1024) {
            written += chunk.length;
            if (!request.write(chunk)) return void request.once('drain', pump);
          }
        };
        pump();
      },
    );
    expect(raw.status).toBe(413);
    expect(parseAnswer(raw).error?.code).toBe('BODY_TOO_LARGE');
    expect(raw.headers.connection).toBe('close');
    expect(written).toBeGreaterThan(limit);

    const [event] = (await app.app.api.listEvents({})).events;
    const stored = await app.app.api.getEvent({ id: event?.id ?? '' });
    expect(stored.flags).toEqual(['body_too_large']);
    expect(stored.bodySize).toBe(declared);
    expect(stored.bodyTruncated).toBe(true);
    expect(storedBytes(stored).equals(Buffer.concat(Array.from({ length: 4 }, () => chunk)))).toBe(true);
    await expectStillServing();
  });

  it('answers 413 to a chunked body with no Content-Length once it passes the limit', async () => {
    app = await startTestApp({ ingress: { bodyLimitBytes: limit } });
    const chunk = lettersBody(10_000);
    let written = 0;
    const raw = await rawRequest(
      { path: new URL(app.endpoint.url).pathname, headers: ['Content-Type', 'text/plain', 'Transfer-Encoding', 'chunked'] },
      (request, answered) => {
        const pump = (): void => {
          while (!answered() && !request.destroyed && written < 64 * 1024 * 1024) {
            written += chunk.length;
            if (!request.write(chunk)) return void request.once('drain', pump);
          }
        };
        pump();
      },
    );
    expect(raw.status).toBe(413);
    expect(raw.headers.connection).toBe('close');
    const stored = await app.app.api.getEvent({ id: idOf(parseAnswer(raw)) });
    expect(stored.flags).toEqual(['body_too_large']);
    expect(stored.bodySize).toBeGreaterThan(limit);
    expect(storedBytes(stored).equals(Buffer.concat(Array.from({ length: 7 }, () => chunk)).subarray(0, 64 * 1024))).toBe(true);
    await expectStillServing();
  });
});

describe('ingress: headers', () => {
  it('accepts 500 distinct headers and stores all of them in the order sent', async () => {
    app = await startTestApp();
    const sent: [string, string][] = Array.from({ length: 500 }, (_, i) => [`X-Test-${String(i).padStart(3, '0')}`, `value ${i}`]);
    const raw = await rawRequest({
      path: new URL(app.endpoint.url).pathname,
      headers: [...sent.flat(), 'Content-Length', '0'],
    });
    expect(raw.status).toBe(200);
    const stored = await app.app.api.getEvent({ id: idOf(parseAnswer(raw)) });
    expect(stored.headers.filter(([name]) => name.startsWith('X-Test-'))).toEqual(sent);
  });

  it('answers 431 when the headers pass 16 KiB, and stores nothing', async () => {
    app = await startTestApp();
    const raw = await rawRequest({
      path: new URL(app.endpoint.url).pathname,
      headers: ['X-Big', 'a'.repeat(17 * 1024), 'Content-Length', '0'],
    });
    expect(raw.status).toBe(431);
    expect(parseAnswer(raw).error?.message).toMatch(/could not be read/);
    expect((await app.app.api.listEvents({})).events).toHaveLength(0);
    await expectStillServing();
  });
});

describe('ingress: methods', () => {
  it.each(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])('answers a %s request 200 and stores it with its method', async (method) => {
    app = await startTestApp();
    const response = await fetch(`${app.endpoint.url}/methods`, { method });
    expect(response.status).toBe(200);
    const [event] = (await app.app.api.listEvents({})).events;
    expect(event?.method).toBe(method);
    expect(event?.path).toBe('methods');
    expect(event?.status).toBe(200);
    if (method === 'HEAD') {
      expect(await response.text()).toBe('');
    } else {
      expect(((await response.json()) as Answer).id).toBe(event?.id);
    }
  });
});

describe('ingress: odd paths are data, never files', () => {
  const expectReceipt = (raw: RawResponse): string => {
    const answer = parseAnswer(raw);
    // The answer is the receipt and nothing else: no file content can be in it.
    expect(Object.keys(answer).sort()).toEqual(['id', 'received']);
    expect(raw.body.toString()).not.toMatch(/root:/);
    return idOf(answer);
  };

  it('stores /../../etc/passwd as a sub-path, not normalised and not read', async () => {
    app = await startTestApp();
    const raw = await rawRequest({ path: `/h/${app.endpoint.token}/../../etc/passwd`, headers: ['Content-Length', '0'] });
    expect(raw.status).toBe(200);
    const stored = await app.app.api.getEvent({ id: expectReceipt(raw) });
    expect(stored.path).toBe('../../etc/passwd');
    expect(stored.response.body).toBe(raw.body.toString());
  });

  it('stores an encoded NUL sub-path as sent', async () => {
    app = await startTestApp();
    const raw = await rawRequest({ path: `/h/${app.endpoint.token}/%00?x=%00`, headers: ['Content-Length', '0'] });
    expect(raw.status).toBe(200);
    const stored = await app.app.api.getEvent({ id: expectReceipt(raw) });
    expect(stored.path).toBe('%00');
    expect(stored.query).toBe('x=%00');
  });

  it('stores a 10,000-character sub-path as sent', async () => {
    app = await startTestApp();
    const subPath = Array.from({ length: 2_000 }, (_, i) => `s${i % 10}`).join('/').padEnd(10_000, 'x');
    const raw = await rawRequest({ path: `/h/${app.endpoint.token}/${subPath}`, headers: ['Content-Length', '0'] });
    expect(raw.status).toBe(200);
    const stored = await app.app.api.getEvent({ id: expectReceipt(raw) });
    expect(stored.path).toBe(subPath);
  });

  it('answers 431 to a sub-path past the 16 KiB header limit, and stores nothing', async () => {
    app = await startTestApp();
    const raw = await rawRequest({ path: `/h/${app.endpoint.token}/${'p'.repeat(17 * 1024)}`, headers: ['Content-Length', '0'] });
    expect(raw.status).toBe(431);
    expect((await app.app.api.listEvents({})).events).toHaveLength(0);
    await expectStillServing();
  });
});

describe('ingress: timeouts', () => {
  it('answers 408 and ends the connection when a client sends headers and then stalls the body', async () => {
    app = await startTestApp({ ingress: { requestTimeoutMs: 500, headersTimeoutMs: 300 } });
    const raw = await rawRequest(
      {
        path: new URL(app.endpoint.url).pathname,
        headers: ['Content-Type', 'application/json', 'Content-Length', '100'],
        guardMs: 20_000,
      },
      (request) => {
        request.write('{"name":"stal'); // 13 of the 100 declared bytes, then nothing
      },
    );
    expect(raw.status).toBe(408);
    expect(parseAnswer(raw).error?.message).toMatch(/ERR_HTTP_REQUEST_TIMEOUT/);
    expect(raw.headers.connection).toBe('close');
    expect((await app.app.api.listEvents({})).events).toHaveLength(0);
    await expectStillServing();
  });

  it('answers 408 and ends the connection when a client stalls halfway through its headers', async () => {
    app = await startTestApp({ ingress: { requestTimeoutMs: 500, headersTimeoutMs: 300 } });
    const url = new URL(app.app.ingressUrl ?? '');
    const result = await new Promise<{ text: string }>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname);
      let text = '';
      const guard = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the connection was still open after 20000 ms; received so far: ${JSON.stringify(text)}`));
      }, 20_000);
      socket.on('connect', () => socket.write(`POST ${new URL(app.endpoint.url).pathname} HTTP/1.1\r\nHost: ${url.host}\r\nX-Slow: `));
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(guard);
        resolve({ text });
      });
      socket.on('end', () => socket.end());
    });
    expect(result.text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect((await app.app.api.listEvents({})).events).toHaveLength(0);
    await expectStillServing();
  });
});

describe('ingress: concurrency', () => {
  it('answers 200 concurrent posts with 200 and stores 200 distinct events', async () => {
    app = await startTestApp();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(JSON.stringify({ name: 'burst', n: i }), 'application/json')));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 200 }, () => 200));
    const ids = new Set(results.map((r) => idOf(r.answer)));
    expect(ids.size).toBe(200);

    const page = await app.app.api.listEvents({ limit: 500 });
    expect(new Set(page.events.map((e) => e.id))).toEqual(ids);
  });
});
