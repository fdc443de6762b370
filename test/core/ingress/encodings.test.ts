// Bodies sent with Content-Encoding, against the real ingress of a started app: decoded for reading (parse,
// description, search, the inspector, exports' parsed body), kept exactly as sent for replays and HAR, and a
// corrupt stream, an unknown encoding or a decompression bomb answered with a sentence and kept.
import { createHmac } from 'node:crypto';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { exportEvents } from '../../../main/core/export/run';
import type { Fixture } from '../../../main/core/export/fixture';
import type { EventDetail, PublicEndpoint } from '../../../main/core/model';
import { callApi, startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const order = JSON.stringify({ type: 'order.shipped', data: { id: 'ord_1', carrier: 'zebrafinch', phone: '+4915112345678' } });

interface Answer {
  id?: string;
  received?: boolean;
  error?: { code: string; message: string };
}

async function post(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; answer: Answer }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: response.status, answer: (await response.json()) as Answer };
}

async function stored(id: string | undefined): Promise<EventDetail> {
  if (!app || !id) throw new Error('no event id in the answer');
  return app.app.api.getEvent({ id });
}

const encoders: Record<string, (input: Buffer) => Buffer> = {
  gzip: (input) => zlib.gzipSync(input),
  'x-gzip': (input) => zlib.gzipSync(input),
  deflate: (input) => zlib.deflateSync(input),
  br: (input) => zlib.brotliCompressSync(input),
};

describe('compressed bodies', () => {
  it.each(Object.keys(encoders))('decodes %s for reading and keeps the bytes as sent', async (encoding) => {
    app = await startTestApp();
    const sent = encoders[encoding]?.(Buffer.from(order)) ?? Buffer.alloc(0);
    const { status, answer } = await post(app.endpoint.url, sent, { 'Content-Encoding': encoding });
    expect(status).toBe(200);
    expect(answer.received).toBe(true);
    const event = await stored(answer.id);
    expect(event.body).toBe(order);
    expect(event.bodyEncoding).toBe('utf8');
    expect(event.contentEncoding).toBe(encoding);
    expect(Buffer.from(event.rawBody ?? '', 'base64').equals(sent)).toBe(true);
    expect(event.bodySize).toBe(sent.length);
    expect(event.name).toBe('order.shipped');
    expect(event.flags).toEqual([]);
  });

  it('decodes raw deflate (no zlib header), as some senders send it', async () => {
    app = await startTestApp();
    const { status, answer } = await post(app.endpoint.url, zlib.deflateRawSync(Buffer.from(order)), { 'Content-Encoding': 'deflate' });
    expect(status).toBe(200);
    expect((await stored(answer.id)).body).toBe(order);
  });

  it('undoes a list of encodings in reverse order of application', async () => {
    app = await startTestApp();
    const sent = zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(order)));
    const { status, answer } = await post(app.endpoint.url, sent, { 'Content-Encoding': 'gzip, br' });
    expect(status).toBe(200);
    const event = await stored(answer.id);
    expect(event.body).toBe(order);
    expect(event.contentEncoding).toBe('gzip, br');
  });

  it('leaves an unencoded body as it is: no raw copy, no encoding', async () => {
    app = await startTestApp();
    const { answer } = await post(app.endpoint.url, Buffer.from(order), { 'Content-Encoding': 'identity' });
    const event = await stored(answer.id);
    expect(event.body).toBe(order);
    expect(event.rawBody).toBeNull();
    expect(event.contentEncoding).toBeNull();
  });

  it('finds a word of a compressed body by full-text search, and matches rules on its JSON', async () => {
    app = await startTestApp();
    const rule = { name: 'zebra carrier', match: { json: { path: '$.data.carrier', value: 'zebrafinch' } }, action: { kind: 'respond', status: 202, body: 'taken' } };
    const updated = await callApi(app, 'updateEndpoint', { id: app.endpoint.id, rules: [rule] });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const response = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: zlib.gzipSync(Buffer.from(order)) });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('taken');
    const found = await app.app.api.listEvents({ filter: { text: 'zebrafinch' } });
    expect(found.events.map((e) => e.name)).toEqual(['order.shipped']);
  });

  it('verifies a signature over the bytes as sent', async () => {
    app = await startTestApp();
    const secret = 'gzip-signing-secret-000111';
    const created = await callApi(app, 'createEndpoint', { name: 'signed', auth: { kind: 'hub-signature-256', secret } });
    const endpoint = created.body as PublicEndpoint;
    const sent = zlib.gzipSync(Buffer.from(order));
    const signature = `sha256=${createHmac('sha256', secret).update(sent).digest('hex')}`;
    const good = await post(endpoint.url, sent, { 'Content-Encoding': 'gzip', 'X-Hub-Signature-256': signature });
    expect(good.status).toBe(200);
    expect((await stored(good.answer.id)).authCheck).toMatchObject({ result: 'valid' });
    const bad = await post(endpoint.url, sent, { 'Content-Encoding': 'gzip', 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` });
    expect(bad.status).toBe(401);
  });

  it('answers a corrupt stream 400 with the reason and keeps it, flagged, bytes as sent', async () => {
    app = await startTestApp();
    const sent = Buffer.concat([zlib.gzipSync(Buffer.from(order)).subarray(0, 20), Buffer.from('not gzip at all')]);
    const { status, answer } = await post(app.endpoint.url, sent, { 'Content-Encoding': 'gzip' });
    expect(status).toBe(400);
    expect(answer.error?.code).toBe('CORRUPT_ENCODING');
    expect(answer.error?.message).toMatch(/^The gzip body could not be decoded: .+\. The request was kept as event /);
    const event = await stored(answer.id);
    expect(event.flags).toEqual(['encoding_corrupt']);
    expect(Buffer.from(event.body, event.bodyEncoding === 'base64' ? 'base64' : 'utf8').equals(sent)).toBe(true);
    expect(event.parseError?.message).toMatch(/^The gzip body could not be decoded/);
    expect(event.summary).toMatch(/^The gzip body could not be decoded/);
  });

  it('answers an encoding it does not know 400, naming it, and keeps the request', async () => {
    app = await startTestApp();
    const { status, answer } = await post(app.endpoint.url, Buffer.from('compressed?'), { 'Content-Encoding': 'compress' });
    expect(status).toBe(400);
    expect(answer.error?.code).toBe('UNSUPPORTED_ENCODING');
    expect(answer.error?.message).toContain('Content-Encoding “compress” is not one Hookbridge decodes (gzip, x-gzip, deflate, br).');
    const event = await stored(answer.id);
    expect(event.flags).toEqual(['encoding_unsupported']);
    expect(event.body).toBe('compressed?');
  });

  it('cuts a decompression bomb at the body limit: 413, the raw bytes kept whole, the decoded text up to the limit', async () => {
    const limit = 64 * 1024;
    app = await startTestApp({ ingress: { bodyLimitBytes: limit } });
    // 32 MiB of JSON-ish zeros in about 32 KB: within the limit as sent, far past it decoded.
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(32 * 1024 * 1024, 0x30)]), { level: 9 });
    expect(bomb.length).toBeLessThan(limit);
    const { status, answer } = await post(app.endpoint.url, bomb, { 'Content-Encoding': 'gzip' });
    expect(status).toBe(413);
    expect(answer.error?.code).toBe('BODY_TOO_LARGE');
    expect(answer.error?.message).toMatch(/^The gzip body is .+ as sent but inflates past 64\.0 KiB/);
    const event = await stored(answer.id);
    expect(event.flags).toEqual(['decoded_too_large']);
    expect(Buffer.from(event.rawBody ?? '', 'base64').equals(bomb)).toBe(true);
    expect(event.body.length).toBe(limit);
    expect(event.body.startsWith('{"pad":"000')).toBe(true);
    // The ingress keeps serving.
    expect((await post(app.endpoint.url, Buffer.from(order), {})).status).toBe(200);
  });

  it('exports the parsed body decoded; unredacted keeps the bytes as sent, redacted exports them decoded and says so', async () => {
    app = await startTestApp();
    const sent = zlib.gzipSync(Buffer.from(order));
    expect((await post(app.endpoint.url, sent, { 'Content-Encoding': 'gzip' })).status).toBe(200);

    const asSent = await exportEvents(app.app.store, { format: 'json', redact: false, dedupe: false });
    const [exact] = asSent.files.filter((f) => f.path.endsWith('.json')).map((f) => JSON.parse(String(f.content)) as Fixture);
    expect(exact?.request.rawBodyEncoding).toBe('base64');
    expect(Buffer.from(exact?.request.rawBody ?? '', 'base64').equals(sent)).toBe(true);
    expect(exact?.request.headers).toContainEqual(['Content-Encoding', 'gzip']);
    expect(exact?.request.body).toEqual(JSON.parse(order));

    const har = await exportEvents(app.app.store, { format: 'har', redact: false, dedupe: false });
    const entry = (JSON.parse(String(har.files[0]?.content)) as { log: { entries: { request: { postData: { text: string; comment?: string } } }[] } }).log.entries[0];
    expect(entry?.request.postData.comment).toBe('base64');
    expect(Buffer.from(entry?.request.postData.text ?? '', 'base64').equals(sent)).toBe(true);

    const redacted = await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false });
    const [clean] = redacted.files.filter((f) => f.path.endsWith('.json')).map((f) => JSON.parse(String(f.content)) as Fixture);
    expect(clean?.request.rawBodyEncoding).toBe('utf8');
    expect(clean?.request.rawBody).not.toContain('+4915112345678');
    expect(clean?.request.rawBody).toContain('zebrafinch');
    expect(clean?.request.headers.map(([name]) => name.toLowerCase())).not.toContain('content-encoding');
    expect(redacted.notes).toContain('1 compressed body was exported decoded (without Content-Encoding) so it could be redacted; export without redaction for the bytes as sent.');
  });
});
