// Standard Webhooks (and Svix's svix-* headers): webhook-id, webhook-timestamp, webhook-signature = space-separated
// "v1,<base64>" over "<id>.<timestamp>.<raw body>"; key = base64-decoded secret after "whsec_"; tolerance ±300 s.
import { randomBytes } from 'node:crypto';
import { bodyMismatch, header, hmacSha256, invalid, missing, sameBytes, staleness, valid, type SignedRequest, type Verdict } from './shared';

interface StandardConfig {
  secret: string;
  toleranceSeconds: number;
}

const key = (secret: string): Buffer => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

/** The webhook-* headers, or the svix-* ones a Svix sender uses instead. */
function headersOf(request: SignedRequest): { id: string; timestamp: string; signature: string; prefix: string } | Verdict {
  for (const prefix of ['webhook', 'svix']) {
    const id = header(request, `${prefix}-id`);
    const timestamp = header(request, `${prefix}-timestamp`);
    const signature = header(request, `${prefix}-signature`);
    if (!id && !timestamp && !signature) continue;
    for (const [name, found] of [[`${prefix}-id`, id], [`${prefix}-timestamp`, timestamp], [`${prefix}-signature`, signature]] as const) {
      if (!found) return missing(`The ${name} header is missing.`);
      if ('error' in found) return found.error;
    }
    return { id: (id as { value: string }).value, timestamp: (timestamp as { value: string }).value, signature: (signature as { value: string }).value, prefix };
  }
  return missing('The webhook-id, webhook-timestamp and webhook-signature headers are missing.');
}

export function verify(config: StandardConfig, request: SignedRequest): Verdict {
  const found = headersOf(request);
  if ('result' in found) return found;
  const name = `${found.prefix}-signature`;
  if (!/^\d{1,12}$/.test(found.timestamp)) return invalid(`The ${found.prefix}-timestamp header is not a unix time in seconds.`);
  const candidates = found.signature
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, value]) => version === 'v1' && value !== undefined)
    .map(([, value]) => Buffer.from(value as string, 'base64'));
  if (candidates.length === 0) return invalid(`The ${name} header has no v1 signature.`);
  const expected = hmacSha256(key(config.secret), Buffer.from(`${found.id}.${found.timestamp}.`), request.body);
  const matched = candidates.map((candidate) => sameBytes(candidate, expected)).includes(true);
  if (!matched) return invalid(`${name} does not match: ${bodyMismatch}.`);
  const stale = staleness(Number(found.timestamp), request.now, config.toleranceSeconds);
  return stale ? invalid(`${name} matches, but its ${stale} (replayed or a skewed clock).`) : valid(`${name} matches, timestamp within ${config.toleranceSeconds} s.`);
}

export function sign(config: Pick<StandardConfig, 'secret'>, body: Buffer, now: number, id = `msg_${randomBytes(12).toString('hex')}`): [string, string][] {
  const timestamp = String(Math.floor(now / 1000));
  const signature = hmacSha256(key(config.secret), Buffer.from(`${id}.${timestamp}.`), body).toString('base64');
  return [
    ['webhook-id', id],
    ['webhook-timestamp', timestamp],
    ['webhook-signature', `v1,${signature}`],
  ];
}
