// Forward-to: which URL a live request goes to (routes by event name first, then the endpoint's URL), and the
// answer the provider gets in pass-through mode when the local app answers — or does not.
import { globMatches } from '../json-path';
import type { ForwardConfig, HeaderPair } from '../model';
import { endToEndHeaders } from '../http-headers';
import type { SendResult } from '../outbound/send';

export function forwardTarget(config: ForwardConfig, eventName: string | null): string | null {
  if (!config.enabled) return null;
  const route = eventName === null ? undefined : config.routes.find((r) => globMatches(r.event, eventName));
  return route?.url ?? config.url;
}

/** Pass-through: the local app's status, headers and (capped) body; 502 with the reason when it did not answer. */
export function passThroughAnswer(result: SendResult, url: string): { status: number; headers: HeaderPair[]; body: string } {
  if (result.response) {
    const body = result.response.body;
    return { status: result.response.status, headers: [...endToEndHeaders(result.response.headers).filter(([n]) => n.toLowerCase() !== 'content-encoding'), ['Content-Length', String(Buffer.byteLength(body))]], body };
  }
  const body = JSON.stringify({ error: { code: 'UPSTREAM_UNAVAILABLE', message: `Hookbridge forwards this endpoint to ${url}: ${result.error ?? 'no answer'}` } });
  return { status: 502, headers: [['Content-Type', 'application/json; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(body))]], body };
}
