// Twilio: "X-Twilio-Signature: <base64 HMAC-SHA1(auth token, the URL Twilio called + each form parameter's name
// and value, sorted by name)>". A JSON body is signed through the URL instead: its SHA-256 rides in the
// bodySHA256 query parameter. The URL is the public one (the tunnel's, or your reverse proxy's), so the ingress
// passes what the request's Host and X-Forwarded-* headers say it was.
import { createHash, createHmac } from 'node:crypto';
import { bodyMismatch, header, invalid, missing, sameBytes, valid, type SignedRequest, type Verdict } from './shared';

export const headerName = 'X-Twilio-Signature';

function isForm(request: Pick<SignedRequest, 'headers'>): boolean {
  const type = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** What Twilio signs for this URL and body. */
function signedData(url: string, body: Buffer, form: boolean): string {
  if (!form || new URL(url).searchParams.has('bodySHA256')) return url;
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, [...(params.get(name) ?? []), value]);
  return [...params.keys()].sort().reduce((data, name) => data + (params.get(name) ?? []).sort().map((value) => name + value).join(''), url);
}

const signatureOf = (token: string, data: string): Buffer => createHmac('sha1', token).update(data, 'utf8').digest();

export function verify(config: { secret: string }, request: SignedRequest): Verdict {
  const found = header(request, headerName);
  if (!found) return missing(`The ${headerName} header is missing.`);
  if ('error' in found) return found.error;
  const sent = Buffer.from(found.value.trim(), 'base64');
  const urls = request.calledUrls?.() ?? [];
  if (urls.length === 0) return invalid(`${headerName} is computed over the URL Twilio called, and this request does not say it (no Host header).`);
  const form = isForm(request);
  const url = urls.find((candidate) => sameBytes(sent, signatureOf(config.secret, signedData(candidate, request.body, form))));
  if (!url) return invalid(`${headerName} does not match: ${bodyMismatch}, or Twilio called another URL than ${urls[0]} (set the public URL Twilio calls in Settings).`);
  const bodyHash = new URL(url).searchParams.get('bodySHA256');
  if (bodyHash !== null && bodyHash.toLowerCase() !== createHash('sha256').update(request.body).digest('hex')) return invalid(`${headerName} matches the URL, but its bodySHA256 does not match the body.`);
  return valid(`${headerName} matches ${url}.`);
}

/** The header Twilio would send for this body posted to `url`; none without a URL (it is part of what is signed). */
export function sign(config: { secret: string }, body: Buffer, headers: readonly [string, string][], url: string | undefined): [string, string][] {
  if (!url) return [];
  return [[headerName, signatureOf(config.secret, signedData(url, body, isForm({ headers }))).toString('base64')]];
}
