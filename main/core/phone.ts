// Phone numbers in E.164 (+<country><number>), so "+49 151 1234 5678", "004915112345678" and
// "+4915112345678" correlate and search as one number.

// ITU country calling codes of one and two digits; every other code has three.
const oneDigit = new Set(['1', '7']);
const twoDigit = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
  '86', '90', '91', '92', '93', '94', '95', '98',
]);

/** The country calling code at the start of E.164 digits (without "+"). */
export function countryCode(digits: string): string {
  if (oneDigit.has(digits.slice(0, 1))) return digits.slice(0, 1);
  if (twoDigit.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

/**
 * Normalises a phone number to E.164, or returns null when it cannot be one. International forms ("+", "00")
 * always work; a national number (one leading 0) needs the default country calling code (e.g. "49").
 */
export function toE164(raw: string, defaultCountryCode?: string | null): string | null {
  const trimmed = raw.trim();
  if (!/^[+\d][\d\s().\-/]*$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  let national: string;
  if (trimmed.startsWith('+')) national = digits;
  else if (digits.startsWith('00')) national = digits.slice(2);
  else if (digits.startsWith('0') && defaultCountryCode) national = defaultCountryCode + digits.slice(1);
  else if (!digits.startsWith('0') && digits.length >= 10) national = digits; // already international, without "+"
  else return null;
  // E.164: at most 15 digits; shorter than 8 is no subscriber number anywhere we deliver to.
  if (national.length < 8 || national.length > 15 || national.startsWith('0')) return null;
  return `+${national}`;
}
