// core/mask.ts: phone numbers, codes and references as notifications, terminal lines and agent summaries show them.
import { describe, expect, it } from 'vitest';
import { maskCode, maskPhone, shortenReference } from '../../main/core/mask';

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
