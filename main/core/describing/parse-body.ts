// Decides whether a body is JSON and parses it: by its content type, or by sniffing when there is none.
import type { ParseError } from '../model';
import { locateJsonError } from './json-error';

export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid-json'; error: ParseError }
  | { kind: 'other' };

/** application/json and any +json type (application/vnd.foo+json, application/problem+json). */
export function claimsJson(contentType: string | null): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

// ignoreBOM keeps a byte order mark in the text, so character positions map back to byte positions.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Index of the first byte of the first ill-formed UTF-8 sequence (Unicode table 3-7), or -1 if there is none. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Allowed range of the second byte, and how many continuation bytes follow the lead.
    let low = 0x80;
    let high = 0xbf;
    let extra: number;
    if (lead >= 0xc2 && lead <= 0xdf) extra = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      extra = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f; // no encoded surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      extra = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i; // a continuation byte, an overlong lead (C0, C1) or F5..FF
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += extra + 1;
  }
  return -1;
}

function cleanMessage(message: string): string {
  // V8 quotes the start of the payload in some messages; the inspector shows the body anyway.
  return message.replace(/, ".*" is not valid JSON$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
}

/** `offset`: bytes before `text` in the body (a stripped byte order mark), added to every position. */
function parseJsonText(text: string, offset: number): ParsedBody {
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stated = /at position (\d+)/.exec(message);
    const charPosition = stated ? Number(stated[1]) : (locateJsonError(text) ?? text.length);
    const position = offset + Buffer.byteLength(text.slice(0, charPosition), 'utf8');
    const clean = cleanMessage(message).replace(/ in JSON at position \d+$/, '').replace(/ at position \d+$/, '');
    return { kind: 'invalid-json', error: { message: `${clean} at byte ${position}`, position } };
  }
}

export function parseBody(contentType: string | null, bytes: Buffer): ParsedBody {
  const claimed = claimsJson(contentType);
  if (claimed) {
    if (bytes.length === 0) {
      return { kind: 'invalid-json', error: { message: 'The body is empty, but the content type says JSON', position: 0 } };
    }
    const badByte = firstInvalidUtf8Byte(bytes);
    if (badByte !== -1) {
      return { kind: 'invalid-json', error: { message: `The body is not valid UTF-8 (first bad byte at ${badByte})`, position: badByte } };
    }
    const text = strictUtf8.decode(bytes);
    // A byte order mark is tolerated (some senders add one); JSON.parse would choke on it.
    return text.charCodeAt(0) === 0xfeff ? parseJsonText(text.slice(1), 3) : parseJsonText(text, 0);
  }
  // No JSON claim: sniff, so a JSON body sent as text/plain (or with no type) is still shown as JSON. A body
  // that fails here is simply not JSON: it was never promised to be.
  const first = bytes.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (first !== 0x7b && first !== 0x5b) return { kind: 'other' };
  try {
    const text = strictUtf8.decode(bytes);
    return { kind: 'json', value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return { kind: 'other' };
  }
}
