// What every handshake module works with: the request as the ingress read it, and the few ways a handshake is
// answered. A module recognises its provider's handshake only by the full documented shape.
import { createHmac } from 'node:crypto';
import type { HandshakeId, HandshakeSettings, HeaderPair } from '../model';

export interface HandshakeRequest {
  /** Upper case. */
  method: string;
  query: URLSearchParams;
  /** The first value of a header, by case-insensitive name. */
  header(name: string): string | undefined;
  /** The body, decoded from its Content-Encoding. */
  body: Buffer;
  /** The body parsed, when it is JSON. */
  json: unknown;
  secrets: Pick<HandshakeSettings, 'verifyToken' | 'zoomSecretToken' | 'xConsumerSecret'>;
}

export interface HandshakeAnswer {
  status: number;
  headers: HeaderPair[];
  body: string;
}

/** What the ingress does with a recognised handshake. */
export type HandshakeResult =
  /** The documented answer. */
  | { outcome: 'answered'; answer: HandshakeAnswer; note?: string }
  /** A mismatched verify token: refused with the reason. */
  | { outcome: 'refused'; status: number; reason: string }
  /** The answer is computed with a secret the endpoint does not hold yet: answered with what to configure. */
  | { outcome: 'needs-secret'; reason: string }
  /** The value to echo is longer than 1 KiB: answered as an ordinary webhook. */
  | { outcome: 'echo-too-long'; note: string }
  /** AWS SNS: kept for the person to confirm with a click; answered as an ordinary webhook. */
  | { outcome: 'awaiting-confirmation'; note: string };

export interface HandshakeModule {
  id: HandshakeId;
  /** The event name it is stored under, e.g. slack.url_verification. */
  name: string;
  /** What it is, as the feed's title says it. */
  title: string;
  /** Recognises the full documented shape and decides the answer; null: not this handshake. */
  recognise(request: HandshakeRequest): HandshakeResult | null;
}

/** The longest value echoed back: a provider's challenge is a few dozen bytes. */
export const echoLimit = 1024;

/** The answer to a value over the echo limit (answered as a webhook, and flagged); null when it fits. */
export function overEchoLimit(what: string, value: string): HandshakeResult | null {
  const bytes = Buffer.byteLength(value);
  return bytes > echoLimit ? { outcome: 'echo-too-long', note: `The ${what} is ${bytes} bytes, over the 1 KiB Hookbridge echoes: answered as a webhook instead.` } : null;
}

/** The value as plain text, never sniffed as anything else. */
export function echoText(what: string, value: string, headers: HeaderPair[] = []): HandshakeResult {
  const tooLong = overEchoLimit(what, value);
  if (tooLong) return tooLong;
  return {
    outcome: 'answered',
    answer: { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Cache-Control', 'no-store'], ...headers], body: value },
  };
}

/** A JSON answer that echoes `value` (checked against the limit). */
export function echoJson(what: string, value: string, answer: unknown, headers: HeaderPair[] = []): HandshakeResult {
  return overEchoLimit(what, value) ?? { outcome: 'answered', answer: jsonAnswer(answer, headers) };
}

export function jsonAnswer(value: unknown, headers: HeaderPair[] = [], status = 200): HandshakeAnswer {
  return { status, headers: [['Content-Type', 'application/json; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Cache-Control', 'no-store'], ...headers], body: JSON.stringify(value) };
}

/** An answer with no body, only headers. */
export function emptyAnswer(headers: HeaderPair[], status = 200): HandshakeAnswer {
  return { status, headers: [['Cache-Control', 'no-store'], ...headers], body: '' };
}

export function hmacSha256(secret: string, value: string): Buffer {
  return createHmac('sha256', secret).update(value).digest();
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (value: unknown): value is string => typeof value === 'string';

/** The query's parameter names, as a set (a shape check compares them). */
export const queryNames = (query: URLSearchParams): Set<string> => new Set(query.keys());

