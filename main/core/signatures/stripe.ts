// Stripe: "Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]" over "<t>.<raw body>", key = the whsec_… string as is.
import { bodyMismatch, header, hmacSha256, invalid, missing, sameBytes, staleness, valid, type SignedRequest, type Verdict } from './shared';

export const headerName = 'Stripe-Signature';

interface StripeConfig {
  secret: string;
  toleranceSeconds: number;
}

export function verify(config: StripeConfig, request: SignedRequest): Verdict {
  const found = header(request, headerName);
  if (!found) return missing(`The ${headerName} header is missing.`);
  if ('error' in found) return found.error;
  const parts = found.value.split(',').map((part) => part.trim().split('='));
  const timestamp = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value)).map(([, value]) => Buffer.from(value as string, 'hex'));
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return invalid(`The ${headerName} header has no timestamp (t=…).`);
  if (signatures.length === 0) return invalid(`The ${headerName} header has no v1 signature.`);
  const expected = hmacSha256(config.secret, Buffer.from(`${timestamp}.`), request.body);
  // Every candidate is compared, so timing does not say which one matched.
  const matched = signatures.map((candidate) => sameBytes(candidate, expected)).includes(true);
  if (!matched) return invalid(`${headerName} does not match: ${bodyMismatch}.`);
  const stale = staleness(Number(timestamp), request.now, config.toleranceSeconds);
  return stale ? invalid(`${headerName} matches, but its ${stale} (replayed or a skewed clock).`) : valid(`${headerName} matches, timestamp within ${config.toleranceSeconds} s.`);
}

export function sign(config: Pick<StripeConfig, 'secret'>, body: Buffer, now: number): [string, string][] {
  const t = Math.floor(now / 1000);
  return [[headerName, `t=${t},v1=${hmacSha256(config.secret, Buffer.from(`${t}.`), body).toString('hex')}`]];
}
