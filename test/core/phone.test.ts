import { describe, expect, it } from 'vitest';
// core/phone.ts: what a person typed or a provider sent, as one E.164 number.
import { toE164 } from '../../main/core/phone';

describe('phone numbers normalise to E.164', () => {
  it.each([
    ['international', '+4915112345678', null, '+4915112345678'],
    ['international, spaced', '+49 151 1234 5678', null, '+4915112345678'],
    ['international, with punctuation', '+49 (151) 1234-5678', null, '+4915112345678'],
    ['00 prefix', '004915112345678', null, '+4915112345678'],
    ['00 prefix, spaced', '0049 151 1234 5678', null, '+4915112345678'],
    ['national with a default country', '0151 12345678', '49', '+4915112345678'],
    ['Chile, international', '+56 9 8765 4321', null, '+56987654321'],
    ['US, international', '+1 415 555 0100', null, '+14155550100'],
    ['digits without + (already international)', '4915112345678', null, '+4915112345678'],
  ])('%s: %s → %s', (_label, raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it.each([
    ['a national number without a default country', '0151 12345678'],
    ['text', 'call me maybe'],
    ['too short', '+49 151'],
    ['too long', '+49 151 1234 5678 9999 1'],
    ['an email', 'a@b.de'],
  ])('returns null for %s', (_label, raw) => {
    expect(toE164(raw)).toBeNull();
  });
});
