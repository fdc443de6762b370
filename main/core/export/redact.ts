// Redaction for exports: phone numbers become fake numbers of the same country and length, verification codes
// same-length digits, user references, e-mails and external ids stable pseudonyms of the same form, and
// secret-bearing headers go. One Redactor per export: the same original always maps to the same fake, so a
// story (one verify code's events) still hangs together.
import { createHmac, randomBytes } from 'node:crypto';
import { countryCode, toE164 } from '../phone';
import { rewriteJson, type JsonPath } from './json-rewrite';


/** Field names whose values identify a person or an account (any depth). */
const referenceKeys = new Set(['user_reference', 'user_id', 'userid', 'customer_id', 'external_id', 'external_reference', 'identity_id', 'msg_uuid', 'key_id', 'callback_data', 'payload', 'rut', 'document_number', 'first_name', 'last_name', 'full_name']);
/** Field names whose values are one-time codes. */
const codeKeys = new Set(['code', 'otp', 'pin', 'verification_code', 'token']);
/** Field names that hold free text a person wrote (SMS text): every phone and e-mail inside is scanned anyway, the rest is replaced. */
const textKeys = new Set(['text', 'message_text', 'body']);

// "+49 151 1234 5678", "004915112345678", "+4915112345678": a plus or 00, then 8–15 digits with common separators.
const phonePattern = /(?<![\w+])(?:\+|00)[1-9](?:[\s\-./()]?\d){7,14}(?!\w)/g;
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export class Redactor {
  private readonly key: Buffer;
  private readonly seen = new Map<string, string>();

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  /** Deterministic per export: digits and letters derived from the original, so the same input gives the same fake. */
  private stream(kind: string, original: string): () => number {
    let block = 0;
    let bytes = Buffer.alloc(0);
    let at = 0;
    return () => {
      if (at >= bytes.length) {
        bytes = createHmac('sha256', this.key).update(`${kind}\0${block++}\0${original}`).digest();
        at = 0;
      }
      return bytes[at++] as number;
    };
  }

  private remember(kind: string, original: string, make: () => string): string {
    const id = `${kind}\0${original}`;
    let fake = this.seen.get(id);
    if (fake === undefined) {
      fake = make();
      // A fake that happens to equal the original would leak it: derive again.
      if (fake === original) fake = make();
      this.seen.set(id, fake);
    }
    return fake;
  }

  /** Same layout: digits → digits, letters → letters of the same case; punctuation stays. */
  shaped(kind: string, original: string, keepPrefix = true): string {
    return this.remember(kind, original, () => {
      const next = this.stream(kind, original + this.seen.size);
      // Prefixes such as va_, aa_, id_, user- say what an id is; they carry no one's data.
      const prefix = keepPrefix ? (/^[a-z]{1,10}[_-]/.exec(original)?.[0] ?? '') : '';
      const rest = [...original.slice(prefix.length)].map((c) => {
        if (/\d/.test(c)) return String(next() % 10);
        if (/[a-z]/.test(c)) return String.fromCharCode(97 + (next() % 26));
        if (/[A-Z]/.test(c)) return String.fromCharCode(65 + (next() % 26));
        return c;
      });
      return prefix + rest.join('');
    });
  }

  /** A phone number of the same country and length, written the same way (spaces, dashes, + or 00 kept). */
  phone(original: string): string {
    const e164 = toE164(original);
    if (!e164) return this.shaped('phone', original, false);
    const country = countryCode(e164.slice(1));
    // The fake digits belong to the number, whatever way it was written: the same person everywhere.
    const fakeDigits = this.remember('phone', e164, () => {
      const next = this.stream('phone', e164 + this.seen.size);
      return `+${country}${[...e164.slice(1 + country.length)].map(() => String(next() % 10)).join('')}`;
    }).slice(1 + country.length);
    let digitIndex = 0;
    let national = 0;
    const skip = original.trim().startsWith('00') ? 2 + country.length : country.length;
    return [...original]
      .map((c) => {
        if (!/\d/.test(c)) return c;
        digitIndex++;
        return digitIndex <= skip ? c : (fakeDigits[national++] ?? c);
      })
      .join('');
  }

  code(original: string): string {
    return this.remember('code', original, () => {
      const next = this.stream('code', original);
      return [...original].map((c) => (/\d/.test(c) ? String(next() % 10) : c)).join('');
    });
  }

  email(original: string): string {
    return this.remember('email', original.toLowerCase(), () => `${this.shaped('email-local', original.split('@')[0] ?? 'user', false)}@example.com`);
  }

  /** Phones and e-mails anywhere in a text (headers, query, plain bodies, JSON strings). */
  scan(text: string): string {
    return text.replace(emailPattern, (m) => this.email(m)).replace(phonePattern, (m) => this.phone(m));
  }

  /**
   * A query string or form body: each value decoded, scanned (and by its key, like JSON fields), encoded again;
   * untouched pairs keep their exact bytes.
   */
  form(text: string): string {
    return text
      .split('&')
      .map((pair) => {
        const at = pair.indexOf('=');
        const rawKey = at === -1 ? pair : pair.slice(0, at);
        const rawValue = at === -1 ? '' : pair.slice(at + 1);
        let key: string;
        let value: string;
        try {
          key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
          value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
        } catch {
          return this.scan(pair);
        }
        const redacted = this.jsonValue([key], value, key);
        return redacted === undefined ? pair : `${rawKey}=${encodeURIComponent(String(redacted))}`;
      })
      .join('&');
  }

  /** One JSON value by where it sits: known fields by name, every other string scanned. */
  private jsonValue(path: JsonPath, value: string | number, key: string | null): string | number | undefined {
    const name = key?.toLowerCase() ?? null;
    if (typeof value === 'number') {
      if (name && (referenceKeys.has(name) || codeKeys.has(name))) return Number(this.shaped('number', String(value), false).replace(/^0/, '1'));
      return undefined;
    }
    if (value === '') return undefined;
    if (name === 'phone' || name === 'to' || name === 'from' || name === 'msisdn' || name === 'phone_number') return this.phone(value);
    if (name && codeKeys.has(name)) return this.code(value);
    if (name && (name === 'email' || name.endsWith('_email'))) return this.email(value);
    if (name && referenceKeys.has(name)) return this.shaped(`ref:${name}`, value);
    if (name && textKeys.has(name)) return this.shaped('text', this.scan(value), false);
    const scanned = this.scan(value);
    return scanned === value ? undefined : scanned;
  }

  /** A JSON text with its values redacted and everything else byte for byte; null when it is not JSON. */
  json(text: string): string | null {
    return rewriteJson(text, (path, value, key) => this.jsonValue(path, value, key));
  }
}
