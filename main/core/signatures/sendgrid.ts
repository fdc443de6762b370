// SendGrid's Signed Event Webhook: "X-Twilio-Email-Event-Webhook-Signature: <base64 ECDSA (P-256, SHA-256)
// signature of timestamp + raw body>", the timestamp in X-Twilio-Email-Event-Webhook-Timestamp, checked with the
// verification key SendGrid shows (base64 of the public key). Hookbridge holds no private key: it verifies only.
import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { header, invalid, missing, staleness, valid, type SignedRequest, type Verdict } from './shared';

export const signatureHeader = 'X-Twilio-Email-Event-Webhook-Signature';
export const timestampHeader = 'X-Twilio-Email-Event-Webhook-Timestamp';

/** The verification key as SendGrid shows it (base64 DER), or null when it is not one. */
export function publicKeyOf(text: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' ? key : null;
  } catch {
    return null;
  }
}

export function verify(config: { publicKey: string; toleranceSeconds: number }, request: SignedRequest): Verdict {
  const signed = header(request, signatureHeader);
  if (!signed) return missing(`The ${signatureHeader} header is missing.`);
  if ('error' in signed) return signed.error;
  const stamped = header(request, timestampHeader);
  if (!stamped) return missing(`The ${timestampHeader} header is missing.`);
  if ('error' in stamped) return stamped.error;
  const key = publicKeyOf(config.publicKey);
  if (!key) return invalid('The endpoint’s SendGrid verification key is not an EC public key (paste it as SendGrid shows it).');
  const timestamp = stamped.value.trim();
  let matches = false;
  try {
    matches = verifySignature('sha256', Buffer.concat([Buffer.from(timestamp), request.body]), key, Buffer.from(signed.value.trim(), 'base64'));
  } catch {
    matches = false;
  }
  if (!matches) return invalid(`${signatureHeader} does not match: the body or timestamp differs from what was signed, or the verification key is another account's.`);
  const stale = /^\d{1,12}$/.test(timestamp) ? staleness(Number(timestamp), request.now, config.toleranceSeconds) : null;
  return stale ? invalid(`${signatureHeader} matches, but its ${stale} (replayed or a skewed clock).`) : valid(`${signatureHeader} matches, timestamp within ${config.toleranceSeconds} s.`);
}
