// Shopify: "X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(the app's client secret, raw body)>". No timestamp:
// Shopify's X-Shopify-Triggered-At is informative, not signed.
import { bodyMismatch, header, hmacSha256, invalid, missing, sameBytes, valid, type SignedRequest, type Verdict } from './shared';

export const headerName = 'X-Shopify-Hmac-Sha256';

export function verify(config: { secret: string }, request: SignedRequest): Verdict {
  const found = header(request, headerName);
  if (!found) return missing(`The ${headerName} header is missing.`);
  if ('error' in found) return found.error;
  const value = found.value.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(value)) return invalid(`The ${headerName} header is not a base64 SHA-256 HMAC (44 characters ending in "=").`);
  if (!sameBytes(Buffer.from(value, 'base64'), hmacSha256(config.secret, request.body))) return invalid(`${headerName} does not match: ${bodyMismatch}.`);
  return valid(`${headerName} matches.`);
}

export function sign(config: { secret: string }, body: Buffer): [string, string][] {
  return [[headerName, hmacSha256(config.secret, body).toString('base64')]];
}
