// Which headers travel on when a request is sent again (forward-to, replay, curl): pure, the renderer uses it too.
import type { HeaderPair } from './model';

/** Headers that describe one connection, not the request (RFC 9110 §7.6.1), plus what HTTP clients set themselves. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect']);

/** The headers to send on: hop-by-hop ones removed, everything else in order and case as received. */
export function endToEndHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return headers.filter(([name]) => !hopByHop.has(name.toLowerCase()));
}

/** Headers whose values are credentials or signatures (exports drop them; agents see hints). */
export const secretHeaders = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-lox24-token', 'x-hub-signature', 'x-hub-signature-256', 'stripe-signature', 'webhook-signature', 'svix-signature', 'x-api-key'];

/** The first value of a header, by case-insensitive name; undefined when it was not sent. */
export function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}
