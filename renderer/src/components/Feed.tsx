// The live feed: newest first, virtualized, paged from the store by cursor as the user scrolls.
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { EventSummary } from '../client';
import { absoluteTime, relativeTime, severityLabel, visible } from '../format';
import { useVirtualizer } from './useVirtualizer';

const rowHeight = 58;

interface FeedProps {
  events: EventSummary[];
  selectedId: string | null;
  endpointNames: Map<string, string>;
  onSelect(id: string): void;
  onNearEnd(): void;
  /** The user scrolled close to the top of a window that slid down: newer rows can be loaded above. */
  onNearStart(): void;
  /** Rows added (positive) or removed (negative) above the view, with a counter so each shift applies once. */
  shift: { rows: number; n: number };
  /** Scroll offset reported up, so the app knows whether the user is at the top. */
  onScrolled(atTop: boolean): void;
  scrollToTopSignal: number;
  endNote: string | null;
}

/** Signatures read "signed ✓ / bad signature / unsigned"; token and Basic checks "auth ✓ / auth failed / no credentials". */
function authMarker(check: NonNullable<EventSummary['authCheck']>): string {
  const signature = check.scheme !== 'header' && check.scheme !== 'basic';
  if (check.result === 'valid') return signature ? 'signed ✓' : 'auth ✓';
  if (check.result === 'missing') return signature ? 'unsigned' : 'no credentials';
  return signature ? 'bad signature' : 'auth failed';
}

export function Feed({ events, selectedId, endpointNames, onSelect, onNearEnd, onNearStart, shift, onScrolled, scrollToTopSignal, endNote }: FeedProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer(events.length, () => scroller.current, rowHeight);
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  const first = items[0];
  useEffect(() => {
    if (last && last.index >= events.length - 20) onNearEnd();
  }, [last?.index, events.length]);

  useEffect(() => {
    if (first && first.index < 20) onNearStart();
  }, [first?.index, events[0]?.seq]);

  // Rows inserted or dropped above the view move the content; move the scroll position with it so the rows
  // the user is reading stay where they are.
  useLayoutEffect(() => {
    if (shift.rows !== 0 && scroller.current) scroller.current.scrollTop += shift.rows * rowHeight;
  }, [shift.n]);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [scrollToTopSignal]);

  useEffect(() => {
    if (!selectedId) return;
    const index = events.findIndex((e) => e.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId]);

  const now = Date.now();
  return (
    <div class="feed" ref={scroller} role="listbox" aria-label="Events, newest first" onScroll={(e) => onScrolled((e.currentTarget as HTMLElement).scrollTop < rowHeight / 2)}>
      <div style={{ height: `${virtualizer.getTotalSize() + (endNote ? rowHeight : 0)}px`, position: 'relative' }}>
        {items.map((item) => {
          const event = events[item.index];
          if (!event) return null;
          const sev = severityLabel[event.severity] ?? { icon: '?', label: event.severity };
          return (
            <div
              key={event.id}
              class={`feed-row sev-${event.severity}${event.id === selectedId ? ' selected' : ''}`}
              role="option"
              aria-selected={event.id === selectedId}
              data-id={event.id}
              style={{ transform: `translateY(${item.start}px)`, height: `${rowHeight}px` }}
              onClick={() => onSelect(event.id)}
            >
              <span class="sev-badge" title={sev.label} aria-label={sev.label}>
                {sev.icon}
              </span>
              <div class="feed-main">
                <div class="feed-line1">
                  <span class="provider">{event.provider}</span>
                  <span class="event-name">{visible(event.name ?? `${event.method} /${event.path}`)}</span>
                  {event.attempt && (
                    <span class="attempt">
                      attempt {event.attempt.number} of {event.attempt.total}
                    </span>
                  )}
                  {event.duplicateOf && <span class="marker" title="Same delivery and body as an earlier request">duplicate</span>}
                  {event.retryOf && <span class="marker" title="A later attempt of an earlier delivery">retry</span>}
                  {event.pinned && <span class="marker">pinned</span>}
                  {event.handshake && (
                    <span class={`marker handshake handshake-${event.handshake.outcome}`} title={visible(event.handshake.note ?? 'A provider’s registration handshake, answered by Hookbridge')}>
                      handshake
                    </span>
                  )}
                  {event.authCheck && (
                    <span class={`marker auth-${event.authCheck.result}`} title={event.authCheck.reason}>
                      {authMarker(event.authCheck)}
                    </span>
                  )}
                </div>
                <div class="feed-summary">{visible(event.summary)}</div>
              </div>
              <div class="feed-meta">
                <span class="status-code">{event.status}</span>
                <time title={absoluteTime(event.receivedAt)} dateTime={new Date(event.receivedAt).toISOString()}>
                  {relativeTime(event.receivedAt, now)}
                </time>
                <span class="endpoint">{endpointNames.get(event.endpointId) ?? 'deleted endpoint'}</span>
              </div>
            </div>
          );
        })}
        {endNote && (
          <div class="feed-end" style={{ transform: `translateY(${virtualizer.getTotalSize()}px)`, height: `${rowHeight}px` }}>
            {endNote}
          </div>
        )}
      </div>
    </div>
  );
}
