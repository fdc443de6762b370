// Bodies a person can read, at the real ingress: a Twilio form callback as fields (and JSON for rules, search,
// exports), SendGrid-style multipart as parts (text shown, files only downloaded), XML as a tree — with entity
// expansion and external entities refused.
import { afterEach, describe, expect, it } from 'vitest';
import { exportEvents } from '../../../main/core/export/run';
import type { Fixture } from '../../../main/core/export/fixture';
import type { EventDetail } from '../../../main/core/model';
import { callApi, startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function post(body: string | Buffer, contentType: string): Promise<{ status: number; id: string }> {
  const response = await fetch((app as TestApp).endpoint.url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  const text = await response.text();
  // A rule's answer is its own text: then the event is the newest one.
  const id = text.startsWith('{') ? (JSON.parse(text) as { id: string }).id : ((await (app as TestApp).app.api.listEvents({ limit: 1 })).events[0]?.id ?? '');
  return { status: response.status, id };
}

const stored = (id: string): Promise<EventDetail> => (app as TestApp).app.api.getEvent({ id });
const found = async (text: string): Promise<string[]> => (await (app as TestApp).app.api.listEvents({ filter: { text } })).events.map((e) => e.id);

// Twilio's status callback for an outbound SMS, as Twilio sends it (form-encoded, UTF-8).
const twilio =
  'SmsSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&SmsStatus=undelivered&MessageStatus=undelivered&To=%2B15558675310&MessageSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&AccountSid=AC7a3f1f1c5a1f4e2b9c8d7e6f5a4b3c2d&From=%2B15017122661&ApiVersion=2010-04-01&ErrorCode=30003&Body=Your+code+is+482913+%E2%80%94+gr%C3%BC%C3%9Fe&Tag=a&Tag=b';

function multipart(boundary: string, parts: { name: string; filename?: string; type?: string; body: string | Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    chunks.push(typeof part.body === 'string' ? Buffer.from(part.body) : part.body);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe('form-encoded bodies', () => {
  it('shows a Twilio callback as fields in order, repeated names kept, and as JSON for rules, search and exports', async () => {
    app = await startTestApp();
    const rule = { name: 'undelivered', match: { json: { path: '$.MessageStatus', value: 'undelivered' } }, action: { kind: 'respond', status: 503, body: 'later' } };
    expect((await callApi(app, 'updateEndpoint', { id: app.endpoint.id, rules: [rule] })).status).toBe(200);
    const { status, id } = await post(twilio, 'application/x-www-form-urlencoded; charset=utf-8');
    expect(status).toBe(503);
    const event = await stored(id);
    expect(event.readable?.kind).toBe('form');
    const fields = event.readable?.kind === 'form' ? event.readable.fields : [];
    expect(fields.slice(0, 4)).toEqual([
      ['SmsSid', 'SM1f0e8ae6ade43cb3c0ce4525424e404f'],
      ['SmsStatus', 'undelivered'],
      ['MessageStatus', 'undelivered'],
      ['To', '+15558675310'],
    ]);
    expect(fields).toContainEqual(['Body', 'Your code is 482913 — grüße']);
    expect(fields.filter(([name]) => name === 'Tag')).toEqual([['Tag', 'a'], ['Tag', 'b']]);
    // The stored bytes are the form as sent.
    expect(event.body).toBe(twilio);
    // A decoded word is found (it is "gr%C3%BC%C3%9Fe" on the wire).
    expect(await found('grüße')).toEqual([id]);

    const exact = await exportEvents(app.app.store, { format: 'json', redact: false, dedupe: false });
    const [fixture] = exact.files.filter((f) => f.path.endsWith('.json')).map((f) => JSON.parse(String(f.content)) as Fixture);
    expect(fixture?.request.body).toMatchObject({ MessageStatus: 'undelivered', To: '+15558675310', Tag: ['a', 'b'], ErrorCode: '30003' });
    const redacted = await exportEvents(app.app.store, { format: 'json', redact: true, dedupe: false });
    const [clean] = redacted.files.filter((f) => f.path.endsWith('.json')).map((f) => JSON.parse(String(f.content)) as Fixture);
    expect(JSON.stringify(clean?.request)).not.toContain('15558675310');
    expect(JSON.stringify(clean?.request)).not.toContain('482913');
    expect(clean?.request.body).toMatchObject({ MessageStatus: 'undelivered' });
  });

  it('keeps a field named __proto__ as a field', async () => {
    app = await startTestApp();
    const rule = { name: 'proto', match: { json: { path: '$.__proto__', value: 'x' } }, action: { kind: 'respond', status: 202, body: 'matched' } };
    expect((await callApi(app, 'updateEndpoint', { id: app.endpoint.id, rules: [rule] })).status).toBe(200);
    const { status, id } = await post('__proto__=x&constructor=y', 'application/x-www-form-urlencoded');
    expect(status).toBe(202);
    expect((await stored(id)).readable).toEqual({ kind: 'form', fields: [['__proto__', 'x'], ['constructor', 'y']] });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('multipart bodies', () => {
  it('lists SendGrid-style inbound mail parts: text fields as text, files as name, type and size, downloadable', async () => {
    app = await startTestApp();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const body = multipart('xYzZY', [
      { name: 'headers', body: 'Received: by mx0047p1mdw1.sendgrid.net\nSubject: Order 1234' },
      { name: 'from', body: 'Ana <ana@example.com>' },
      { name: 'text', body: 'Please find the quarterly albatross report attached.' },
      { name: 'attachment1', filename: 'logo.png', type: 'image/png', body: png },
      { name: 'attachment-info', body: '{"attachment1":{"filename":"logo.png","type":"image/png"}}' },
    ]);
    const { status, id } = await post(body, 'multipart/form-data; boundary=xYzZY');
    expect(status).toBe(200);
    const event = await stored(id);
    expect(event.readable).toMatchObject({
      kind: 'multipart',
      problem: null,
      parts: [
        { index: 0, name: 'headers', filename: null, text: 'Received: by mx0047p1mdw1.sendgrid.net\nSubject: Order 1234' },
        { index: 1, name: 'from', text: 'Ana <ana@example.com>' },
        { index: 2, name: 'text', text: 'Please find the quarterly albatross report attached.' },
        { index: 3, name: 'attachment1', filename: 'logo.png', contentType: 'image/png', size: png.length, text: null },
        { index: 4, name: 'attachment-info' },
      ],
    });
    expect(await found('albatross')).toEqual([id]);
    const part = await app.app.api.getBodyPart({ id, index: 3 });
    expect(part).toMatchObject({ name: 'attachment1', filename: 'logo.png', contentType: 'image/png', size: png.length });
    expect(Buffer.from(part.base64, 'base64').equals(png)).toBe(true);
    const missing = await callApi(app, 'getBodyPart', { id, index: 9 });
    expect(missing.status).toBe(404);
  });

  it('stops listing at 1,000 parts and says so; a body without its boundary says why', async () => {
    app = await startTestApp();
    const many = multipart('b', Array.from({ length: 1005 }, (_, i) => ({ name: `f${i}`, body: 'v' })));
    const { id } = await post(many, 'multipart/form-data; boundary=b');
    const event = await stored(id);
    expect(event.readable?.kind === 'multipart' && event.readable.parts.length).toBe(1000);
    expect(event.readable?.kind === 'multipart' && event.readable.problem).toBe('More than 1000 parts: only the first 1000 are listed.');

    const broken = await post('--b\r\nno headers here', 'multipart/form-data');
    expect(broken.status).toBe(200);
    const unread = await stored(broken.id);
    expect(unread.readable?.kind === 'multipart' && unread.readable.problem).toMatch(/^The multipart body cannot be read: .*boundary/i);
  });
});

describe('XML bodies', () => {
  it('shows XML as a tree and indented text, entities decoded only where XML predefines them; search finds its text', async () => {
    app = await startTestApp();
    const xml = '<?xml version="1.0" encoding="UTF-8"?><notification xmlns="urn:payments"><status code="REFUSED">Card &amp; PIN refused</status><reference>pelican-4711</reference><![CDATA[<raw>]]></notification>';
    const { status, id } = await post(xml, 'application/xml');
    expect(status).toBe(200);
    const event = await stored(id);
    expect(event.readable).toEqual({
      kind: 'xml',
      problem: null,
      pretty: '<notification xmlns="urn:payments">\n  <status code="REFUSED">Card &amp; PIN refused</status>\n  <reference>pelican-4711</reference>\n  <![CDATA[<raw>]]>\n</notification>',
      tree: [
        {
          kind: 'element',
          name: 'notification',
          attributes: [['xmlns', 'urn:payments']],
          children: [
            { kind: 'element', name: 'status', attributes: [['code', 'REFUSED']], children: [{ kind: 'text', text: 'Card & PIN refused' }] },
            { kind: 'element', name: 'reference', attributes: [], children: [{ kind: 'text', text: 'pelican-4711' }] },
            { kind: 'cdata', text: '<raw>' },
          ],
        },
      ],
    });
    expect(await found('pelican')).toEqual([id]);
  });

  it('refuses to read a DOCTYPE: no external entity is resolved, no entity expands (XXE, billion laughs)', async () => {
    app = await startTestApp();
    const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';
    for (const body of [xxe, laughs]) {
      const { status, id } = await post(body, 'text/xml');
      expect(status).toBe(200);
      const event = await stored(id);
      expect(event.readable).toEqual({ kind: 'xml', pretty: null, tree: null, problem: expect.stringContaining('declares a DOCTYPE') });
      expect(JSON.stringify(event)).not.toContain('root:');
      expect(JSON.stringify(event)).not.toContain('lollollol');
    }
    // An undeclared entity reference stays as written.
    const { id } = await post('<a>&xxe; &#65;&#x42;</a>', 'application/soap+xml');
    expect((await stored(id)).readable).toMatchObject({ tree: [{ kind: 'element', name: 'a', children: [{ kind: 'text', text: '&xxe; AB' }] }] });
  });

  it('keeps a 50,000-level deep document, shown to its first 200 levels, and keeps serving', async () => {
    app = await startTestApp();
    const deep = `${'<a>'.repeat(50_000)}x${'</a>'.repeat(50_000)}`;
    const { status, id } = await post(deep, 'application/xml');
    expect(status).toBe(200);
    const event = await stored(id);
    expect(event.body.length).toBe(deep.length);
    expect(event.readable?.kind).toBe('xml');
    expect(event.readable?.kind === 'xml' && event.readable.problem).toMatch(/200 levels deep|could not be read/);
  });

  it('says where XML is not well-formed', async () => {
    app = await startTestApp();
    const { status, id } = await post('<a><b></a>', 'application/xml');
    expect(status).toBe(200);
    expect((await stored(id)).readable).toMatchObject({ kind: 'xml', tree: null, problem: expect.stringMatching(/^Not well-formed XML: .+ \(line 1, column \d+\)\.$/) });
  });
});
