// The toolbar: which page is shown and, on the feed, what it shows: search, failed only, provider, endpoint,
// the chips of the filters set elsewhere (key, event name, time range), pause and export.
import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { EventFilter, PublicEndpoint } from '../client';
import type { FeedStore } from '../feed';
import { startOfToday } from '../live';
import { useSignal } from '../use-signal';
import { useProviders } from '../providers';
import type { View } from '../../../main/core/api/view-url';

export interface ToolbarProps {
  view: View;
  onView(view: View): void;
  feed: FeedStore;
  endpoints: readonly PublicEndpoint[];
  search: Ref<HTMLInputElement>;
  exporting: boolean;
  onExport(): void;
}

const pages = [
  ['feed', 'Events'],
  ['endpoints', 'Endpoints'],
  ['settings', 'Settings'],
] as const;

/** A range end as the chip shows it: the time today, with the date on any other day. */
function rangeEnd(ms: number): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return ms >= startOfToday() ? time : `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
}

export function Toolbar({ view, onView, feed, endpoints, search, exporting, onExport }: ToolbarProps) {
  const onFeed = view === 'feed' || view === 'timeline';
  return (
    <header class="toolbar">
      <strong class="brand">Hookbridge</strong>
      <nav class="views" aria-label="Views">
        {pages.map(([page, label]) => (
          <button
            key={page}
            type="button"
            class={view === page || (page === 'feed' && view === 'timeline') ? 'active' : ''}
            aria-current={view === page ? 'page' : undefined}
            onClick={() => onView(page)}
          >
            {label}
          </button>
        ))}
      </nav>
      {onFeed && <FeedControls view={view} onView={onView} feed={feed} endpoints={endpoints} search={search} exporting={exporting} onExport={onExport} />}
    </header>
  );
}

function FeedControls({ view, onView, feed, endpoints, search, exporting, onExport }: ToolbarProps) {
  const choices = useProviders();
  const filter = useSignal(feed.filter);
  const paused = useSignal(feed.paused);
  // What is typed in the search box: its own state, so re-renders from live events never reset it mid-word.
  const [searchText, setSearchText] = useState(filter.text ?? '');
  useEffect(() => setSearchText(filter.text ?? ''), [filter.text]);
  const failedOnly = filter.severity?.length === 1 && filter.severity[0] === 'failed';
  const patch = feed.patchFilter;

  return (
    <>
      <input
        ref={search}
        type="search"
        placeholder="Search events, phone numbers, ids…  ( / )"
        aria-label="Search"
        value={searchText}
        onInput={(e) => setSearchText(e.currentTarget.value)}
        onChange={(e) => patch({ text: e.currentTarget.value.trim() || undefined })}
      />
      <button type="button" class={failedOnly ? 'toggle on' : 'toggle'} aria-pressed={failedOnly} onClick={() => patch({ severity: failedOnly ? undefined : ['failed'] })}>
        ✕ Failed only
      </button>
      <select aria-label="Provider" value={filter.provider ?? ''} onChange={(e) => patch({ provider: (e.currentTarget.value || undefined) as EventFilter['provider'] })}>
        <option value="">All providers</option>
        {choices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
        <option value="generic">Other</option>
      </select>
      <select aria-label="Endpoint" value={filter.endpointId ?? ''} onChange={(e) => patch({ endpointId: e.currentTarget.value || undefined })}>
        <option value="">All endpoints</option>
        {endpoints.map((endpoint) => (
          <option key={endpoint.id} value={endpoint.id}>
            {endpoint.name}
          </option>
        ))}
      </select>
      {filter.correlationKey && (
        <>
          <button type="button" class="chip active" title="Clear this filter" onClick={() => patch({ correlationKey: undefined })}>
            {filter.correlationKey} ✕
          </button>
          <button
            type="button"
            class={view === 'timeline' ? 'toggle on-accent' : 'toggle'}
            aria-pressed={view === 'timeline'}
            onClick={() => onView(view === 'timeline' ? 'feed' : 'timeline')}
          >
            Timeline
          </button>
        </>
      )}
      {filter.name && (
        <button type="button" class="chip active" title="Clear the event-name filter" onClick={() => patch({ name: undefined })}>
          {filter.name} ✕
        </button>
      )}
      {(filter.from || filter.to) && (
        <button type="button" class="chip active" title="Clear the time range" onClick={() => patch({ from: undefined, to: undefined })}>
          {filter.from ? rangeEnd(filter.from) : '…'} – {filter.to ? rangeEnd(filter.to) : '…'} ✕
        </button>
      )}
      <button type="button" class="toggle" aria-pressed={paused} onClick={() => feed.setPaused(!paused)}>
        {paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      <button type="button" aria-expanded={exporting} onClick={onExport}>
        Export…
      </button>
    </>
  );
}
