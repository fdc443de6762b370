// The inspector pane: the selected event read in full (opening a failure marks it seen), or two events compared,
// or a hint when nothing is selected.
import { useEffect, useState } from 'preact/hooks';
import type { Client, EventDetail, PublicEndpoint } from '../client';
import type { FeedStore } from '../feed';
import { errorMessage } from '../format';
import { Compare } from './Compare';
import { Inspector } from './Inspector';

export interface InspectorPaneProps {
  client: Client;
  feed: FeedStore;
  endpoints: readonly PublicEndpoint[];
  ingressUrl: string | null;
  selected: string | null;
  onSelect(id: string): void;
  /** The event the selected one is compared with, or null. */
  compareBase: string | null;
  onCompareBase(id: string | null): void;
  onError(message: string): void;
}

export function InspectorPane({ client, feed, endpoints, ingressUrl, selected, onSelect, compareBase, onCompareBase, onError }: InspectorPaneProps) {
  const [detail, setDetail] = useState<EventDetail | null>(null);

  useEffect(() => {
    if (!selected) {
      setDetail(null);
      return;
    }
    let cancelled = false;
    client.api.getEvent({ id: selected }).then(
      (event) => {
        if (cancelled) return;
        setDetail(event);
        // Opening a failure is seeing it: the tray's unseen count drops (a no-op without the desktop shell).
        if (event.severity === 'failed') void client.api.markSeen({ ids: [event.id] }).catch(() => undefined);
      },
      (e: unknown) => !cancelled && onError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, selected]);

  // A check against an imported OpenAPI description runs behind the ingress: read the event again until it has run.
  const pendingId = detail?.schemaCheck?.state === 'pending' ? detail.id : null;
  useEffect(() => {
    if (!pendingId) return;
    let cancelled = false;
    let delay = 250;
    let timer: ReturnType<typeof setTimeout>;
    const again = (): void => {
      timer = setTimeout(() => {
        client.api.getEvent({ id: pendingId }).then((event) => {
          if (cancelled) return;
          if (event.schemaCheck?.state === 'pending') {
            delay = Math.min(delay * 2, 4_000);
            again();
          } else {
            setDetail((current) => (current?.id === event.id ? event : current));
          }
        }, () => undefined);
      }, delay);
    };
    again();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, pendingId]);

  const endpoint = detail ? endpoints.find((e) => e.id === detail.endpointId) : undefined;
  return (
    <section class="inspector-pane">
      {compareBase && selected && compareBase !== selected ? (
        <Compare client={client} baseId={compareBase} otherId={selected} onClose={() => onCompareBase(null)} onSelect={onSelect} />
      ) : detail ? (
        <Inspector
          client={client}
          event={detail}
          canResign={(endpoint?.auth.kind ?? 'none') !== 'none'}
          ingressUrl={ingressUrl}
          endpointToken={endpoint?.token ?? null}
          onFilterKey={(key) => feed.patchFilter({ correlationKey: key })}
          onFilterName={(name) => feed.patchFilter({ name })}
          comparing={compareBase === detail.id}
          onCompare={(id) => onCompareBase(compareBase === id ? null : id)}
          onSelect={onSelect}
          onPin={(id, pinned) =>
            void client.api.pinEvent({ id, pinned }).then(
              () => {
                setDetail((current) => (current?.id === id ? { ...current, pinned } : current));
                feed.markPinned(id, pinned);
              },
              (e: unknown) => onError(errorMessage(e)),
            )
          }
        />
      ) : (
        <p class="hint">Select an event to inspect it. Keys: j/k or ↑/↓ move, / searches, Esc clears.</p>
      )}
    </section>
  );
}
