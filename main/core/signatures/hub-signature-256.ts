// X-Hub-Signature-256 (GitHub, Soyio): "sha256=" + hex HMAC-SHA256(secret, raw body). No timestamp is signed.
import { hmacSha256, header, invalid, missing, sameBytes, valid, bodyMismatch, type SignedRequest, type Verdict } from './shared';

export const headerName = 'X-Hub-Signature-256';

export function verify(config: { secret: string }, request: SignedRequest): Verdict {
  const found = header(request, headerName);
  if (!found) return missing(`The ${headerName} header is missing.`);
  if ('error' in found) return found.error;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(found.value.trim());
  if (!match) return invalid(`The ${headerName} header is not "sha256=" followed by 64 hex digits.`);
  const expected = hmacSha256(config.secret, request.body);
  return sameBytes(Buffer.from(match[1] as string, 'hex'), expected) ? valid(`${headerName} matches the body.`) : invalid(`${headerName} does not match: ${bodyMismatch}.`);
}

export function sign(config: { secret: string }, body: Buffer): [string, string][] {
  return [[headerName, `sha256=${hmacSha256(config.secret, body).toString('hex')}`]];
}
