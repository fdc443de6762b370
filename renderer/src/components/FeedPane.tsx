// The feed pane: the activity chart, the "new events" pill, and the feed itself, or the timeline of one key,
// or what to do when there is nothing to show.
import { useMemo } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import type { FeedStore } from '../feed';
import { useSignal } from '../use-signal';
import { ActivityChart } from './ActivityChart';
import { EmptyFeed } from './EmptyFeed';
import { Feed } from './Feed';
import { Timeline } from './Timeline';

export interface FeedPaneProps {
  client: Client;
  feed: FeedStore;
  timeline: boolean;
  endpoints: readonly PublicEndpoint[];
  selected: string | null;
  onSelect(id: string): void;
}

export function FeedPane({ client, feed, timeline, endpoints, selected, onSelect }: FeedPaneProps) {
  const filter = useSignal(feed.filter);
  const rows = useSignal(feed.rows);
  const loading = useSignal(feed.loading);
  const pending = useSignal(feed.pending);
  const received = useSignal(feed.received);
  const hasOlder = useSignal(feed.hasOlder);
  const shift = useSignal(feed.shift);
  const toTop = useSignal(feed.toTop);
  const endpointNames = useMemo(() => new Map(endpoints.map((e) => [e.id, e.name])), [endpoints]);
  const filtered = Object.keys(filter).length > 0;

  return (
    <section class="feed-pane" aria-label="Feed">
      {!timeline && <ActivityChart client={client} filter={filter} revision={received} onRange={(from, to) => feed.patchFilter({ from, to })} />}
      <div class="feed-body">
        {pending > 0 && (
          <button type="button" class="pill" onClick={feed.showPending}>
            {pending} new event{pending === 1 ? '' : 's'}
          </button>
        )}
        {timeline && filter.correlationKey ? (
          <Timeline client={client} correlationKey={filter.correlationKey} selectedId={selected} onSelect={onSelect} />
        ) : !loading && rows.length === 0 ? (
          <EmptyFeed filtered={filtered} onClear={() => feed.setFilter({})} endpoint={endpoints[0] ?? null} />
        ) : (
          <Feed
            events={rows}
            selectedId={selected}
            endpointNames={endpointNames}
            onSelect={onSelect}
            onNearEnd={() => void feed.loadOlder()}
            onNearStart={() => void feed.loadNewer()}
            shift={shift}
            onScrolled={feed.setAtTop}
            scrollToTopSignal={toTop}
            endNote={!hasOlder && rows.length > 0 ? 'That’s everything.' : null}
          />
        )}
      </div>
    </section>
  );
}
