// What every scheme file works with: the raw request, the one header lookup, and HMAC over raw bytes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthCheck, HeaderPair } from '../model';

export interface SignedRequest {
  headers: readonly HeaderPair[];
  /** The body exactly as received: signatures are over these bytes, never re-serialised JSON. */
  body: Buffer;
  /** When it arrived, ms since the epoch (for timestamp tolerances). */
  now: number;
  /** The full URLs the sender may have called, for schemes that sign the URL (Twilio): worked out only when one asks. */
  calledUrls?: () => readonly string[];
}

export type Verdict = Pick<AuthCheck, 'result' | 'reason'>;

export const valid = (reason: string): Verdict => ({ result: 'valid', reason });
export const invalid = (reason: string): Verdict => ({ result: 'invalid', reason });
export const missing = (reason: string): Verdict => ({ result: 'missing', reason });

/** The header's one value; a repeated header is an error of its own (which copy would be the real one?). */
export function header(request: SignedRequest, name: string): { value: string } | { error: Verdict } | null {
  const wanted = name.toLowerCase();
  const values = request.headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
  if (values.length === 0) return null;
  if (values.length > 1) return { error: invalid(`The ${name} header was sent ${values.length} times.`) };
  return { value: values[0] as string };
}

export function hmacSha256(key: Buffer | string, ...parts: Buffer[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Constant-time equality of two byte strings (false for different lengths, without comparing). */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export const bodyMismatch = 'the body differs from what was signed, or the secret is wrong';

/** "timestamp 412 s outside the 300 s tolerance", or null when inside it. */
export function staleness(timestampSeconds: number, now: number, toleranceSeconds: number): string | null {
  const off = Math.round(now / 1000 - timestampSeconds);
  if (Math.abs(off) <= toleranceSeconds) return null;
  return `timestamp ${Math.abs(off)} s ${off > 0 ? 'old' : 'in the future'}, outside the ${toleranceSeconds} s tolerance`;
}
