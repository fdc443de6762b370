// Each signature scheme against known vectors and against the providers' own libraries, both ways:
// their signatures pass our check, ours pass theirs, and one changed byte or a stale timestamp fails with a reason.
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyAuth } from '../../../main/core/signatures';
import { EndpointAuth, type HeaderPair } from '../../../main/core/model';

const now = Date.UTC(2026, 11, 2, 12, 0, 0);
const body = Buffer.from('{"id":"evt_1","object":"event","type":"payment_intent.succeeded","data":{"amount":4200}}');

function check(auth: EndpointAuth, headers: HeaderPair[], raw = body, at = now) {
  return verifyAuth(EndpointAuth.parse(auth), { headers, body: raw, now: at });
}

describe('X-Hub-Signature-256 (GitHub, Soyio)', () => {
  const github = EndpointAuth.parse({ kind: 'hub-signature-256', secret: "It's a Secret to Everybody" });

  it("passes GitHub's published example and says why a wrong one fails", () => {
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(check(github, [['X-Hub-Signature-256', signature]], Buffer.from('Hello, World!'))).toMatchObject({ result: 'valid', enforced: true });
    expect(signRequest(github, Buffer.from('Hello, World!'), now)).toEqual([['X-Hub-Signature-256', signature]]);
    expect(check(github, [['x-hub-signature-256', signature]], Buffer.from('Hello, World?'))).toEqual({
      scheme: 'hub-signature-256',
      result: 'invalid',
      reason: 'X-Hub-Signature-256 does not match: the body differs from what was signed, or the secret is wrong.',
      enforced: true,
    });
  });

  it('tells a missing header, a malformed one and a repeated one apart', () => {
    expect(check(github, [], Buffer.from('x'))).toMatchObject({ result: 'missing', reason: 'The X-Hub-Signature-256 header is missing.' });
    expect(check(github, [['X-Hub-Signature-256', 'sha1=abc']], Buffer.from('x'))).toMatchObject({ result: 'invalid', reason: expect.stringContaining('64 hex digits') });
    const sig = signRequest(github, Buffer.from('x'), now)[0] as HeaderPair;
    expect(check(github, [sig, sig], Buffer.from('x'))).toMatchObject({ result: 'invalid', reason: 'The X-Hub-Signature-256 header was sent 2 times.' });
  });
});

describe('Stripe', () => {
  const secret = 'whsec_test_0123456789abcdef0123456789abcdef';
  const auth = EndpointAuth.parse({ kind: 'stripe', secret });
  const stripe = new Stripe('sk_test_hookbridge');

  it("a header made by Stripe's library passes; one byte changed fails", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: body.toString(), secret, timestamp: Math.floor(now / 1000) });
    expect(check(auth, [['Stripe-Signature', header]])).toMatchObject({ scheme: 'stripe', result: 'valid' });
    const tampered = Buffer.from(body.toString().replace('4200', '4201'));
    expect(check(auth, [['Stripe-Signature', header]], tampered)).toMatchObject({ result: 'invalid', reason: expect.stringContaining('the body differs from what was signed') });
  });

  it("our signature passes Stripe's own constructEvent", () => {
    const [[name, value]] = signRequest(auth, body, Date.now()) as [HeaderPair];
    expect(name).toBe('Stripe-Signature');
    const event = stripe.webhooks.constructEvent(body, value, secret);
    expect(event.id).toBe('evt_1');
  });

  it('a valid signature 412 s old is outside the 300 s tolerance, and the reason gives both numbers', () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: body.toString(), secret, timestamp: Math.floor(now / 1000) - 412 });
    expect(check(auth, [['Stripe-Signature', header]])).toMatchObject({
      result: 'invalid',
      reason: 'Stripe-Signature matches, but its timestamp 412 s old, outside the 300 s tolerance (replayed or a skewed clock).',
    });
    const lenient = EndpointAuth.parse({ kind: 'stripe', secret, toleranceSeconds: 600 });
    expect(check(lenient, [['Stripe-Signature', header]])).toMatchObject({ result: 'valid' });
  });

  it('a header without t= or v1= is invalid, named so', () => {
    expect(check(auth, [['Stripe-Signature', 'v1=00']])).toMatchObject({ reason: 'The Stripe-Signature header has no timestamp (t=…).' });
    expect(check(auth, [['Stripe-Signature', 't=1700000000,v0=abc']])).toMatchObject({ reason: 'The Stripe-Signature header has no v1 signature.' });
  });
});

describe('Standard Webhooks (and Svix headers)', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const auth = EndpointAuth.parse({ kind: 'standard-webhooks', secret });
  const library = new Webhook(secret);

  it("the library's signature passes ours, under webhook-* and under svix-* names", () => {
    const signature = library.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(now), body);
    const headers: HeaderPair[] = [
      ['webhook-id', 'msg_p5jXN8AQM9LWM0D4loKWxJek'],
      ['webhook-timestamp', String(now / 1000)],
      ['webhook-signature', signature],
    ];
    expect(check(auth, headers)).toMatchObject({ scheme: 'standard-webhooks', result: 'valid' });
    const svix = headers.map(([name, value]): HeaderPair => [name.replace('webhook-', 'svix-'), value]);
    expect(check(auth, svix)).toMatchObject({ result: 'valid' });
    // Several signatures (a rotated key): one matching is enough.
    expect(check(auth, [headers[0] as HeaderPair, headers[1] as HeaderPair, ['webhook-signature', `v1,AAAA ${signature}`]])).toMatchObject({ result: 'valid' });
  });

  it("our signature passes the library's verify", () => {
    const headers = Object.fromEntries(signRequest(auth, body, Date.now()));
    expect(library.verify(body, headers)).toMatchObject({ id: 'evt_1' });
  });

  it('names the missing header, and a stale timestamp', () => {
    expect(check(auth, [['webhook-id', 'msg_1'], ['webhook-signature', 'v1,AAAA']])).toMatchObject({ result: 'missing', reason: 'The webhook-timestamp header is missing.' });
    expect(check(auth, [])).toMatchObject({ result: 'missing' });
    const old = Object.entries(Object.fromEntries(signRequest(auth, body, now - 3_600_000)));
    expect(check(auth, old)).toMatchObject({ result: 'invalid', reason: expect.stringContaining('timestamp 3600 s old, outside the 300 s tolerance') });
  });

  it('refuses a secret that is not whsec_ + base64, with a sentence', () => {
    const parsed = EndpointAuth.safeParse({ kind: 'standard-webhooks', secret: 'not-a-secret' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('whsec_ followed by base64');
  });
});

describe('Slack and Zoom (v0 HMAC over "v0:<timestamp>:<body>")', () => {
  // Slack's own example from "Verifying requests from Slack": signing secret, timestamp, body and signature.
  const slack = EndpointAuth.parse({ kind: 'slack', secret: '8f742231b10e8888abcd99yyyzzz85a5' });
  const slashCommand = Buffer.from(
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  );
  const signedAt = 1531420618 * 1000;
  const headers: HeaderPair[] = [
    ['X-Slack-Request-Timestamp', '1531420618'],
    ['X-Slack-Signature', 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'],
  ];

  it("passes Slack's published example, and signs it the same way", () => {
    expect(check(slack, headers, slashCommand, signedAt + 5_000)).toMatchObject({ scheme: 'slack', result: 'valid' });
    expect(signRequest(slack, slashCommand, signedAt)).toEqual(headers);
  });

  it('fails one changed byte, a stale timestamp, and names a missing header', () => {
    expect(check(slack, headers, Buffer.concat([slashCommand, Buffer.from('x')]), signedAt)).toMatchObject({ result: 'invalid', reason: expect.stringContaining('X-Slack-Signature does not match') });
    expect(check(slack, headers, slashCommand, signedAt + 412_000)).toMatchObject({ result: 'invalid', reason: expect.stringContaining('412 s old, outside the 300 s tolerance') });
    expect(check(slack, [headers[1] as HeaderPair], slashCommand, signedAt)).toMatchObject({ result: 'missing', reason: 'The X-Slack-Request-Timestamp header is missing.' });
  });

  it('Zoom: x-zm-signature over the same message, with its own header names', () => {
    const zoom = EndpointAuth.parse({ kind: 'zoom', secret: 'zoom-secret-token-0001' });
    const event = Buffer.from('{"event":"meeting.started","payload":{"object":{"id":"85746065"}}}');
    const expected = `v0=${createHmac('sha256', 'zoom-secret-token-0001').update(`v0:${Math.floor(now / 1000)}:${event.toString()}`).digest('hex')}`;
    expect(signRequest(zoom, event, now)).toEqual([
      ['x-zm-request-timestamp', String(Math.floor(now / 1000))],
      ['x-zm-signature', expected],
    ]);
    expect(check(zoom, [['x-zm-request-timestamp', String(Math.floor(now / 1000))], ['x-zm-signature', expected]], event)).toMatchObject({ scheme: 'zoom', result: 'valid' });
  });
});

describe('static token header and HTTP Basic', () => {
  it('X-LOX24-Token style: equal passes, different fails, absent is missing', () => {
    const auth = EndpointAuth.parse({ kind: 'header', header: 'X-LOX24-Token', value: 'correct-horse-battery' });
    expect(check(auth, [['x-lox24-token', 'correct-horse-battery']])).toMatchObject({ result: 'valid' });
    expect(check(auth, [['X-LOX24-Token', 'wrong-horse-battery']])).toMatchObject({ result: 'invalid', reason: 'The X-LOX24-Token header does not match.' });
    expect(check(auth, [])).toMatchObject({ result: 'missing' });
  });

  it('Basic: the right pair passes, a wrong password fails, garbage is named', () => {
    const auth = EndpointAuth.parse({ kind: 'basic', username: 'lox24', password: 's3cret-pass' });
    const [good] = signRequest(auth, body, now) as [HeaderPair];
    expect(good).toEqual(['Authorization', `Basic ${Buffer.from('lox24:s3cret-pass').toString('base64')}`]);
    expect(check(auth, [good])).toMatchObject({ result: 'valid' });
    expect(check(auth, [['Authorization', `Basic ${Buffer.from('lox24:nope').toString('base64')}`]])).toMatchObject({ result: 'invalid', reason: 'HTTP Basic: the user name or password is wrong.' });
    expect(check(auth, [['Authorization', 'Bearer abc']])).toMatchObject({ result: 'invalid', reason: expect.stringContaining('not "Basic "') });
  });

  it('"flag" mode reports the same verdict, not enforced', () => {
    const auth = EndpointAuth.parse({ kind: 'header', header: 'X-Token', value: 'correct-horse-battery', enforce: 'flag' });
    expect(check(auth, [])).toMatchObject({ result: 'missing', enforced: false });
  });
});
