// Registration handshakes at the real ingress: each provider's documented request gets its documented answer
// (status, content type, body, headers), is stored marked as a handshake, and nothing else (rules, forward)
// applies to it. Look-alikes, oversized echoes, missing secrets, bad signatures and the "off" setting are answered
// as the issue says.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDetail, PublicEndpoint } from '../../../main/core/model';
import { callApi, startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

interface Sent {
  method?: string;
  /** Appended to the endpoint URL: "?validationToken=…" or "". */
  suffix?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Heard {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over node:http (fetch cannot send OPTIONS bodies or read HEAD the same way), answered in full. */
function send(url: string, { method = 'POST', suffix = '', headers = {}, body }: Sent): Promise<Heard> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${suffix}`, { method, headers: body === undefined ? headers : { 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function latest(): Promise<EventDetail> {
  const { events } = await (app as TestApp).app.api.listEvents({ limit: 1 });
  const [event] = events;
  if (!event) throw new Error('nothing was stored');
  return (app as TestApp).app.api.getEvent({ id: event.id });
}

async function configure(handshakes: unknown, endpoint?: PublicEndpoint): Promise<PublicEndpoint> {
  const updated = await callApi(app as TestApp, 'updateEndpoint', { id: (endpoint ?? (app as TestApp).endpoint).id, handshakes });
  expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  return updated.body as PublicEndpoint;
}

const json = { 'Content-Type': 'application/json' };
const plain = 'text/plain; charset=utf-8';
const jsonType = 'application/json; charset=utf-8';

interface Case {
  id: string;
  name: string;
  sent: Sent;
  status: number;
  contentType?: string;
  body: string;
  headers?: Record<string, string>;
  /** The endpoint's handshake settings for this case. */
  settings?: unknown;
}

const zoomSecret = 'zoom-secret-token-abc123';
const xSecret = 'x-consumer-secret-0123456789';

const cases: Case[] = [
  {
    id: 'slack',
    name: 'slack.url_verification',
    sent: { headers: json, body: JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }) },
    status: 200,
    contentType: plain,
    body: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    headers: { 'x-content-type-options': 'nosniff' },
  },
  {
    id: 'microsoft-graph',
    name: 'microsoft-graph.validation',
    sent: { suffix: `?validationToken=${encodeURIComponent('Validation: Testing client application reachability for subscription Request-Id: 8a5b1f6e-2a6c-4c1e-9c2b-1f0a3c9b7d21')}`, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '' },
    status: 200,
    contentType: plain,
    body: 'Validation: Testing client application reachability for subscription Request-Id: 8a5b1f6e-2a6c-4c1e-9c2b-1f0a3c9b7d21',
  },
  {
    id: 'microsoft-graph',
    name: 'microsoft-graph.validation',
    sent: { suffix: '?validationtoken=sharepoint%2Btoken%20value', body: '' },
    status: 200,
    contentType: plain,
    body: 'sharepoint+token value',
  },
  {
    id: 'event-grid',
    name: 'event-grid.subscription_validation',
    sent: {
      headers: { ...json, 'aeg-event-type': 'SubscriptionValidation' },
      body: JSON.stringify([
        {
          id: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66',
          topic: '/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
          subject: '',
          data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6', validationUrl: 'https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000000000-0000-0000-0000-00000000000000&t=2022-10-28T04:23:35.1981776Z&apiVersion=2018-05-01-preview&token=1A1A1A1A' },
          eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
          eventTime: '2022-10-28T04:23:35.1981776Z',
          metadataVersion: '1',
          dataVersion: '1',
        },
      ]),
    },
    status: 200,
    contentType: jsonType,
    body: JSON.stringify({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' }),
  },
  {
    id: 'cloudevents',
    name: 'cloudevents.validation',
    sent: { method: 'OPTIONS', headers: { 'WebHook-Request-Origin': 'eventemitter.example.com', 'WebHook-Request-Rate': '120' } },
    status: 200,
    body: '',
    headers: { 'webhook-allowed-origin': 'eventemitter.example.com', 'webhook-allowed-rate': '120', allow: 'POST, OPTIONS' },
  },
  {
    id: 'meta',
    name: 'meta.subscribe',
    sent: { method: 'GET', suffix: '?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock' },
    status: 200,
    contentType: plain,
    body: '1158201444',
    settings: { verifyToken: 'meatyhamhock' },
  },
  {
    id: 'strava',
    name: 'strava.subscribe',
    sent: { method: 'GET', suffix: '?hub.verify_token=STRAVA&hub.challenge=15f7d1a91c1f40f8a748fd134752feb3&hub.mode=subscribe' },
    status: 200,
    contentType: jsonType,
    body: JSON.stringify({ 'hub.challenge': '15f7d1a91c1f40f8a748fd134752feb3' }),
    settings: { mode: 'provider', provider: 'strava', verifyToken: 'STRAVA' },
  },
  {
    id: 'dropbox',
    name: 'dropbox.verification',
    sent: { method: 'GET', suffix: '?challenge=7ad4f2b1c0e9' },
    status: 200,
    contentType: plain,
    body: '7ad4f2b1c0e9',
    headers: { 'x-content-type-options': 'nosniff' },
  },
  {
    id: 'okta',
    name: 'okta.verification',
    sent: { method: 'GET', headers: { 'X-Okta-Verification-Challenge': 'lvpVkDvm9RnMNPHcXeLQmn-I2-4M1rGxxzv7BVr8' } },
    status: 200,
    contentType: jsonType,
    body: JSON.stringify({ verification: 'lvpVkDvm9RnMNPHcXeLQmn-I2-4M1rGxxzv7BVr8' }),
  },
  {
    id: 'asana',
    name: 'asana.handshake',
    sent: { headers: { 'X-Hook-Secret': 'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81' }, body: '' },
    status: 200,
    body: '',
    headers: { 'x-hook-secret': 'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81' },
  },
  { id: 'trello', name: 'trello.head', sent: { method: 'HEAD' }, status: 200, body: '' },
  {
    id: 'twitch',
    name: 'twitch.webhook_callback_verification',
    sent: {
      headers: { ...json, 'Twitch-Eventsub-Message-Type': 'webhook_callback_verification' },
      body: JSON.stringify({
        challenge: 'pogchamp-kappa-360noscope-vohiyo',
        subscription: { id: 'f1c2a387-161a-49f9-a165-0f21d7a4e1c4', status: 'webhook_callback_verification_pending', type: 'channel.follow', version: '1', cost: 1, condition: { broadcaster_user_id: '12826' }, transport: { method: 'webhook', callback: 'https://example.com/webhooks/callback' }, created_at: '2019-11-16T10:11:12.634234626Z' },
      }),
    },
    status: 200,
    contentType: plain,
    body: 'pogchamp-kappa-360noscope-vohiyo',
  },
  {
    id: 'monday',
    name: 'monday.challenge',
    sent: { headers: json, body: JSON.stringify({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' }) },
    status: 200,
    contentType: jsonType,
    body: JSON.stringify({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' }),
  },
  {
    id: 'smartsheet',
    name: 'smartsheet.verification',
    sent: { headers: { ...json, 'Smartsheet-Hook-Challenge': 'd78dd1d3-01ce-4481-81de-92b4f3aa5ab1' }, body: JSON.stringify({ challenge: 'd78dd1d3-01ce-4481-81de-92b4f3aa5ab1', webhookId: 2674017481058180 }) },
    status: 200,
    body: JSON.stringify({ smartsheetHookResponse: 'd78dd1d3-01ce-4481-81de-92b4f3aa5ab1' }),
    headers: { 'smartsheet-hook-response': 'd78dd1d3-01ce-4481-81de-92b4f3aa5ab1' },
  },
  {
    id: 'zoom',
    name: 'zoom.endpoint.url_validation',
    sent: { headers: json, body: JSON.stringify({ payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' }, event_ts: 1654503849680, event: 'endpoint.url_validation' }) },
    status: 200,
    contentType: jsonType,
    body: JSON.stringify({ plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: createHmac('sha256', zoomSecret).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex') }),
    settings: { zoomSecretToken: zoomSecret },
  },
  {
    id: 'x',
    name: 'x.crc',
    sent: { method: 'GET', suffix: '?crc_token=challenge_string_9f2' },
    status: 200,
    contentType: jsonType,
    body: JSON.stringify({ response_token: `sha256=${createHmac('sha256', xSecret).update('challenge_string_9f2').digest('base64')}` }),
    settings: { xConsumerSecret: xSecret },
  },
];

describe('registration handshakes', () => {
  it.each(cases.map((c) => [`${c.id}${c.sent.suffix?.includes('validationtoken') ? ' (SharePoint)' : ''}`, c] as const))('%s: the documented answer, stored as a handshake', async (_label, c) => {
    app = await startTestApp();
    // A response rule and a forward that would answer any webhook: neither applies to a handshake.
    const rules = [{ name: 'everything 503', match: {}, action: { kind: 'respond', status: 503, body: 'rule', delayMs: 5000 } }];
    const updated = await callApi(app, 'updateEndpoint', { id: app.endpoint.id, rules, forward: { url: 'http://127.0.0.1:9/never', mode: 'pass-through' }, ...(c.settings ? { handshakes: c.settings } : {}) });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);

    const heard = await send(app.endpoint.url, c.sent);
    expect(heard.status).toBe(c.status);
    if (c.contentType) expect(heard.headers['content-type']).toBe(c.contentType);
    expect(heard.body).toBe(c.body);
    for (const [name, value] of Object.entries(c.headers ?? {})) expect(heard.headers[name]).toBe(value);

    const event = await latest();
    expect(event.handshake).toMatchObject({ id: c.id, outcome: 'answered' });
    expect(event.name).toBe(c.name);
    expect(event.severity).toBe('info');
    expect(event.answeredBy).toBeNull();
    expect(event.response.status).toBe(c.status);
    expect(await app.app.api.listDeliveries({ id: event.id })).toEqual([]);
  });

  it('answers nothing as a handshake when switched off: the ordinary 200', async () => {
    app = await startTestApp();
    await configure({ mode: 'off' });
    const heard = await send(app.endpoint.url, { headers: json, body: JSON.stringify({ token: 't', challenge: 'c', type: 'url_verification' }) });
    expect(heard.status).toBe(200);
    expect(JSON.parse(heard.body)).toMatchObject({ received: true });
    expect((await latest()).handshake).toBeNull();
  });

  it('answers only the chosen provider’s handshake in "provider" mode', async () => {
    app = await startTestApp();
    await configure({ mode: 'provider', provider: 'dropbox' });
    const slack = await send(app.endpoint.url, { headers: json, body: JSON.stringify({ token: 't', challenge: 'c', type: 'url_verification' }) });
    expect(JSON.parse(slack.body)).toMatchObject({ received: true });
    const dropbox = await send(app.endpoint.url, { method: 'GET', suffix: '?challenge=abc' });
    expect(dropbox.body).toBe('abc');
  });

  it('recognises only the full documented shape: look-alikes are webhooks', async () => {
    app = await startTestApp();
    const lookAlikes: Sent[] = [
      // monday.com: a body with a challenge and anything else is not monday's handshake.
      { headers: json, body: JSON.stringify({ challenge: 'x', event: { type: 'create_item' } }) },
      // Slack: url_verification without a token.
      { headers: json, body: JSON.stringify({ type: 'url_verification', challenge: 'x' }) },
      // Event Grid: the array without the header.
      { headers: json, body: JSON.stringify([{ eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: { validationCode: 'x' } }]) },
      // Twitch: the header on an ordinary notification.
      { headers: { ...json, 'Twitch-Eventsub-Message-Type': 'notification' }, body: JSON.stringify({ challenge: 'x', subscription: {} }) },
      // Dropbox: a challenge among other query parameters.
      { method: 'GET', suffix: '?challenge=x&page=2' },
      // Meta: hub.challenge without hub.mode=subscribe.
      { method: 'GET', suffix: '?hub.challenge=x&hub.verify_token=y' },
      // Graph: a validationToken on a request with a body.
      { suffix: '?validationToken=x', headers: json, body: '{"value":[]}' },
    ];
    for (const sent of lookAlikes) {
      const heard = await send(app.endpoint.url, sent);
      expect(heard.status, JSON.stringify(sent)).toBe(200);
      expect(JSON.parse(heard.body), JSON.stringify(sent)).toMatchObject({ received: true });
      expect((await latest()).handshake, JSON.stringify(sent)).toBeNull();
    }
  });

  it('answers an echo over 1 KiB as a webhook, flagged', async () => {
    app = await startTestApp();
    const challenge = 'c'.repeat(1025);
    const heard = await send(app.endpoint.url, { headers: json, body: JSON.stringify({ token: 't', challenge, type: 'url_verification' }) });
    expect(heard.status).toBe(200);
    expect(JSON.parse(heard.body)).toMatchObject({ received: true });
    expect(heard.body).not.toContain('ccc');
    const event = await latest();
    expect(event.handshake).toMatchObject({ id: 'slack', outcome: 'echo-too-long' });
    expect(event.handshake?.note).toContain('1025 bytes');
    // Exactly 1 KiB is still echoed.
    const echoed = await send(app.endpoint.url, { method: 'GET', suffix: `?challenge=${'d'.repeat(1024)}` });
    expect(echoed.body).toBe('d'.repeat(1024));
  });

  it('explains what to configure when the answer needs a secret the endpoint lacks (Zoom, X)', async () => {
    app = await startTestApp();
    const zoom = await send(app.endpoint.url, { headers: json, body: JSON.stringify({ payload: { plainToken: 'abc' }, event_ts: 1, event: 'endpoint.url_validation' }) });
    expect(zoom.status).toBe(400);
    const zoomError = (JSON.parse(zoom.body) as { error: { code: string; message: string } }).error;
    expect(zoomError.code).toBe('HANDSHAKE_SECRET_MISSING');
    expect(zoomError.message).toContain('Secret Token');
    expect((await latest()).handshake).toMatchObject({ id: 'zoom', outcome: 'needs-secret' });
    expect((await latest()).severity).toBe('error');

    const crc = await send(app.endpoint.url, { method: 'GET', suffix: '?crc_token=abc' });
    expect(crc.status).toBe(400);
    expect(crc.body).toContain('consumer secret');
    expect((await latest()).handshake).toMatchObject({ id: 'x', outcome: 'needs-secret' });
  });

  it('checks Meta’s verify token when the endpoint has one, and says so when it has none', async () => {
    app = await startTestApp();
    const open = await send(app.endpoint.url, { method: 'GET', suffix: '?hub.mode=subscribe&hub.challenge=42&hub.verify_token=anything' });
    expect(open.body).toBe('42');
    expect((await latest()).handshake?.note).toContain('Any hub.verify_token was accepted');

    const endpoint = await configure({ verifyToken: 'right-token' });
    expect(endpoint.handshakes).toEqual({ mode: 'documented', provider: null, verifyTokenHint: expect.stringMatching(/^ri•+/), zoomSecretTokenHint: null, xConsumerSecretHint: null });
    expect(JSON.stringify(endpoint)).not.toContain('right-token');
    const wrong = await send(app.endpoint.url, { method: 'GET', suffix: '?hub.mode=subscribe&hub.challenge=42&hub.verify_token=wrong-token' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('hub.verify_token does not match');
    expect(wrong.body).not.toContain('right-token');
    expect((await latest()).handshake).toMatchObject({ id: 'meta', outcome: 'refused' });

    // A secret left out of an update stays; null removes it.
    await configure({ mode: 'documented' });
    expect((await send(app.endpoint.url, { method: 'GET', suffix: '?hub.mode=subscribe&hub.challenge=7&hub.verify_token=wrong-token' })).status).toBe(403);
    await configure({ verifyToken: null });
    expect((await send(app.endpoint.url, { method: 'GET', suffix: '?hub.mode=subscribe&hub.challenge=7&hub.verify_token=wrong-token' })).body).toBe('7');
  });

  it('runs the endpoint’s check first: a signed handshake with a bad signature is 401, a disabled endpoint 403', async () => {
    app = await startTestApp();
    const secret = 'slack-signing-secret-000';
    const created = await callApi(app, 'createEndpoint', { name: 'signed', auth: { kind: 'hub-signature-256', secret } });
    const endpoint = created.body as PublicEndpoint;
    const body = JSON.stringify({ token: 't', challenge: 'ch4llenge', type: 'url_verification' });
    const bad = await send(endpoint.url, { headers: { ...json, 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` }, body });
    expect(bad.status).toBe(401);
    expect(bad.body).not.toContain('ch4llenge');
    const good = await send(endpoint.url, { headers: { ...json, 'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` }, body });
    expect([good.status, good.body]).toEqual([200, 'ch4llenge']);

    await callApi(app, 'updateEndpoint', { id: app.endpoint.id, enabled: false });
    const disabled = await send(app.endpoint.url, { method: 'GET', suffix: '?challenge=abc' });
    expect(disabled.status).toBe(403);
  });

  it('checks Slack’s own signature before answering url_verification, and answers Zoom with its signature secret', async () => {
    app = await startTestApp();
    const signing = 'slack-signing-secret-123';
    const slackEndpoint = (await callApi(app, 'createEndpoint', { name: 'slack', auth: { kind: 'slack', secret: signing } })).body as PublicEndpoint;
    const body = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: 'signed-challenge', type: 'url_verification' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', signing).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const forged = await send(slackEndpoint.url, { headers: { ...json, 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': `v0=${'1'.repeat(64)}` }, body });
    expect(forged.status).toBe(401);
    expect(forged.body).toContain('X-Slack-Signature does not match');
    expect(forged.body).not.toContain('signed-challenge');
    const signed = await send(slackEndpoint.url, { headers: { ...json, 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': signature }, body });
    expect([signed.status, signed.body]).toEqual([200, 'signed-challenge']);

    const zoomEndpoint = (await callApi(app, 'createEndpoint', { name: 'zoom', auth: { kind: 'zoom', secret: zoomSecret, enforce: 'flag' } })).body as PublicEndpoint;
    const validation = await send(zoomEndpoint.url, { headers: json, body: JSON.stringify({ payload: { plainToken: 'pt-1' }, event: 'endpoint.url_validation', event_ts: 1 }) });
    expect(JSON.parse(validation.body)).toEqual({ plainToken: 'pt-1', encryptedToken: createHmac('sha256', zoomSecret).update('pt-1').digest('hex') });
  });

  it('refuses "provider" mode without a provider, at the field', async () => {
    app = await startTestApp();
    const refused = await callApi(app, 'updateEndpoint', { id: app.endpoint.id, handshakes: { mode: 'provider' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'handshakes.provider' }] } } });
  });
});
