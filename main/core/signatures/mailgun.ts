// Mailgun: the signature travels in the JSON body — {"signature": {"timestamp", "token", "signature"}} — where
// signature is the hex HMAC-SHA256 of timestamp + token under the domain's webhook signing key.
import { hmacSha256, invalid, missing, sameBytes, staleness, valid, type SignedRequest, type Verdict } from './shared';

function signatureBlock(body: Buffer): { timestamp: string; token: string; signature: string } | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { signature?: { timestamp?: unknown; token?: unknown; signature?: unknown } };
    const block = parsed.signature;
    if (block && typeof block.timestamp === 'string' && typeof block.token === 'string' && typeof block.signature === 'string') {
      return { timestamp: block.timestamp, token: block.token, signature: block.signature };
    }
  } catch {
    // not JSON: said below
  }
  return null;
}

export function verify(config: { secret: string; toleranceSeconds: number }, request: SignedRequest): Verdict {
  const block = signatureBlock(request.body);
  if (!block) return missing('The body has no Mailgun "signature" object (timestamp, token, signature).');
  if (!/^[0-9a-f]{64}$/i.test(block.signature)) return invalid('The Mailgun signature is not 64 hex digits.');
  const expected = hmacSha256(config.secret, Buffer.from(block.timestamp + block.token));
  if (!sameBytes(Buffer.from(block.signature, 'hex'), expected)) return invalid('The Mailgun signature does not match: the timestamp or token differs from what was signed, or the signing key is wrong.');
  const stale = /^\d{1,12}$/.test(block.timestamp) ? staleness(Number(block.timestamp), request.now, config.toleranceSeconds) : 'timestamp is not a Unix time';
  return stale ? invalid(`The Mailgun signature matches, but its ${stale} (replayed or a skewed clock).`) : valid(`The Mailgun signature matches, timestamp within ${config.toleranceSeconds} s.`);
}

/** The body with its signature object made afresh under `secret` at `now` (samples sent to a Mailgun-checking endpoint). */
export function resignBody(secret: string, body: Record<string, unknown>, now: number, token: string): Record<string, unknown> {
  const timestamp = String(Math.floor(now / 1000));
  return { ...body, signature: { timestamp, token, signature: hmacSha256(secret, Buffer.from(timestamp + token)).toString('hex') } };
}
