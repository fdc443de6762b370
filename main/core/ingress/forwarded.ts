// The original client's address. Behind the tunnel the socket peer is always 127.0.0.1, so the
// proxies' headers are the only clue; they are recorded as claimed, not trusted for anything.
import type { HeaderPair } from '../model';

function header(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

export function forwardedClient(headers: readonly HeaderPair[]): string | null {
  const xff = header(headers, 'x-forwarded-for');
  if (xff) {
    const first = xff.split(',')[0]?.trim();
    if (first) return first.slice(0, 200);
  }
  const forwarded = header(headers, 'forwarded');
  if (forwarded) {
    const match = /for=("?)\[?([^;,"\]]+)\]?\1/i.exec(forwarded);
    if (match?.[2]) return match[2].slice(0, 200);
  }
  const real = header(headers, 'x-real-ip') ?? header(headers, 'cf-connecting-ip') ?? header(headers, 'true-client-ip');
  return real ? real.trim().slice(0, 200) : null;
}
