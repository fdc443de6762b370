// The endpoint's caller check: one file per scheme (Slack and Zoom share v0-timestamp.ts), each with the same two functions — verify a request
// over its raw bytes, and sign one (for samples, replays and redacted fixtures that must still verify).
import type { AuthCheck, EndpointAuth, HeaderPair } from '../model';
import * as basic from './basic';
import * as hub from './hub-signature-256';
import type { SignedRequest } from './shared';
import * as mailgun from './mailgun';
import * as paddle from './paddle';
import * as sendgrid from './sendgrid';
import * as shopify from './shopify';
import * as standard from './standard-webhooks';
import * as staticHeader from './static-header';
import * as stripe from './stripe';
import * as twilio from './twilio';
import * as v0 from './v0-timestamp';

export type { SignedRequest } from './shared';
export { resignBody as resignMailgunBody } from './mailgun';

/** The check's verdict on a request, or null for an endpoint without one. */
export function verifyAuth(auth: EndpointAuth, request: SignedRequest): AuthCheck | null {
  if (auth.kind === 'none') return null;
  const verdict = (() => {
    switch (auth.kind) {
      case 'header':
        return staticHeader.verify(auth, request);
      case 'basic':
        return basic.verify(auth, request);
      case 'hub-signature-256':
        return hub.verify(auth, request);
      case 'stripe':
        return stripe.verify(auth, request);
      case 'standard-webhooks':
        return standard.verify(auth, request);
      case 'slack':
        return v0.verify(v0.slackHeaders, auth, request);
      case 'zoom':
        return v0.verify(v0.zoomHeaders, auth, request);
      case 'shopify':
        return shopify.verify(auth, request);
      case 'twilio':
        return twilio.verify(auth, request);
      case 'sendgrid':
        return sendgrid.verify(auth, request);
      case 'paddle':
        return paddle.verify(auth, request);
      case 'mailgun':
        return mailgun.verify(auth, request);
    }
  })();
  return { scheme: auth.kind, ...verdict, enforced: auth.enforce === 'reject' };
}

/**
 * The headers that make `body` pass the endpoint's check at time `now` (none for an endpoint without one).
 * Twilio signs the URL it calls: `to` gives it (and the headers the form type), else nothing is signed.
 */
export function signRequest(auth: EndpointAuth, body: Buffer, now: number, to?: { url: string; headers: readonly HeaderPair[] }): HeaderPair[] {
  switch (auth.kind) {
    case 'none':
      return [];
    case 'header':
      return staticHeader.sign(auth);
    case 'basic':
      return basic.sign(auth);
    case 'hub-signature-256':
      return hub.sign(auth, body);
    case 'stripe':
      return stripe.sign(auth, body, now);
    case 'standard-webhooks':
      return standard.sign(auth, body, now);
    case 'slack':
      return v0.sign(v0.slackHeaders, auth, body, now);
    case 'zoom':
      return v0.sign(v0.zoomHeaders, auth, body, now);
    case 'shopify':
      return shopify.sign(auth, body);
    case 'twilio':
      return twilio.sign(auth, body, to?.headers ?? [], to?.url);
    case 'sendgrid':
      return []; // SendGrid signs with its private key: Hookbridge can only verify.
    case 'paddle':
      return paddle.sign(auth, body, now);
    case 'mailgun':
      return []; // Mailgun's signature is inside the body, not a header.
  }
}

/** Header names that carry the check's secret or signature: removed or replaced in exports and replays. */
export function authHeaderNames(auth: EndpointAuth): string[] {
  const known = ['authorization', 'x-hub-signature-256', 'x-hub-signature', 'stripe-signature', 'webhook-signature', 'svix-signature', 'x-slack-signature', 'x-zm-signature', 'x-shopify-hmac-sha256', 'x-twilio-signature', 'x-twilio-email-event-webhook-signature', 'paddle-signature'];
  return auth.kind === 'header' ? [...known, auth.header.toLowerCase()] : known;
}

/**
 * The headers signed again for `auth` at `now`: the old signature (and, for Standard Webhooks, the id and
 * timestamp it covers) replaced by a fresh one over `body`. For replays and redacted fixtures alike.
 */
export function resign(auth: EndpointAuth, headers: readonly HeaderPair[], body: Buffer, now: number): HeaderPair[] {
  const replaced = new Set(authHeaderNames(auth));
  if (auth.kind === 'standard-webhooks') for (const name of ['webhook-id', 'webhook-timestamp', 'svix-id', 'svix-timestamp']) replaced.add(name);
  if (auth.kind === 'slack') replaced.add('x-slack-request-timestamp');
  if (auth.kind === 'zoom') replaced.add('x-zm-request-timestamp');
  return [...headers.filter(([name]) => !replaced.has(name.toLowerCase())), ...signRequest(auth, body, now)];
}
