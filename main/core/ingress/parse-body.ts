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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Finds the first byte of an invalid UTF-8 sequence (the body is already known to be invalid). */
function firstInvalidUtf8Byte(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The shortest invalid prefix: binary search on "decodes cleanly up to n" (a cut sequence counts as invalid,
  // so step back over a trailing partial sequence when reporting).
  while (low < high) {
    const mid = (low + high) >>> 1;
    try {
      strictUtf8.decode(bytes.subarray(0, mid + 1));
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  let position = low;
  while (position > 0 && ((bytes[position] ?? 0) & 0xc0) === 0x80) position--;
  return position;
}

function cleanMessage(message: string): string {
  // V8 quotes the start of the payload in some messages; the inspector shows the body anyway.
  return message.replace(/, ".*" is not valid JSON$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
}

function parseJsonText(text: string): ParsedBody {
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stated = /at position (\d+)/.exec(message);
    const charPosition = stated ? Number(stated[1]) : (locateJsonError(text) ?? text.length);
    const position = Buffer.byteLength(text.slice(0, charPosition), 'utf8');
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
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      const position = firstInvalidUtf8Byte(bytes);
      return { kind: 'invalid-json', error: { message: `The body is not valid UTF-8 (first bad byte at ${position})`, position } };
    }
    return parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }
  // No JSON claim: sniff, so a JSON body sent as text/plain (or with no type) is still shown as JSON. A body
  // that fails here is simply not JSON: it was never promised to be.
  const first = bytes.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (first !== 0x7b && first !== 0x5b) return { kind: 'other' };
  try {
    return { kind: 'json', value: JSON.parse(strictUtf8.decode(bytes)) };
  } catch {
    return { kind: 'other' };
  }
}
