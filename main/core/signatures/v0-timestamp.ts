// Slack and Zoom sign the same way: "<signature header>: v0=<hex HMAC-SHA256(secret, "v0:<timestamp>:<raw body>")>"
// with the timestamp (Unix seconds) in a header of its own. Only the header names differ.
import { bodyMismatch, header, hmacSha256, invalid, missing, sameBytes, staleness, valid, type SignedRequest, type Verdict } from './shared';

export interface V0Scheme {
  signatureHeader: string;
  timestampHeader: string;
}

export const slackHeaders: V0Scheme = { signatureHeader: 'X-Slack-Signature', timestampHeader: 'X-Slack-Request-Timestamp' };
export const zoomHeaders: V0Scheme = { signatureHeader: 'x-zm-signature', timestampHeader: 'x-zm-request-timestamp' };

interface V0Config {
  secret: string;
  toleranceSeconds: number;
}

const signature = (secret: string, timestamp: string, body: Buffer): Buffer => hmacSha256(secret, Buffer.from(`v0:${timestamp}:`), body);

export function verify(scheme: V0Scheme, config: V0Config, request: SignedRequest): Verdict {
  const signed = header(request, scheme.signatureHeader);
  if (!signed) return missing(`The ${scheme.signatureHeader} header is missing.`);
  if ('error' in signed) return signed.error;
  const stamped = header(request, scheme.timestampHeader);
  if (!stamped) return missing(`The ${scheme.timestampHeader} header is missing.`);
  if ('error' in stamped) return stamped.error;
  const timestamp = stamped.value.trim();
  if (!/^\d{1,12}$/.test(timestamp)) return invalid(`The ${scheme.timestampHeader} header is not a Unix time in seconds.`);
  const match = /^v0=([0-9a-f]{64})$/i.exec(signed.value.trim());
  if (!match) return invalid(`The ${scheme.signatureHeader} header is not "v0=" followed by 64 hex digits.`);
  if (!sameBytes(Buffer.from(match[1] as string, 'hex'), signature(config.secret, timestamp, request.body))) return invalid(`${scheme.signatureHeader} does not match: ${bodyMismatch}.`);
  const stale = staleness(Number(timestamp), request.now, config.toleranceSeconds);
  return stale ? invalid(`${scheme.signatureHeader} matches, but its ${stale} (replayed or a skewed clock).`) : valid(`${scheme.signatureHeader} matches, timestamp within ${config.toleranceSeconds} s.`);
}

export function sign(scheme: V0Scheme, config: Pick<V0Config, 'secret'>, body: Buffer, now: number): [string, string][] {
  const timestamp = String(Math.floor(now / 1000));
  return [
    [scheme.timestampHeader, timestamp],
    [scheme.signatureHeader, `v0=${signature(config.secret, timestamp, body).toString('hex')}`],
  ];
}
