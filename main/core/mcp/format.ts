// How events read in tool answers: what Hookbridge itself decided (status answered, signature verdict, schema
// check, deliveries) as plain lines, and everything a sender wrote inside the untrusted-data block.
import { redact } from '../alerts/redact';
import { secretHeaders } from '../http-headers';
import type { Delivery, EventDetail, EventSummary, PublicEndpoint } from '../model';
import { untrusted } from './untrusted';

/** Bodies longer than this are cut in get_event, with a note and the byte count. */
export const maxBodyChars = 64 * 1024;

/** Beyond the known secret headers, any name that sounds like one (a sender's own token or signature header). */
const secretLooking = /api[-_]?key|signature|token|secret|password|hmac|functions-key|credential|session/i;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** One feed line: id, time, provider · name, severity, status answered, the summary masked as in notifications. */
export function eventLine(e: EventSummary): string {
  return `${e.id}  ${iso(e.receivedAt)}  ${e.provider} · ${e.name ?? '(no name)'}  ${e.severity}  ${e.status}  ${redact(e.summary)}`;
}

/** A secret-bearing header's value as a hint: its first 4 characters and its length. */
export function headerForAgent(name: string, value: string): string {
  if (!secretHeaders.includes(name.toLowerCase()) && !secretLooking.test(name)) return `${name}: ${value}`;
  return `${name}: ${value.slice(0, 4)}… (${value.length} characters, hidden)`;
}

function bodyText(event: EventDetail): { text: string; note: string | null } {
  const text = event.bodyEncoding === 'utf8' ? event.body : `(binary body, base64) ${event.body}`;
  const bytes = event.bodySize;
  if (text.length <= maxBodyChars) return { text, note: event.bodyTruncated ? `The body was cut at the body limit when it arrived (${bytes} bytes received).` : null };
  return { text: text.slice(0, maxBodyChars), note: `The body is cut here for this answer: ${bytes} bytes in all (get it whole with export_fixtures).` };
}

function deliveryLine(d: Delivery): string {
  const what = d.response ? `${d.response.status} in ${Math.round(d.durationMs)} ms` : `no answer (${d.error ?? 'unknown'})`;
  return `- ${d.kind} to ${d.url} at ${iso(d.sentAt)}: ${what}${d.edited ? ', edited' : ''}${d.resigned ? ', signed again' : ''}`;
}

export function eventDetailText(event: EventDetail, endpoint: PublicEndpoint | undefined, deliveries: readonly Delivery[]): string {
  const trusted: string[] = [
    `Event ${event.id}, received ${iso(event.receivedAt)} on endpoint “${endpoint?.name ?? event.endpointId}”; Hookbridge answered ${event.response.status} in ${event.response.durationMs} ms.`,
    `Provider ${event.provider}, severity ${event.severity}${event.attempt ? `, attempt ${event.attempt.number} of ${event.attempt.total}` : ''}${event.duplicateOf ? `, a duplicate of ${event.duplicateOf}` : ''}${event.retryOf ? `, a retry of ${event.retryOf}` : ''}.`,
    event.authCheck
      ? `Signature/auth check ${event.authCheck.scheme}: ${event.authCheck.result} (${event.authCheck.reason})${event.authCheck.enforced && event.authCheck.result !== 'valid' ? '; the request was refused' : ''}.`
      : 'Signature/auth check: none configured on this endpoint.',
  ];
  if (event.explanation) trusted.push(`Explanation (${event.explanation.key}): ${event.explanation.title}. ${event.explanation.text}`);
  if (event.schemaCheck) {
    trusted.push(event.schemaCheck.state === 'pending' ? 'Schema check against the imported OpenAPI description: still running.' : `Schema checked against the imported OpenAPI description${event.schemaCheck.webhook ? ` (webhook ${event.schemaCheck.webhook})` : ''}.`);
  }
  if (event.flags.length > 0) trusted.push(`Flags: ${event.flags.join(', ')}.`);
  if (event.correlationKeys.length > 0) trusted.push(`Correlation keys (get_timeline): ${event.correlationKeys.length}.`);
  trusted.push(deliveries.length > 0 ? `Deliveries (replays and forwards), newest first:\n${deliveries.map(deliveryLine).join('\n')}` : 'Deliveries: none yet.');

  const { text, note } = bodyText(event);
  const data: string[] = [
    `name: ${event.name ?? '(none)'}`,
    `title: ${event.title}`,
    `summary: ${event.summary}`,
    ...(event.claim ? [`claimed by: ${event.claim}`] : []),
    ...(event.severityReason ? [`severity because: ${event.severityReason}`] : []),
    ...(event.correlationKeys.length > 0 ? [`correlation keys: ${event.correlationKeys.join(', ')}`] : []),
    ...event.facts.map(([label, value]) => `fact ${label}: ${value}`),
    ...event.issues.map((i) => `schema issue at ${i.path}: ${i.message} (expected ${i.expected}, received ${i.received})`),
    ...(event.parseError ? [`body problem: ${event.parseError.message}`] : []),
    '',
    `${event.method} ${endpoint ? new URL(endpoint.url).pathname : '/h/…'}${event.path ? `/${event.path}` : ''}${event.query ? `?${event.query}` : ''}`,
    ...event.headers.map(([name, value]) => headerForAgent(name, value)),
    '',
    text,
    '',
    // In pass-through mode this is the local handler's answer, which may echo the payload: data too.
    `response sent: ${event.response.status} ${JSON.stringify(event.response.body.slice(0, 500))}`,
  ];
  return `${trusted.join('\n')}\n${note ? `${note}\n` : ''}${untrusted(data.join('\n'))}`;
}
