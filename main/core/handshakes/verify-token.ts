// The hub.* verification query Meta and Strava send: GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…
// Both modules share the shape and the verify-token rule; they differ only in the answer.
import { timingSafeEqual } from 'node:crypto';
import type { HandshakeRequest, HandshakeResult } from './types';

export interface HubQuery {
  challenge: string;
}

/** The hub.* query, when the request is exactly that; else null. */
export function hubQuery({ method, query }: HandshakeRequest): HubQuery | null {
  if (method !== 'GET' || query.get('hub.mode') !== 'subscribe') return null;
  const challenge = query.get('hub.challenge');
  if (challenge === null || challenge === '' || !query.has('hub.verify_token')) return null;
  return { challenge };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** With a verify token on the endpoint, a different one is refused 403; without one, any is accepted and the note says so. */
export function checkVerifyToken(request: HandshakeRequest, answer: () => HandshakeResult): HandshakeResult {
  const sent = request.query.get('hub.verify_token') ?? '';
  const expected = request.secrets.verifyToken;
  if (expected === null) {
    const result = answer();
    return result.outcome === 'answered' ? { ...result, note: 'Any hub.verify_token was accepted: this endpoint has no verify token. Set one in its handshake settings to check it.' } : result;
  }
  if (!sameText(sent, expected)) return { outcome: 'refused', status: 403, reason: 'The hub.verify_token does not match this endpoint’s verify token (handshake settings).' };
  return answer();
}
