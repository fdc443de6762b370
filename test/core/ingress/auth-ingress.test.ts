// Signature checks at the real ingress (loopback HTTP, SQLite in a temp dir): what the provider is answered,
// what is stored with the request, and that the secret never leaves the engine.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../../main/core/signatures';
import { EndpointAuth, type EventDetail, type EventSummary, type PublicEndpoint } from '../../../main/core/model';
import { callApi, startTestApp, type TestApp } from '../../support/app';

const soyioFailed = fs.readFileSync(path.resolve('test/fixtures/seeds/soyio.validation_attempt.failed.json'));
const secret = 'soyio-webhook-secret-0123456789';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function endpointWith(auth: unknown): Promise<PublicEndpoint> {
  const created = await callApi(app as TestApp, 'createEndpoint', { name: 'soyio', provider: 'soyio', auth });
  expect(created.status).toBe(200);
  return created.body as PublicEndpoint;
}

async function post(url: string, headers: Record<string, string>, body = soyioFailed): Promise<{ status: number; body: { id?: string; error?: { message: string } } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as never };
}

async function stored(id: string): Promise<EventDetail> {
  return (await callApi(app as TestApp, 'getEvent', { id })).body as EventDetail;
}

describe('X-Hub-Signature-256 at the ingress', () => {
  it('rejects an unsigned or wrongly signed Soyio webhook with 401 and the reason, stores it flagged, and accepts a signed one', async () => {
    app = await startTestApp();
    const endpoint = await endpointWith({ kind: 'hub-signature-256', secret });
    expect(endpoint.auth).toEqual({ kind: 'hub-signature-256', secretHint: expect.stringMatching(/^so•+ \(31 characters\)$/), enforce: 'reject' });

    const unsigned = await post(endpoint.url, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error?.message).toBe('The X-Hub-Signature-256 header is missing.');
    const first = await stored(unsigned.body.id ?? '');
    expect(first.flags).toContain('auth_failed');
    expect(first.authCheck).toEqual({ scheme: 'hub-signature-256', result: 'missing', reason: 'The X-Hub-Signature-256 header is missing.', enforced: true });
    expect(first.body).toBe(soyioFailed.toString());

    const wrong = signRequest(EndpointAuth.parse({ kind: 'hub-signature-256', secret: 'another-secret-000' }), soyioFailed, Date.now());
    const forged = await post(endpoint.url, Object.fromEntries(wrong));
    expect(forged.status).toBe(401);
    expect(forged.body.error?.message).toContain('the body differs from what was signed, or the secret is wrong');

    const right = Object.fromEntries(signRequest(EndpointAuth.parse({ kind: 'hub-signature-256', secret }), soyioFailed, Date.now()));
    const signed = await post(endpoint.url, right);
    expect(signed.status).toBe(200);
    const good = await stored(signed.body.id ?? '');
    expect(good.authCheck).toMatchObject({ result: 'valid' });
    expect(good.flags).toEqual([]);
    // The provider's own severity survives a valid check: it is a failed validation attempt.
    expect(good.severity).toBe('failed');

    // The verdict is on the feed rows too, and the secret is nowhere in what the API returns.
    const page = (await callApi(app, 'listEvents', { filter: { endpointId: endpoint.id } })).body as { events: EventSummary[] };
    expect(page.events.map((e) => e.authCheck?.result)).toEqual(['valid', 'invalid', 'missing']);
    const everything = JSON.stringify([page, await callApi(app, 'listEndpoints'), first, good]);
    expect(everything).not.toContain(secret);
  });

  it('"accept and flag": answered 200 as usual, stored with auth_unverified and the reason', async () => {
    app = await startTestApp();
    const endpoint = await endpointWith({ kind: 'hub-signature-256', secret, enforce: 'flag' });
    const answer = await post(endpoint.url, { 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` });
    expect(answer.status).toBe(200);
    const event = await stored(answer.body.id ?? '');
    expect(event.flags).toEqual(['auth_unverified']);
    expect(event.authCheck).toMatchObject({ result: 'invalid', enforced: false });
  });

  it('a Stripe endpoint refuses a replayed delivery (stale timestamp) and says so', async () => {
    // The ingress reads the time from a clock the test holds: the ages it computes are exact, however slow the run.
    const now = Math.floor(Date.now() / 1000) * 1000;
    app = await startTestApp({}, undefined, { ingressClock: { now: () => now } });
    const endpoint = await endpointWith({ kind: 'stripe', secret: 'whsec_stripe_0123456789abcdef' });
    const auth = EndpointAuth.parse({ kind: 'stripe', secret: 'whsec_stripe_0123456789abcdef' });
    const body = Buffer.from('{"id":"evt_1","type":"charge.failed"}');
    const stale = await post(endpoint.url, Object.fromEntries(signRequest(auth, body, now - 10 * 60_000)), body);
    expect(stale.status).toBe(401);
    expect(stale.body.error?.message).toMatch(/timestamp 600 s old, outside the 300 s tolerance/);
    expect((await post(endpoint.url, Object.fromEntries(signRequest(auth, body, now - 299_000)), body)).status).toBe(200);
    expect((await post(endpoint.url, Object.fromEntries(signRequest(auth, body, now)), body)).status).toBe(200);
  });

  it('refuses a bad scheme configuration with a sentence naming the field', async () => {
    app = await startTestApp();
    const refused = await callApi(app, 'createEndpoint', { name: 'svix', auth: { kind: 'standard-webhooks', secret: 'plainsecret123' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('whsec_ followed by base64');
    const short = await callApi(app, 'createEndpoint', { name: 'gh', auth: { kind: 'hub-signature-256', secret: 'short' } });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('at least 8 characters');
  });
});
