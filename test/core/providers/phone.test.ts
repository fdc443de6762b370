import { describe, expect, it } from 'vitest';
import { maskCode, maskPhone, shortenReference } from '../../../main/core/mask';
import { toE164 } from '../../../main/core/phone';

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

describe('masking', () => {
  it('keeps the country code and the last 3 digits of a phone number', () => {
    expect(maskPhone('+4915112345678')).toBe('+49 ••• 678');
    expect(maskPhone('0049 151 1234 5678')).toBe('+49 ••• 678');
    expect(maskPhone('+1 415 555 0100')).toBe('+1 ••• 100');
    expect(maskPhone('+56987654321')).toBe('+56 ••• 321');
    expect(maskPhone('not a number')).toBe('•••');
  });

  it('hides verification codes entirely, whatever their length', () => {
    expect(maskCode('1234')).toBe('••••');
    expect(maskCode('98765432')).toBe('••••');
  });

  it('shortens user references', () => {
    expect(shortenReference('user-1042')).toBe('us…42');
    expect(shortenReference('abc')).toBe('a…');
  });
});
