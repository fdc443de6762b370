// Provider packs at the real ingress, on the providers' own examples: detection, event name, severity, summary,
// keys, delivery ids and signatures — signed by the providers' own libraries where one exists (and ours verified
// by them). Plus the generic fallback's naming rules and the packs' file format.
import { createHmac, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { EventWebhook } from '@sendgrid/eventwebhook';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import examples from '@octokit/webhooks-examples';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilioLib from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDetail, PublicEndpoint } from '../../../main/core/model';
import { loadPack } from '../../../main/core/providers/packs/format';
import { packs } from '../../../main/core/providers/packs';
import { signRequest } from '../../../main/core/signatures';
import { EndpointAuth } from '../../../main/core/model';
import { migrate } from '../../../main/core/store/migrations';
import { databaseFileName } from '../../../main/core/store/store';
import { callApi, startTestApp, tempDir, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function endpoint(body: Record<string, unknown>): Promise<PublicEndpoint> {
  const created = await callApi(app as TestApp, 'createEndpoint', { name: 'pack', ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body as PublicEndpoint;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<EventDetail> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  const text = await response.text();
  const id = (JSON.parse(text) as { id?: string }).id;
  if (!id) throw new Error(`no event id in ${response.status} ${text}`);
  return (app as TestApp).app.api.getEvent({ id });
}

type Example = Record<string, unknown>;
const github = (name: string): Example[] => (examples as { name: string; examples: Example[] }[]).find((e) => e.name === name)?.examples ?? [];

describe('GitHub pack, on @octokit/webhooks-examples signed by @octokit/webhooks-methods', () => {
  const secret = 'github-webhook-secret-000';

  it('names X-GitHub-Event + action, fails a failed check run and job, keys repository and run ids, verifies the signature', async () => {
    app = await startTestApp();
    const hook = await endpoint({ auth: { kind: 'hub-signature-256', secret } });
    const send = async (event: string, payload: Example, delivery: string): Promise<EventDetail> => {
      const body = JSON.stringify(payload);
      return post(hook.url, body, { 'X-GitHub-Event': event, 'X-GitHub-Delivery': delivery, 'X-Hub-Signature-256': await octokitSign(secret, body) });
    };
    const ping = await send('ping', github('ping')[0] as Example, '11111111-0000-4000-8000-000000000001');
    expect(ping).toMatchObject({ provider: 'github', name: 'ping', severity: 'info', claim: 'recognised by the X-GitHub-Event header', authCheck: { result: 'valid' } });
    expect(ping.summary).toMatch(/^GitHub says hello: /);

    const failedRun = github('check_run').find((e) => (e.check_run as { conclusion?: string }).conclusion === 'failure') as Example;
    const checkRun = await send('check_run', failedRun, '11111111-0000-4000-8000-000000000002');
    const run = failedRun.check_run as { id: number; name: string };
    const repo = (failedRun.repository as { full_name: string }).full_name;
    expect(checkRun).toMatchObject({ name: 'check_run.completed', severity: 'failed', severityReason: `Check run “${run.name}” concluded failure` });
    expect(checkRun.correlationKeys).toEqual(expect.arrayContaining([`repo:${repo}`, `check:${run.id}`]));

    const failedJob = github('workflow_job').find((e) => (e.workflow_job as { conclusion?: string }).conclusion === 'failure') as Example;
    expect(await send('workflow_job', failedJob, '11111111-0000-4000-8000-000000000003')).toMatchObject({ name: 'workflow_job.completed', severity: 'failed' });

    const succeeded = github('workflow_run').find((e) => (e.workflow_run as { conclusion?: string }).conclusion === 'success') as Example;
    expect(await send('workflow_run', succeeded, '11111111-0000-4000-8000-000000000004')).toMatchObject({ name: 'workflow_run.completed', severity: 'ok' });
    // The same run concluded timed_out (a conclusion GitHub documents) is a failure.
    const timedOut = { ...succeeded, workflow_run: { ...(succeeded.workflow_run as object), conclusion: 'timed_out' } };
    expect(await send('workflow_run', timedOut, '11111111-0000-4000-8000-000000000005')).toMatchObject({ severity: 'failed', severityReason: expect.stringContaining('concluded timed_out') });

    // The same delivery id again is a duplicate of the first.
    const again = await send('ping', github('ping')[0] as Example, '11111111-0000-4000-8000-000000000001');
    expect(again.duplicateOf).toBe(ping.id);
  });

  it('our X-Hub-Signature-256 passes @octokit/webhooks-methods verify', async () => {
    const body = JSON.stringify(github('ping')[0]);
    const [[, signature] = ['', '']] = signRequest(EndpointAuth.parse({ kind: 'hub-signature-256', secret }), Buffer.from(body), Date.now());
    expect(await octokitVerify(secret, body, signature)).toBe(true);
  });
});

describe('Stripe pack', () => {
  // The shape of Stripe's API reference (docs.stripe.com/api/events/object and /api/payment_intents/object):
  // a payment_intent.payment_failed event with the decline in last_payment_error.
  const failed = {
    id: 'evt_3PqZ8h2eZvKYlo2C0xYz1a2b',
    object: 'event',
    api_version: '2024-06-20',
    created: 1733212800,
    data: {
      object: {
        id: 'pi_3PqZ8h2eZvKYlo2C1AbCdEfG',
        object: 'payment_intent',
        amount: 2000,
        currency: 'eur',
        customer: 'cus_QyZ8h2eZvKYlo2',
        status: 'requires_payment_method',
        last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', type: 'card_error' },
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_8h2eZvKYlo2C', idempotency_key: null },
    type: 'payment_intent.payment_failed',
  };
  const secret = 'whsec_test_stripe_pack_0123456789abcdef';

  it('names the type, fails with the decline in words, keys the object and customer; a header made by the stripe library verifies', async () => {
    app = await startTestApp();
    const hook = await endpoint({ auth: { kind: 'stripe', secret } });
    const body = JSON.stringify(failed);
    const header = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(Date.now() / 1000) });
    const event = await post(hook.url, body, { 'Stripe-Signature': header });
    expect(event).toMatchObject({ provider: 'stripe', name: 'payment_intent.payment_failed', severity: 'failed', severityReason: 'Your card has insufficient funds.', authCheck: { result: 'valid' } });
    expect(event.summary).toBe('Your card has insufficient funds. · pi_3PqZ8h2eZvKYlo2C1AbCdEfG · 2000 eur · requires_payment_method');
    expect(event.correlationKeys).toEqual(expect.arrayContaining(['stripe:pi_3PqZ8h2eZvKYlo2C1AbCdEfG', 'customer:cus_QyZ8h2eZvKYlo2']));
    // Without a Stripe-Signature header the envelope alone is recognised.
    const unsigned = await post(app.endpoint.url, JSON.stringify({ ...failed, id: 'evt_2', type: 'charge.failed', data: { object: { id: 'ch_1', object: 'charge', failure_message: 'Your card was declined.' } } }), {});
    expect(unsigned).toMatchObject({ provider: 'stripe', severity: 'failed', severityReason: 'Your card was declined.', claim: 'recognised by its body ($.object, $.type, $.data.object)' });
    const paid = await post(app.endpoint.url, JSON.stringify({ ...failed, id: 'evt_3', type: 'payment_intent.succeeded' }), {});
    expect(paid).toMatchObject({ severity: 'ok' });
  });

  it('our Stripe-Signature passes the stripe library', () => {
    const body = Buffer.from(JSON.stringify(failed));
    const headers = signRequest(EndpointAuth.parse({ kind: 'stripe', secret }), body, Date.now());
    expect(new Stripe('sk_test_x').webhooks.constructEvent(body, headers[0]?.[1] ?? '', secret).type).toBe('payment_intent.payment_failed');
  });
});

describe('Shopify pack', () => {
  // shopify.dev "orders/create" example payload, trimmed to the fields the pack reads.
  const order = { id: 820982911946154500, admin_graphql_api_id: 'gid://shopify/Order/820982911946154508', name: '#9999', total_price: '403.00', currency: 'USD', financial_status: 'voided', cancel_reason: 'customer' };
  const secret = 'shopify-client-secret-00001';

  it('names X-Shopify-Topic, keys the shop and order, verifies X-Shopify-Hmac-Sha256 (base64 HMAC of the body)', async () => {
    app = await startTestApp();
    const hook = await endpoint({ provider: 'shopify', auth: { kind: 'shopify', secret } });
    const body = JSON.stringify(order);
    const hmac = createHmac('sha256', secret).update(body).digest('base64');
    const headers = { 'X-Shopify-Topic': 'orders/cancelled', 'X-Shopify-Shop-Domain': 'example.myshopify.com', 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', 'X-Shopify-Hmac-Sha256': hmac };
    const event = await post(hook.url, body, headers);
    expect(event).toMatchObject({ provider: 'shopify', name: 'orders/cancelled', severity: 'failed', severityReason: 'Order #9999 was cancelled: customer', claim: 'this endpoint is set to Shopify', authCheck: { result: 'valid' } });
    expect(event.correlationKeys).toEqual(expect.arrayContaining(['shop:example.myshopify.com', 'shopify:gid://shopify/Order/820982911946154508']));
    const forged = await fetch(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers, 'X-Shopify-Hmac-Sha256': createHmac('sha256', 'wrong').update(body).digest('base64') }, body });
    expect(forged.status).toBe(401);
  });
});

describe('Slack pack', () => {
  const signing = 'slack-signing-secret-pack-01';
  const slackHeaders = (body: string): Record<string, string> => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    return { 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': `v0=${createHmac('sha256', signing).update(`v0:${timestamp}:${body}`).digest('hex')}` };
  };

  it('names event_callback by event.type, and interactivity by the payload field’s type', async () => {
    app = await startTestApp();
    const hook = await endpoint({ auth: { kind: 'slack', secret: signing } });
    // api.slack.com/apis/events-api "event_callback" wrapper around a message event.
    const callback = JSON.stringify({ token: 'XXYYZZ', team_id: 'T123ABC456', api_app_id: 'A123ABC456', event: { type: 'message', channel: 'C123ABC456', user: 'U123ABC456', text: 'Hello world', ts: '1355517523.000005' }, type: 'event_callback', event_id: 'Ev123ABC456', event_time: 1355517523 });
    const message = await post(hook.url, callback, slackHeaders(callback));
    expect(message).toMatchObject({ provider: 'slack', name: 'message', summary: 'Message in C123ABC456 from U123ABC456: Hello world', authCheck: { result: 'valid' } });
    expect(message.correlationKeys).toEqual(expect.arrayContaining(['slack-team:T123ABC456', 'slack-channel:C123ABC456']));

    const payload = JSON.stringify({ type: 'block_actions', user: { id: 'U123', username: 'ana' }, team: { id: 'T123ABC456' }, channel: { id: 'C1', name: 'general' }, actions: [{ action_id: 'approve_button', type: 'button' }] });
    const form = new URLSearchParams({ payload }).toString();
    const response = await fetch(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...slackHeaders(form) }, body: form });
    const id = ((await response.json()) as { id: string }).id;
    expect(await app.app.api.getEvent({ id })).toMatchObject({ provider: 'slack', name: 'block_actions', summary: 'ana clicked approve_button in general' });
  });
});

describe('Twilio pack', () => {
  const token = 'twilio-auth-token-0123456789';

  it('names a status callback by its status, fails undelivered with ErrorCode explained, masks phones; X-Twilio-Signature made by the twilio library verifies', async () => {
    app = await startTestApp();
    const hook = await endpoint({ auth: { kind: 'twilio', secret: token } });
    // Twilio Docs, "Outbound Message Status in Status Callbacks": an undelivered SMS.
    const params = { AccountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', ApiVersion: '2010-04-01', ErrorCode: '30003', ErrorMessage: 'Unreachable destination handset', From: '+15017122661', MessageSid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', MessageStatus: 'undelivered', SmsSid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', SmsStatus: 'undelivered', To: '+15558675310' };
    // The URL Twilio called: the public one, as the tunnel's Host and X-Forwarded-Proto headers say it.
    const publicUrl = `https://hooks.example.ngrok.app/h/${hook.token}/sms?source=status`;
    const signature = twilioLib.getExpectedTwilioSignature(token, publicUrl, params);
    const response = await fetch(`${hook.url}/sms?source=status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'hooks.example.ngrok.app' },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    const event = await (app as TestApp).app.api.getEvent({ id: ((await response.json()) as { id: string }).id });
    expect(event).toMatchObject({ provider: 'twilio', name: 'message.undelivered', severity: 'failed', severityReason: 'Error 30003: Unreachable destination handset', authCheck: { result: 'valid' } });
    expect(event.explanation).toMatchObject({ key: 'twilio.error.30003', title: 'Unreachable handset' });
    expect(event.summary).toContain('to +1 ••• 310');
    expect(event.summary).not.toContain('8675310');
    expect(event.correlationKeys).toEqual(expect.arrayContaining(['twilio:SM1f0e8ae6ade43cb3c0ce4525424e404f', 'phone:+15558675310', 'phone:+15017122661']));

    // One changed parameter, or another URL, fails with the reason.
    const forged = await fetch(`${hook.url}/sms?source=status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'hooks.example.ngrok.app' },
      body: new URLSearchParams({ ...params, MessageStatus: 'delivered' }).toString(),
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('X-Twilio-Signature does not match');
  });

  it('a Host header that makes no URL fails the check with a reason, and the request is still stored', async () => {
    app = await startTestApp();
    const hook = await endpoint({ auth: { kind: 'twilio', secret: token } });
    const url = new URL(hook.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { Host: 'bad host/x', 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'AAAA' } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.end('MessageStatus=failed');
    });
    expect(answer.status).toBe(401);
    const { id } = JSON.parse(answer.body) as { id: string };
    expect((await (app as TestApp).app.api.getEvent({ id })).authCheck).toMatchObject({ result: 'invalid' });
  });

  it('our X-Twilio-Signature passes the twilio library’s validateRequest', () => {
    const url = 'https://hooks.example.ngrok.app/h/token/sms';
    const params = { MessageStatus: 'delivered', To: '+15558675310', Tag: 'b', AccountSid: 'AC1' };
    const body = Buffer.from(new URLSearchParams(params).toString());
    const headers: [string, string][] = [['Content-Type', 'application/x-www-form-urlencoded']];
    const [[, signature] = ['', '']] = signRequest(EndpointAuth.parse({ kind: 'twilio', secret: token }), body, Date.now(), { url, headers });
    expect(twilioLib.validateRequest(token, signature, url, params)).toBe(true);
  });
});

describe('SendGrid pack', () => {
  it('reads an array of events as one request: named by its events, failed when one bounced, counted; a signed batch verifies and @sendgrid/eventwebhook agrees', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const verificationKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    app = await startTestApp();
    const hook = await endpoint({ auth: { kind: 'sendgrid', publicKey: verificationKey } });
    // Twilio SendGrid Docs, "Event Webhook Reference": delivered, bounce and open, in one POST (trimmed).
    const events = [
      { email: 'example@test.com', timestamp: 1513299569, event: 'delivered', sg_event_id: 'rWVYmVk90MjZJ9iohOBa3w==', sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0', response: '250 OK' },
      { email: 'example@test.com', timestamp: 1513299569, event: 'bounce', sg_event_id: '6g4ZI7SA-xmRDv57GoPIPw==', sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0', reason: '500 unknown recipient', status: '5.0.0', type: 'bounce' },
      { email: 'example@test.com', timestamp: 1513299569, event: 'open', sg_event_id: 'FOTFFO0ecsBE-zxFXfs6WA==', sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0' },
    ];
    const body = JSON.stringify(events);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = cryptoSign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');
    const library = new EventWebhook();
    expect(library.verifySignature(library.convertPublicKeyToECDSA(verificationKey), body, signature, timestamp)).toBe(true);

    const headers = { 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp };
    const event = await post(hook.url, body, headers);
    expect(event).toMatchObject({
      provider: 'sendgrid',
      name: 'batch',
      severity: 'failed',
      severityReason: '1 of 3 failed: bounce, 500 unknown recipient',
      summary: '1 of 3 failed: bounce, 500 unknown recipient · 3 events: delivered 1, bounce 1, open 1',
      authCheck: { result: 'valid' },
    });
    expect(event.correlationKeys).toContain('sendgrid:14c5d75ce93');
    const forged = await fetch(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: body.replace('bounce', 'delivered') });
    expect(forged.status).toBe(401);
    // A batch of deliveries alone is ok, named by its one event type.
    const delivered = await post(app.endpoint.url, JSON.stringify([events[0]]), {});
    expect(delivered).toMatchObject({ provider: 'sendgrid', name: 'delivered', severity: 'ok' });
  });
});

describe('Mailgun and Paddle packs', () => {
  it('Mailgun: names event-data.event, says permanent or temporary in words, verifies the signature inside the body', async () => {
    app = await startTestApp();
    const key = 'mailgun-webhook-signing-key-01';
    const hook = await endpoint({ auth: { kind: 'mailgun', secret: key } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0';
    // Mailgun documentation, "Webhooks": a permanent failure (trimmed); the signature as its docs compute it.
    const failed = {
      signature: { timestamp, token, signature: createHmac('sha256', key).update(timestamp + token).digest('hex') },
      'event-data': { id: 'G9Bn5sl1TC6nu79C8C0bwg', event: 'failed', severity: 'permanent', reason: 'suppress-bounce', recipient: 'alice@example.com', 'delivery-status': { code: 605, description: 'Not delivering to previously bounced address' }, message: { headers: { 'message-id': '20130503192659.13651.20287@samples.mailgun.org', subject: 'Test permanent_fail webhook' } } },
    };
    const event = await post(hook.url, JSON.stringify(failed), {});
    expect(event).toMatchObject({ provider: 'mailgun', name: 'failed', severity: 'failed', severityReason: 'Permanent failure (suppress-bounce): Not delivering to previously bounced address', authCheck: { result: 'valid' } });
    expect(event.correlationKeys).toEqual(expect.arrayContaining(['mailgun:20130503192659.13651.20287@samples.mailgun.org', 'email:alice@example.com']));
    const forged = await fetch(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...failed, signature: { ...failed.signature, token: 'another' } }) });
    expect(forged.status).toBe(401);
    // A sample sent to this endpoint is signed afresh inside its body.
    const sample = await app.app.api.sendSample({ endpointId: hook.id, provider: 'mailgun', name: 'failed' });
    expect(sample.status).toBe(200);
  });

  it('Paddle: names event_type, fails payment_failed, verifies Paddle-Signature (ts;h1)', async () => {
    app = await startTestApp();
    const secret = 'pdl_ntfset_01hv9xkq_secret';
    const hook = await endpoint({ auth: { kind: 'paddle', secret } });
    const body = JSON.stringify({ event_id: 'evt_01hv9xkqj3', event_type: 'transaction.payment_failed', notification_id: 'ntf_01hv9xkqkw', data: { id: 'txn_01hv9xfy0g', status: 'ready', customer_id: 'ctm_01hv8wt8nf', currency_code: 'USD', payments: [{ status: 'error', error_code: 'declined' }] } });
    const ts = Math.floor(Date.now() / 1000);
    const header = `ts=${ts};h1=${createHmac('sha256', secret).update(`${ts}:${body}`).digest('hex')}`;
    const event = await post(hook.url, body, { 'Paddle-Signature': header });
    expect(event).toMatchObject({ provider: 'paddle', name: 'transaction.payment_failed', severity: 'failed', severityReason: 'Payment failed: declined', authCheck: { result: 'valid' } });
    expect(event.correlationKeys).toEqual(expect.arrayContaining(['paddle:txn_01hv9xfy0g', 'customer:ctm_01hv8wt8nf']));
    expect(signRequest(EndpointAuth.parse({ kind: 'paddle', secret }), Buffer.from(body), ts * 1000)).toEqual([['Paddle-Signature', header]]);
  });
});

describe('GitLab pack', () => {
  it('names pipeline events by status, fails a failed pipeline, and checks X-Gitlab-Token', async () => {
    app = await startTestApp();
    const hook = await endpoint({ auth: { kind: 'header', header: 'X-Gitlab-Token', value: 'gitlab-secret-token' } });
    // docs.gitlab.com "Webhook events": pipeline events, trimmed.
    const pipeline = { object_kind: 'pipeline', object_attributes: { id: 31, iid: 3, ref: 'main', status: 'failed', detailed_status: 'failed', duration: 63 }, project: { id: 1, name: 'Gitlab Test', path_with_namespace: 'gitlab-org/gitlab-test' }, user: { name: 'Administrator' } };
    const event = await post(hook.url, JSON.stringify(pipeline), { 'X-Gitlab-Event': 'Pipeline Hook', 'X-Gitlab-Token': 'gitlab-secret-token', 'X-Gitlab-Event-UUID': '13792a34-cac6-4fda-95a8-c58e00a3954e' });
    expect(event).toMatchObject({ provider: 'gitlab', name: 'pipeline.failed', severity: 'failed', severityReason: 'Pipeline 31 on main failed', authCheck: { result: 'valid' } });
    expect(event.correlationKeys).toEqual(expect.arrayContaining(['gitlab-project:gitlab-org/gitlab-test', 'pipeline:31']));
    const wrong = await fetch(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Gitlab-Event': 'Pipeline Hook', 'X-Gitlab-Token': 'nope' }, body: JSON.stringify(pipeline) });
    expect(wrong.status).toBe(401);
  });
});

describe('Standard Webhooks pack', () => {
  it('claims a request by webhook-id, names it by type, verifies a signature made by the standardwebhooks library', async () => {
    app = await startTestApp();
    const secret = `whsec_${Buffer.from('standard-webhooks-pack-key-0001').toString('base64')}`;
    const hook = await endpoint({ auth: { kind: 'standard-webhooks', secret } });
    const body = JSON.stringify({ type: 'invoice.paid', timestamp: '2026-12-03T10:00:00Z', data: { id: 'inv_42' } });
    const at = new Date();
    const signature = new Webhook(secret).sign('msg_2Lh9KRb0pSFjz0kx7U5mzCWGt1z', at, body);
    const event = await post(hook.url, body, { 'webhook-id': 'msg_2Lh9KRb0pSFjz0kx7U5mzCWGt1z', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature });
    expect(event).toMatchObject({ provider: 'standard-webhooks', name: 'invoice.paid', claim: 'recognised by the webhook-id header', summary: 'invoice.paid · inv_42', authCheck: { result: 'valid' } });
  });
});

describe('the generic fallback', () => {
  it('takes a field as the name only when it looks like one, reads event headers, and infers failure from the name', async () => {
    app = await startTestApp();
    const url = app.endpoint.url;
    expect((await post(url, JSON.stringify({ name: '#9999', total: 3 }), {})).name).toBeNull();
    expect((await post(url, JSON.stringify({ name: 'Ana Pérez' }), {})).name).toBeNull();
    expect((await post(url, JSON.stringify({ name: 'subscription.renewed' }), {})).name).toBe('subscription.renewed');
    expect((await post(url, JSON.stringify({ id: 7 }), { 'X-Acme-Event': 'Order Shipped' })).name).toBe('Order Shipped');
    expect((await post(url, JSON.stringify({ id: 1 }), { 'X-Event-Key': 'repo:push' })).name).toBe('repo:push');
    for (const name of ['message.undelivered', 'email.bounced', 'payment_failed', 'job.timed_out', 'card.declined']) {
      const event = await post(url, JSON.stringify({ type: name }), {});
      expect(event, name).toMatchObject({ provider: 'generic', severity: 'failed', severityReason: 'inferred from the event name' });
    }
    expect((await post(url, JSON.stringify({ type: 'error.cleared' }), {})).severity).toBe('info');
    // A name-inferred failure alerts like any other.
    expect((await app.app.api.getAlerts()).unseen).toBeGreaterThan(0);
  });
});

describe('endpoints and packs', () => {
  it('an endpoint set to a pack always uses it; an unknown provider is refused naming the known ones', async () => {
    app = await startTestApp();
    const hook = await endpoint({ provider: 'github' });
    const event = await post(hook.url, JSON.stringify({ zen: 'Keep it logically awesome.' }), {});
    expect(event).toMatchObject({ provider: 'github', claim: 'this endpoint is set to GitHub' });
    const refused = await callApi(app, 'createEndpoint', { name: 'x', provider: 'acme' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('There is no provider “acme”. Known: auto, lox24, soyio, github, stripe'), details: { fields: [{ path: 'provider' }] } } });
    const providers = await app.app.api.listProviders();
    expect(providers.map((p) => p.id)).toEqual(['lox24', 'soyio', 'github', 'stripe', 'shopify', 'slack', 'twilio', 'gitlab', 'sendgrid', 'mailgun', 'paddle', 'standard-webhooks']);
    expect(providers.find((p) => p.id === 'slack')).toEqual({ id: 'slack', label: 'Slack', signature: 'slack', handshake: 'slack', origin: 'built-in' });
  });
});

describe('pack files', () => {
  it('every built-in pack loads, with a unique id', () => {
    expect(new Set(packs.map((p) => p.id)).size).toBe(packs.length);
  });

  it('a mistake names the file and the path', () => {
    const broken = { ...packs[0], event: { fields: ['data.type'] }, severity: [{ event: 'x', severity: 'fatal' }] };
    expect(() => loadPack('mine.json', broken)).toThrow(/^Provider pack mine\.json is not valid: event\.fields\.0: must be a JSON path such as \$\.data\.object\.id; severity\.0\.severity: /);
  });
});

describe('the provider id, opened', () => {
  it('upgrades a database of the previous version: old rows are re-described by the packs, a row of a pack that is gone still shows', async () => {
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, databaseFileName));
    db.pragma('journal_mode = WAL');
    migrate(db, 11); // the schema before provider packs, when the id was lox24 | soyio | generic
    const endpoint = db.prepare('INSERT INTO endpoints (id, name, token, provider, enabled, auth, created_at) VALUES (?, ?, ?, ?, 1, \'{"kind":"none"}\', 1)');
    endpoint.run('01HBENDPOINT0000000000000', 'catch-all', 'token-0123456789abcdef-xyz', 'auto');
    endpoint.run('01HBENDPOINT0000000000001', 'soyio prod', 'token-0123456789abcdef-soy', 'soyio');
    const insert = db.prepare(
      `INSERT INTO requests (id, endpoint_id, received_at, method, path, query, headers, content_type, body, body_size, remote_address,
        response_status, response_headers, response_body, duration_ms, provider, name, title, severity, summary, described_by, pinned)
       VALUES (?, '01HBENDPOINT0000000000000', ?, 'POST', '', '', ?, 'application/json', ?, ?, '127.0.0.1', 200, '[]', '{}', 1, ?, NULL, 'POST /', 'info', 'POST /', 2, 0)`,
    );
    const stripeBody = JSON.stringify({ id: 'evt_1', object: 'event', type: 'charge.failed', data: { object: { id: 'ch_1', object: 'charge', failure_message: 'Your card was declined.' } } });
    insert.run('01HBREQUESTSTRIPE00000000A', 1_700_000_000_000, '[["Content-Type","application/json"]]', Buffer.from(stripeBody), stripeBody.length, 'generic');
    insert.run('01HBREQUESTACME0000000000B', 1_700_000_000_001, '[["Content-Type","application/json"]]', Buffer.from('{"hello":1}'), 11, 'acme');
    db.close();

    app = await startTestApp({}, dataDir);
    const started = app;
    // Before and after re-describing, the row of the vanished "acme" pack is listed.
    expect((await started.app.api.listEvents({})).events.map((e) => e.id)).toContain('01HBREQUESTACME0000000000B');
    await expect.poll(async () => (await started.app.api.getEvent({ id: '01HBREQUESTSTRIPE00000000A' })).provider, { timeout: 10_000 }).toBe('stripe');
    expect(await started.app.api.getEvent({ id: '01HBREQUESTSTRIPE00000000A' })).toMatchObject({ name: 'charge.failed', severity: 'failed', severityReason: 'Your card was declined.' });
    await expect.poll(async () => (await started.app.api.getEvent({ id: '01HBREQUESTACME0000000000B' })).provider, { timeout: 10_000 }).toBe('generic');
    expect((await started.app.api.listEndpoints()).find((e) => e.name === 'soyio prod')?.provider).toBe('soyio');
    expect((await started.app.api.listEvents({ filter: { provider: 'stripe' } })).events.map((e) => e.id)).toEqual(['01HBREQUESTSTRIPE00000000A']);
  });
});

describe('alerts for every pack', () => {
  it('each pack’s documented failure example raises an alert; its success example does not', async () => {
    app = await startTestApp();
    const started = app;
    const failures: [string, string][] = [
      ['github', 'check_run.completed'],
      ['stripe', 'payment_intent.payment_failed'],
      ['shopify', 'orders/cancelled'],
      ['twilio', 'message.undelivered'],
      ['sendgrid', 'batch'],
      ['mailgun', 'failed'],
      ['paddle', 'transaction.payment_failed'],
    ];
    for (const [provider, name] of failures) {
      const before = (await started.app.api.getAlerts()).unseen;
      const sent = await started.app.api.sendSample({ endpointId: started.endpoint.id, provider, name });
      const event = await started.app.api.getEvent({ id: sent.eventId ?? '' });
      expect(event, `${provider} ${name}`).toMatchObject({ provider, name, severity: 'failed' });
      await expect.poll(async () => (await started.app.api.getAlerts()).unseen, { message: `${provider} ${name} alerts` }).toBeGreaterThan(before);
    }
    const quiet = (await started.app.api.getAlerts()).unseen;
    const ok = await started.app.api.sendSample({ endpointId: started.endpoint.id, provider: 'stripe', name: 'payment_intent.succeeded' });
    expect((await started.app.api.getEvent({ id: ok.eventId ?? '' })).severity).toBe('ok');
    // The stored decision says it was no alert.
    await expect.poll(async () => (await started.app.api.getEvent({ id: ok.eventId ?? '' })).alerts).toEqual([]);
    expect((await started.app.api.getAlerts()).unseen).toBe(quiet);
  });
});
