// What a built-in pack needs that its data cannot say. Only built-in packs have hooks.
import { readJsonPath } from '../../json-path';
import type { PackHook } from './module';

/** Slack's interactivity and shortcuts post a form whose `payload` field is the JSON: the pack reads that JSON. */
const slack: PackHook = {
  json(request) {
    const payload = readJsonPath(request.json, '$.payload');
    if (typeof payload !== 'string' || !payload.startsWith('{')) return undefined;
    try {
      return JSON.parse(payload) as unknown;
    } catch {
      return undefined;
    }
  },
};

/** SendGrid's failures among its event types. */
const sendgridFailures = new Set(['bounce', 'dropped', 'deferred', 'blocked']);

/**
 * SendGrid posts a JSON array of events: one request, several events. The pack reads one envelope made of
 * them — the event name (one type, or "batch"), how many of each, the first failure — and keys every message.
 */
const sendgrid: PackHook = {
  json(request) {
    const events = request.json;
    if (!Array.isArray(events) || events.length === 0) return undefined;
    const records = events.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>).event === 'string' && typeof (e as Record<string, unknown>).sg_event_id === 'string');
    if (records.length !== events.length) return undefined;
    const counts = new Map<string, number>();
    for (const record of records) counts.set(record.event as string, (counts.get(record.event as string) ?? 0) + 1);
    const failed = records.filter((r) => sendgridFailures.has(r.event as string));
    const first = failed[0];
    return {
      sendgrid: true,
      name: counts.size === 1 ? (records[0]?.event as string) : 'batch',
      count: records.length,
      counts: [...counts].map(([event, n]) => `${event} ${n}`).join(', '),
      ...(first ? { failed: first.event, failedCount: failed.length, reason: typeof first.reason === 'string' ? first.reason : typeof first.response === 'string' ? first.response : null, email: first.email } : {}),
      events: records,
    };
  },
  keys(json) {
    const events = (json as { events?: Record<string, unknown>[] } | undefined)?.events ?? [];
    return events.flatMap((e) => (typeof e.sg_message_id === 'string' ? [`sendgrid:${e.sg_message_id.split('.')[0]}`] : []));
  },
};

export const hooks: Readonly<Record<string, PackHook>> = { slack, sendgrid };
