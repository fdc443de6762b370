// Paddle Billing: "Paddle-Signature: ts=<unix>;h1=<hex HMAC-SHA256(secret, "<ts>:<raw body>")>".
import { bodyMismatch, header, hmacSha256, invalid, missing, sameBytes, staleness, valid, type SignedRequest, type Verdict } from './shared';

export const headerName = 'Paddle-Signature';

export function verify(config: { secret: string; toleranceSeconds: number }, request: SignedRequest): Verdict {
  const found = header(request, headerName);
  if (!found) return missing(`The ${headerName} header is missing.`);
  if ('error' in found) return found.error;
  const parts = found.value.split(';').map((part) => part.trim().split('='));
  const ts = parts.find(([key]) => key === 'ts')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'h1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value)).map(([, value]) => Buffer.from(value as string, 'hex'));
  if (!ts || !/^\d{1,12}$/.test(ts)) return invalid(`The ${headerName} header has no timestamp (ts=…).`);
  if (signatures.length === 0) return invalid(`The ${headerName} header has no h1 signature.`);
  const expected = hmacSha256(config.secret, Buffer.from(`${ts}:`), request.body);
  if (!signatures.map((candidate) => sameBytes(candidate, expected)).includes(true)) return invalid(`${headerName} does not match: ${bodyMismatch}.`);
  const stale = staleness(Number(ts), request.now, config.toleranceSeconds);
  return stale ? invalid(`${headerName} matches, but its ${stale} (replayed or a skewed clock).`) : valid(`${headerName} matches, timestamp within ${config.toleranceSeconds} s.`);
}

export function sign(config: { secret: string }, body: Buffer, now: number): [string, string][] {
  const ts = Math.floor(now / 1000);
  return [[headerName, `ts=${ts};h1=${hmacSha256(config.secret, Buffer.from(`${ts}:`), body).toString('hex')}`]];
}
