// What `hookbridge serve` prints while it runs: one line per stored event, `stripe listen`-style, or one JSON
// line per event with --json. Sender text is made inert for the terminal (no escape sequence a sender wrote
// reaches it) and masked (phone numbers, codes, e-mails). Pure: the writer and the rate limit are in
// live-output.ts.
import { redact } from '../core/alerts/redact';
import type { Delivery, EventSummary, Severity } from '../core/model';

/**
 * Text a sender wrote, safe to print: C0 and C1 control characters (ESC, CSI, BEL, CR, backspace…) and the
 * bidirectional overrides that reorder what a terminal shows are printed as visible escapes (\x1b, \u202e).
 */
// The control characters are what this pattern is for.
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function inert(text: string): string {
  return text.replace(unsafe, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** At most `max` characters, "…" at the end when cut. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (open: number, close: number) => (text: string): string => `\x1b[${open}m${text}\x1b[${close}m`;
export const colors: Palette = { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
const same = (text: string): string => text;
export const noColors: Palette = { red: same, yellow: same, green: same, dim: same, bold: same };

const marks: Record<Severity, { mark: string; paint: keyof Palette }> = {
  failed: { mark: '✕', paint: 'red' },
  error: { mark: '!', paint: 'yellow' },
  ok: { mark: '✓', paint: 'green' },
  info: { mark: '·', paint: 'dim' },
};

/** Local wall-clock time, HH:MM:SS. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function statusText(event: EventSummary, paint: Palette): string {
  if (event.answeredBy?.dropped) return paint.red('---');
  const text = String(event.status);
  if (event.status >= 500) return paint.red(text);
  if (event.status >= 400) return paint.yellow(text);
  return paint.green(text);
}

/** What answered instead of the plain 200: a response rule, a failed check. */
function answeredText(event: EventSummary): string {
  const parts: string[] = [];
  if (event.answeredBy) {
    const delay = event.answeredBy.delayMs > 0 ? ` after ${event.answeredBy.delayMs} ms` : '';
    parts.push(`rule “${cut(inert(event.answeredBy.name), 40)}”${event.answeredBy.dropped ? ' closed the connection' : ''}${delay}`);
  }
  if (event.flags.includes('auth_failed')) parts.push('auth check failed');
  else if (event.flags.includes('auth_unverified')) parts.push('auth check failed, accepted and flagged');
  if (event.duplicateOf) parts.push('duplicate');
  else if (event.retryOf) parts.push('retry');
  return parts.join(', ');
}

/**
 * One event as a terminal line: time, mark, status answered, request line, provider · name, masked summary,
 * what answered. Given the terminal's width, the summary is cut so the line never wraps.
 */
export function eventLine(event: EventSummary, paint: Palette, width?: number): string {
  const { mark, paint: tone } = marks[event.severity];
  const request = cut(inert(`${event.method} /${event.path}`), 48).padEnd(16);
  const what = inert(event.name ? `${event.provider} · ${event.name}` : event.provider);
  const answered = answeredText(event);
  const time = clockTime(event.receivedAt);
  const status = event.answeredBy?.dropped ? '---' : String(event.status);
  // Everything but the summary, as wide as it shows (two spaces between the parts).
  const others = [time, mark, status, request, what, ...(answered ? [`[${answered}]`] : [])].reduce((sum, part) => sum + [...part].length + 2, 0);
  const room = width === undefined ? 120 : Math.max(16, width - others - 1);
  return [
    paint.dim(time),
    paint[tone](mark),
    statusText(event, paint),
    request,
    paint.bold(what),
    cut(inert(redact(event.summary)), room),
    ...(answered ? [paint.dim(`[${answered}]`)] : []),
  ].join('  ');
}

/** A forward of an event to the local app, under the event's line. */
export function forwardLine(delivery: Delivery, paint: Palette): string {
  const target = cut(inert(delivery.url), 80);
  const outcome = delivery.response
    ? `${delivery.response.status >= 400 ? paint.red(String(delivery.response.status)) : paint.green(String(delivery.response.status))} in ${Math.round(delivery.durationMs)} ms`
    : paint.red(`failed: ${inert(delivery.error ?? 'no answer')}`);
  return `${' '.repeat(10)}${paint.dim('↳ forwarded to')} ${target} → ${outcome}`;
}

/** The line said once a second in place of the lines over the limit. */
export function moreLine(count: number, paint: Palette): string {
  return paint.dim(`${' '.repeat(10)}… +${count} more (every event is in the UI)`);
}

/** What the writer says after it had to drop lines because nobody read them. */
export function droppedLine(count: number): string {
  return `hookbridge: ${count} line${count === 1 ? '' : 's'} not printed: the terminal or pipe was not reading. Every event is stored.`;
}

/**
 * One event as an NDJSON line (`serve --json`, after the first line). The shape is stable; the summary and
 * the correlation keys are masked like every line Hookbridge prints (the full event is getEvent's).
 */
export interface EventJson {
  type: 'event';
  id: string;
  /** ISO 8601, UTC. */
  receivedAt: string;
  endpoint: { id: string; name: string | null };
  method: string;
  path: string;
  /** What Hookbridge answered; 0 when a rule closed the connection without an answer. */
  status: number;
  provider: string;
  name: string | null;
  severity: Severity;
  summary: string;
  correlationKeys: string[];
}

export function eventJson(event: EventSummary, endpointName: string | null, correlationKeys: string[]): EventJson {
  return {
    type: 'event',
    id: event.id,
    receivedAt: new Date(event.receivedAt).toISOString(),
    endpoint: { id: event.endpointId, name: endpointName },
    method: event.method,
    path: event.path,
    status: event.answeredBy?.dropped ? 0 : event.status,
    provider: event.provider,
    name: event.name,
    severity: event.severity,
    summary: redact(event.summary),
    // A key can be a phone number ("phone:+49…"): masked like the summary. getEvent has them whole.
    correlationKeys: correlationKeys.map(redact),
  };
}

/** Said in the JSON stream where lines were dropped because nobody read them. */
export interface GapJson {
  type: 'gap';
  /** Events stored but not printed. */
  dropped: number;
}
