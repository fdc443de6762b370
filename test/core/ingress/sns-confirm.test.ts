// AWS SNS SubscriptionConfirmation: kept and answered as a webhook, never fetched on its own; confirmed only by
// an explicit call (the inspector's button), only over HTTPS to an SNS host. The fetch is injected: the test
// sees every request Hookbridge would send.
import { afterEach, describe, expect, it } from 'vitest';
import { checkSubscribeUrl } from '../../../main/core/outbound/sns-confirm';
import type { EventDetail } from '../../../main/core/model';
import { callApi, startTestApp, tempDir, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const subscribeUrl =
  'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736';

function confirmation(url = subscribeUrl): string {
  return JSON.stringify({
    Type: 'SubscriptionConfirmation',
    MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
    Token: '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736',
    TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
    Message: 'You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\nTo confirm the subscription, visit the SubscribeURL included in this message.',
    SubscribeURL: url,
    Timestamp: '2012-04-26T20:45:04.751Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
    SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
  });
}

/** A fetch that records every call and answers like SNS does. */
function recordingFetch(status = 200) {
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    calls.push(String(input instanceof Request ? input.url : input));
    return new Response('<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn:aws:sns:us-west-2:123456789012:MyTopic:2bcfbf39</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>', { status, headers: { 'Content-Type': 'text/xml' } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

async function post(body: string): Promise<{ status: number; id: string }> {
  const response = await fetch((app as TestApp).endpoint.url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'SubscriptionConfirmation', 'x-amz-sns-topic-arn': 'arn:aws:sns:us-west-2:123456789012:MyTopic' },
    body,
  });
  const answer = (await response.json()) as { id: string };
  return { status: response.status, id: answer.id };
}

describe('AWS SNS subscription confirmation', () => {
  it('is kept and answered 200 without any outgoing request; confirmed only on the call, and recorded', async () => {
    const { calls, fetchImpl } = recordingFetch();
    app = await startTestApp({}, tempDir(), { outboundFetch: fetchImpl });
    const { status, id } = await post(confirmation());
    expect(status).toBe(200);
    const before = await app.app.api.getEvent({ id });
    expect(before.handshake).toMatchObject({ id: 'sns', outcome: 'awaiting-confirmation' });
    expect(before.name).toBe('sns.subscription_confirmation');
    expect(calls).toEqual([]);

    const delivery = await app.app.api.confirmSubscription({ id });
    expect(calls).toEqual([subscribeUrl]);
    expect(delivery).toMatchObject({ kind: 'confirm', url: subscribeUrl, response: { status: 200 } });
    expect(delivery.response?.body).toContain('SubscriptionArn');
    const after: EventDetail = await app.app.api.getEvent({ id });
    expect(after.handshake).toMatchObject({ id: 'sns', outcome: 'confirmed' });
    expect(after.summary).toContain('confirmed');
    expect(await app.app.api.listDeliveries({ id })).toHaveLength(1);
  });

  it('refuses a SubscribeURL on a foreign host, without a request', async () => {
    const { calls, fetchImpl } = recordingFetch();
    app = await startTestApp({}, tempDir(), { outboundFetch: fetchImpl });
    for (const url of ['https://evil.example.com/confirm', 'https://sns.us-west-2.amazonaws.com.evil.example/x', 'http://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription', 'https://127.0.0.1/?Action=ConfirmSubscription']) {
      const { id } = await post(confirmation(url));
      const refused = await callApi(app, 'confirmSubscription', { id });
      expect(refused.status, url).toBe(400);
      expect((refused.body as { error: { code: string; message: string } }).error.message, url).toMatch(/SubscribeURL/);
    }
    expect(calls).toEqual([]);
  });

  it('refuses to confirm an event that is not an SNS confirmation', async () => {
    const { calls, fetchImpl } = recordingFetch();
    app = await startTestApp({}, tempDir(), { outboundFetch: fetchImpl });
    const response = await fetch(app.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ SubscribeURL: subscribeUrl }) });
    const { id } = (await response.json()) as { id: string };
    const refused = await callApi(app, 'confirmSubscription', { id });
    expect(refused.status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('accepts only HTTPS to sns.<region>.amazonaws.com or .amazonaws.com.cn', () => {
    expect(checkSubscribeUrl('https://sns.cn-north-1.amazonaws.com.cn/?Action=ConfirmSubscription')).toEqual({ url: 'https://sns.cn-north-1.amazonaws.com.cn/?Action=ConfirmSubscription' });
    expect(checkSubscribeUrl('https://sns.eu-central-1.amazonaws.com/?a=b')).toHaveProperty('url');
    for (const bad of ['https://sns.amazonaws.com/', 'https://sqs.us-east-1.amazonaws.com/', 'https://user:pw@sns.us-east-1.amazonaws.com/', 'https://sns.us-east-1.amazonaws.com:8443/', 'ftp://sns.us-east-1.amazonaws.com/', 'not a url', 'https://xsns.us-east-1.amazonaws.com/']) {
      expect(checkSubscribeUrl(bad), bad).toHaveProperty('refused');
    }
  });
});
