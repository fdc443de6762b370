// What the ingress answers, in one place: each outcome → HTTP status and a JSON body a person can act on.
import { formatBytes } from '../providers/generic';

export type IngressOutcome =
  | { kind: 'received'; id: string }
  | { kind: 'invalid-body'; id: string; message: string; position: number | null }
  | { kind: 'unauthorized'; id: string; reason: string }
  | { kind: 'disabled'; id: string }
  | { kind: 'not-found' }
  | { kind: 'too-large'; id: string; size: number; limit: number }
  /** Its Content-Encoding inflates past the limit (a decompression bomb is cut there). */
  | { kind: 'decoded-too-large'; id: string; size: number; encodings: string[]; limit: number }
  /** Its Content-Encoding is unknown, or the bytes are not what it says. */
  | { kind: 'undecodable'; id: string; code: 'UNSUPPORTED_ENCODING' | 'CORRUPT_ENCODING'; reason: string }
  | { kind: 'store-failed'; code: string; message: string }
  /** A registration handshake that cannot be answered: a verify token that does not match, or a secret the endpoint lacks. */
  | { kind: 'handshake-refused'; id: string; status: number; code: 'HANDSHAKE_REFUSED' | 'HANDSHAKE_SECRET_MISSING'; reason: string };

export interface IngressResponse {
  status: number;
  body: string;
}

function json(status: number, value: unknown): IngressResponse {
  return { status, body: JSON.stringify(value) };
}

export function respond(outcome: IngressOutcome): IngressResponse {
  switch (outcome.kind) {
    case 'received':
      return json(200, { received: true, id: outcome.id });
    case 'invalid-body':
      return json(400, {
        error: {
          code: 'INVALID_BODY',
          message: `${outcome.message}. The request was kept as event ${outcome.id}; fix the body and send it again.`,
          position: outcome.position,
        },
        id: outcome.id,
      });
    case 'unauthorized':
      return json(401, {
        error: { code: 'UNAUTHORIZED', message: outcome.reason },
        id: outcome.id,
      });
    case 'disabled':
      return json(403, {
        error: { code: 'ENDPOINT_DISABLED', message: 'This endpoint is disabled in Hookbridge; enable it to accept webhooks.' },
        id: outcome.id,
      });
    case 'not-found':
      return json(404, {
        error: {
          code: 'NOT_FOUND',
          message: 'There is no Hookbridge endpoint at this path. Webhook URLs look like /h/<token>; copy yours from Hookbridge.',
        },
      });
    case 'too-large':
      return json(413, {
        error: {
          code: 'BODY_TOO_LARGE',
          message: `The body is ${formatBytes(outcome.size)}; this endpoint accepts up to ${formatBytes(outcome.limit)}. Raise the limit (--body-limit) if this is expected.`,
        },
        id: outcome.id,
      });
    case 'decoded-too-large':
      return json(413, {
        error: {
          code: 'BODY_TOO_LARGE',
          message: `The ${outcome.encodings.join(' + ')} body is ${formatBytes(outcome.size)} as sent but inflates past ${formatBytes(outcome.limit)}, the most this endpoint accepts once decoded. It was kept as event ${outcome.id} (decoding stopped at the limit); raise the limit (--body-limit) if this is expected.`,
        },
        id: outcome.id,
      });
    case 'undecodable':
      return json(400, {
        error: { code: outcome.code, message: `${outcome.reason} The request was kept as event ${outcome.id}; send it unencoded or with gzip, deflate or br.` },
        id: outcome.id,
      });
    case 'handshake-refused':
      return json(outcome.status, { error: { code: outcome.code, message: outcome.reason }, id: outcome.id });
    case 'store-failed':
      return json(500, {
        error: { code: outcome.code, message: `${outcome.message} Nothing was stored; retry later.` },
      });
  }
}
