// What the provider hears back, decided in one pure function: a registration handshake's answer wins (nothing
// else applies to one), then a response rule, then the local app's answer (forward-to, pass-through), then the
// documented answer to what the checks concluded.
import type { HeaderPair, RuleAction } from '../model';
import { respond, type IngressOutcome } from './responses';

export type Answer =
  /** Write this status, headers and body. */
  | { kind: 'send'; status: number; headers: HeaderPair[]; body: string }
  /** A rule said to drop the connection without a word (the provider sees a network error). */
  | { kind: 'drop'; status: 0; headers: []; body: '' };

export interface AnswerInput {
  /** What the checks concluded (received, 401, 403, 413, 400 …). */
  outcome: IngressOutcome;
  /** The action of the response rule that matched, if one did (only a received request is matched). */
  rule: RuleAction | null;
  /** The local app's answer to a pass-through forward, if the request was forwarded that way. */
  upstream: { status: number; headers: HeaderPair[]; body: string } | null;
  /** The documented answer to a registration handshake the request was. */
  handshake?: { status: number; headers: HeaderPair[]; body: string } | null;
}

/** The headers of Hookbridge's own JSON answers. */
export function jsonHeaders(body: string): HeaderPair[] {
  return [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['Cache-Control', 'no-store'],
  ];
}

export function decideAnswer({ outcome, rule, upstream, handshake }: AnswerInput): Answer {
  if (handshake) return { kind: 'send', ...handshake };
  if (rule?.kind === 'respond') {
    // The rule's own headers, with a Content-Length that matches the body it sends.
    const headers: HeaderPair[] = [...rule.headers.filter(([name]) => name.toLowerCase() !== 'content-length'), ['Content-Length', String(Buffer.byteLength(rule.body))]];
    return { kind: 'send', status: rule.status, headers, body: rule.body };
  }
  if (rule?.kind === 'drop') return { kind: 'drop', status: 0, headers: [], body: '' };
  if (upstream) return { kind: 'send', ...upstream };
  const { status, body } = respond(outcome);
  return { kind: 'send', status, headers: jsonHeaders(body), body };
}
