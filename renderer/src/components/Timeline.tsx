// Every event sharing a correlation key, oldest first, read as a story: one verify code from channel.sent to
// success, one Soyio user's attempts with their reasons. Retries and duplicates of one delivery fold into one row.
import { useLiveQuery } from '../use-live-query';
import type { Client, EventSummary } from '../client';
import { absoluteTime, severityLabel, visible } from '../format';

interface Step {
  first: EventSummary;
  repeats: EventSummary[];
}

/** Groups each retry or duplicate with the delivery it repeats, keeping the order of first appearance. */
export function foldRetries(events: readonly EventSummary[]): Step[] {
  const steps: Step[] = [];
  const byId = new Map<string, Step>();
  for (const event of events) {
    const parent = event.retryOf ?? event.duplicateOf;
    const step = parent ? byId.get(parent) : undefined;
    if (step) {
      step.repeats.push(event);
      byId.set(event.id, step);
    } else {
      const fresh = { first: event, repeats: [] };
      steps.push(fresh);
      byId.set(event.id, fresh);
    }
  }
  return steps;
}

function repeatsNote(step: Step): string | null {
  if (step.repeats.length === 0) return null;
  const all = [step.first, ...step.repeats];
  const attempts = all.map((e) => e.attempt?.number).filter((n): n is number => n !== undefined);
  if (attempts.length === all.length) return `attempt ${attempts.join(', ')}`;
  return `delivered ${all.length} times`;
}

export function Timeline({ client, correlationKey, onSelect, selectedId }: { client: Client; correlationKey: string; onSelect(id: string): void; selectedId: string | null }) {
  // A new event may belong to this key (a summary does not list its keys): read the timeline again, one read at a time.
  const { value: events, error } = useLiveQuery(
    client,
    async () => (await client.api.getTimeline({ key: correlationKey })).events,
    (m) => m.type === 'event.created',
    [correlationKey],
  );

  if (error) return <p class="problem">{error}</p>;
  if (!events) return <p class="hint">Loading the timeline…</p>;
  const steps = foldRetries(events);
  return (
    <section class="timeline" aria-label={`Timeline of ${correlationKey}`}>
      <h2>
        Timeline of <code>{visible(correlationKey)}</code> · {events.length} event{events.length === 1 ? '' : 's'}
      </h2>
      <ol>
        {steps.map((step) => {
          const e = step.first;
          const sev = severityLabel[e.severity] ?? { icon: '?', label: e.severity };
          const note = repeatsNote(step);
          return (
            <li key={e.id} class={`timeline-step sev-${e.severity}${selectedId === e.id ? ' selected' : ''}`} data-id={e.id} data-name={e.name ?? ''}>
              <span class="sev-badge" aria-label={sev.label}>
                {sev.icon}
              </span>
              <button type="button" class="timeline-body" onClick={() => onSelect(e.id)}>
                <span class="timeline-time">{absoluteTime(e.receivedAt)}</span>
                <span class="event-name">{visible(e.name ?? e.title)}</span>
                {note && <span class="marker">{note}</span>}
                <span class="timeline-summary">{visible(e.summary)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
