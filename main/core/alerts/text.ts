// The wording of every alert Hookbridge raises, and what a click on each one opens.
import type { Alert, AlertTarget, Delivery, EventSummary } from '../model';
import { truncate } from '../providers/util';
import { redact } from './redact';

export type { AlertTarget } from '../model';

/** An alert as the policy decides it; the service gives it its id and time when it raises it. */
export type AlertNotification = Omit<Alert, 'id' | 'at'>;

// OS notification centres cut long text anyway; cutting it ourselves keeps the end ("…") honest.
const maxBody = 180;
const maxTitle = 100;

function finish(title: string, body: string, target: AlertTarget): AlertNotification {
  return { title: truncate(redact(title), maxTitle), body: truncate(redact(body), maxBody), severity: 'failed', target };
}

/** LOX24 and Soyio titles already read "<Provider> · <what failed>"; anything else is named by its request. */
function eventTitle(summary: EventSummary): string {
  if (summary.provider !== 'generic' && summary.title.includes(' · ')) return summary.title;
  return `Webhook · ${summary.name ?? `${summary.method} /${summary.path}`}`;
}

/** One failed event, or one request the endpoint's auth check rejected. */
export function eventAlert(summary: EventSummary, endpointName: string): AlertNotification {
  const target: AlertTarget = { kind: 'event', id: summary.id };
  // The check's own sentence says why ("X-Hub-Signature-256 does not match: …"); it holds no payload data.
  if (summary.flags.includes('auth_failed')) return finish(`Auth failed on ${endpointName}`, summary.authCheck?.reason ?? summary.summary, target);
  if (summary.flags.includes('auth_unverified')) return finish(`Unverified webhook accepted on ${endpointName}`, summary.authCheck?.reason ?? summary.summary, target);
  // An endpoint's alert rule made this an alert: the body says which, as the provider did not call it a failure.
  if (summary.alertRule?.action === 'notify' && summary.severity !== 'failed') {
    return finish(eventTitle(summary), `Alert rule “${summary.alertRule.name || 'unnamed'}”: ${summary.summary}`, target);
  }
  return finish(eventTitle(summary), summary.summary, target);
}

/** The local app failed a forward of an event: "Your app answered 500 to LOX24 verify_code.channel.failed". */
export function forwardAlert(summary: EventSummary, delivery: Delivery, endpointName: string): AlertNotification {
  const what = summary.name ? `${providerName(summary)} ${summary.name}` : `${summary.method} /${summary.path} on ${endpointName}`;
  const title = delivery.response ? `Your app answered ${delivery.response.status} to ${what}` : `Your app did not answer ${what}`;
  const outcome = delivery.response ? `answered ${delivery.response.status} in ${Math.round(delivery.durationMs)} ms` : (delivery.error ?? 'no answer');
  return finish(title, `Forward to ${delivery.url}: ${outcome}`, { kind: 'event', id: summary.id });
}

function providerName(summary: EventSummary): string {
  return summary.provider === 'lox24' ? 'LOX24' : summary.provider === 'soyio' ? 'Soyio' : 'webhook';
}

/** The store's own sentence (write-errors.ts), kept whole: it holds no webhook data, and masking would eat its numbers. */
export function storeFailureAlert(error: { code: string; message: string }): AlertNotification {
  return { title: 'Hookbridge is not capturing', body: truncate(error.message, maxBody), severity: 'error', target: { kind: 'status' } };
}

/**
 * Many failures in one window, told as one notification: "7 failures in 10 s" /
 * "5 × verify_code.channel.failed, 2 × auth_attempt.failed", most frequent first. `onlyName` is the event
 * name every one of them shared, when they did: the feed then opens on exactly those.
 */
export function burstAlert(countsByName: ReadonlyMap<string, number>, windowMs: number, onlyName: string | null): AlertNotification {
  const groups = [...countsByName].sort((a, b) => b[1] - a[1]);
  const total = groups.reduce((sum, [, count]) => sum + count, 0);
  const body = groups.map(([name, count]) => `${count} × ${name}`).join(', ');
  const filter: { severity: ['failed']; name?: string } = onlyName === null ? { severity: ['failed'] } : { severity: ['failed'], name: onlyName };
  return finish(`${total} ${total === 1 ? 'failure' : 'failures'} in ${formatSeconds(windowMs)}`, body, { kind: 'feed', filter });
}

function formatSeconds(ms: number): string {
  return `${Math.round((ms / 1000) * 10) / 10} s`;
}

/** The name a failure is grouped by in a burst: its event name, else its request line. */
export function groupName(summary: EventSummary): string {
  return summary.name ?? `${summary.method} /${summary.path}`;
}
