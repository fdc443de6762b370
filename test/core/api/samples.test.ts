// Send sample, as the endpoints page uses it: the engine lists its samples, and every one it lists arrives in the
// feed under that event name when sent to an endpoint through the real ingress.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('samples', () => {
  it('lists the events it can send (LOX24, Soyio, every pack’s examples), and each one sent is captured under its provider and name', async () => {
    app = await startTestApp();
    const lists = await app.app.api.listSamples();
    expect(lists.map((l) => l.provider)).toEqual(['lox24', 'soyio', 'github', 'stripe', 'shopify', 'slack', 'twilio', 'sendgrid', 'mailgun', 'paddle', 'standard-webhooks']);
    expect(lists[0]?.names).toContain('verify_code.channel.failed');
    expect(lists[1]?.names).toContain('validation_attempt.failed');
    for (const { provider, names } of lists) {
      for (const name of names) {
        const sent = await app.app.api.sendSample({ endpointId: app.endpoint.id, provider, name });
        expect(sent, `${provider} ${name}`).toMatchObject({ status: 200, error: null });
        const event = await app.app.api.getEvent({ id: sent.eventId ?? '' });
        expect(event, `${provider} ${name}`).toMatchObject({ provider, name });
      }
    }
  });

  it('refuses a name it has no sample of, naming the ones it has', async () => {
    app = await startTestApp();
    await expect(app.app.api.sendSample({ endpointId: app.endpoint.id, provider: 'lox24', name: 'verify_code.exploded' })).rejects.toThrow(
      /^There is no lox24 sample of “verify_code\.exploded”\. Known: verify_code\.success, /,
    );
  });
});
