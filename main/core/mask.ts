// Masking for what may be seen over a shoulder or on a lock screen: summaries, notifications, exports.
import { countryCode, toE164 } from './phone';

/** "+4915112345678" → "+49 ••• 678": the country code and the last 3 digits survive. */
export function maskPhone(raw: string): string {
  const e164 = toE164(raw);
  if (!e164) return '•••';
  const digits = e164.slice(1);
  return `+${countryCode(digits)} ••• ${digits.slice(-3)}`;
}

/** Verification codes are hidden entirely: their length is a hint too. */
export function maskCode(_code: string): string {
  return '••••';
}

/** "user-1042" → "us…42": enough to tell two users apart in a list, not enough to look one up. */
export function shortenReference(reference: string): string {
  if (reference.length <= 6) return `${reference.slice(0, 1)}…`;
  return `${reference.slice(0, 2)}…${reference.slice(-2)}`;
}

/** Shows that a secret is set without giving it away: its first 2 characters and its length. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 2)}${'•'.repeat(6)} (${secret.length} characters)`;
}
