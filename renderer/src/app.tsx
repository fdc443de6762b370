// The Hookbridge window: filters, the live feed and the inspector, with the engine's status underneath.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Client, EventDetail, EventFilter, EventSummary, PublicEndpoint, Settings } from './client';
import { ActivityChart } from './components/ActivityChart';
import { Compare } from './components/Compare';
import { EndpointsPage } from './components/EndpointsPage';
import { Feed } from './components/Feed';
import { Inspector } from './components/Inspector';
import { SettingsPage } from './components/SettingsPage';
import { Timeline } from './components/Timeline';
import { ExportDialog } from './components/ExportDialog';
import { StatusBar } from './components/StatusBar';
import { matches, pageWithLiveRows, withNewRows } from './feed-rows';
import { createLive, startOfToday } from './live';
import { shellWord } from '../../main/core/curl';
import { readViewQuery, viewQuery, type View, type ViewState } from '../../main/core/api/view-url';
import { lox24Example } from './seed-example';
import { useSignal } from './use-signal';

const pageSize = 200;
/** The feed holds at most this many rows; older ones are reached by narrowing the filters. */
const windowSize = 5_000;

function readUrl(): ViewState {
  return readViewQuery(location.search);
}

/** Filters live in the URL (never the token), so a view can be reloaded or shared. */
function writeUrl(state: ViewState): void {
  history.replaceState(history.state, '', `${location.pathname}${viewQuery(state)}${location.hash}`);
}

/** A range end as the chip shows it: the time today, with the date on any other day. */
function rangeEnd(ms: number): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return ms >= startOfToday() ? time : `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
}

const noEndpoints: PublicEndpoint[] = [];

export function App({ client }: { client: Client }) {
  const initial = useMemo(readUrl, []);
  const [filter, setFilter] = useState<EventFilter>(initial.filter);
  const [selected, setSelected] = useState<string | null>(initial.selected);
  /** The export dialog is open; `matching` is how many events the current filter holds. */
  const [exporting, setExporting] = useState<{ matching: number | null } | null>(null);
  const [view, setView] = useState<View>(initial.view);
  // What is typed in the search box: its own state, so re-renders from live events never reset it mid-word.
  const [searchText, setSearchText] = useState(initial.filter.text ?? '');
  const [compareBase, setCompareBase] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [theme, setTheme] = useState<Settings['theme']>('system');
  const [events, setEvents] = useState<EventSummary[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  /** Non-null when the window slid down past newer rows: the seq to climb back up from. */
  const [newerThan, setNewerThan] = useState<number | null>(null);
  const [shift, setShift] = useState({ rows: 0, n: 0 });
  const [loading, setLoading] = useState(true);
  const [detail, setDetail] = useState<EventDetail | null>(null);
  // Status, endpoints and today's counts: one live store for every page, fed by the stream.
  const store = useMemo(() => createLive(client, { now: () => Date.now(), schedule: (update) => requestAnimationFrame(update) }), [client]);
  useEffect(() => store.dispose, [store]);
  const status = useSignal(store.status);
  const endpoints = useSignal(store.endpoints) ?? noEndpoints;
  const [pending, setPending] = useState(0);
  const [paused, setPaused] = useState(false);
  const [connection, setConnection] = useState<'live' | 'reconnecting'>('live');
  const [error, setError] = useState<string | null>(null);
  const [toTop, setToTop] = useState(0);
  const atTop = useRef(true);
  const buffer = useRef<EventSummary[]>([]);
  const frame = useRef<number | null>(null);
  const live = useRef({ filter, paused, newerThan });
  live.current = { filter, paused, newerThan };
  const search = useRef<HTMLInputElement>(null);
  const loadingMore = useRef(false);

  /** Loads started; only the newest one's answer is applied. */
  const loads = useRef(0);
  /** Rows the stream put on the feed while the newest load was on its way (null when none is). */
  const arrivedDuringLoad = useRef<EventSummary[] | null>(null);

  const load = useCallback(async () => {
    const mine = ++loads.current;
    arrivedDuringLoad.current = [];
    setLoading(true);
    try {
      const page = await client.api.listEvents({ filter, limit: pageSize });
      // A newer load is on its way (the filter changed, or the stream came back live): its answer wins.
      if (mine !== loads.current) return;
      setEvents(pageWithLiveRows(page.events, arrivedDuringLoad.current ?? [], filter, windowSize));
      setCursor(page.nextCursor);
      setNewerThan(null);
      setPending(0);
      setError(null);
    } catch (e) {
      if (mine === loads.current) setError((e as Error).message);
    } finally {
      if (mine === loads.current) {
        arrivedDuringLoad.current = null;
        setLoading(false);
      }
    }
  }, [filter]);
  // The subscription below lives as long as the page; it reloads with the filter in force now, not the first one.
  const latestLoad = useRef(load);
  latestLoad.current = load;

  useEffect(() => {
    writeUrl({ filter, selected, view: view === 'timeline' && !filter.correlationKey ? 'feed' : view });
  }, [filter, selected, view]);

  useEffect(() => {
    void client.api.getSettings().then((s) => setTheme(s.theme));
  }, []);

  useEffect(() => setSearchText(filter.text ?? ''), [filter.text]);

  // One source of truth for the colours: data-theme, from the setting or (for "system") the OS, live.
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    void load();
  }, [load]);

  const refreshStatus = store.refresh;

  useEffect(() => {
    void refreshStatus();
    // Today's counts start again at midnight; the minute's read also catches anything the stream missed.
    const timer = setInterval(() => void refreshStatus(), 60_000);
    return () => clearInterval(timer);
  }, [store]);

  // Live events arrive in bursts; they are applied once per animation frame so hundreds a second stay smooth.
  useEffect(() => {
    // Everything a live event changes is applied once per animation frame: at hundreds of webhooks a second, a
    // state update per message would re-render the page per message and starve the main thread.
    const counts = { pending: 0 };
    let arrived = 0;
    const flush = (): void => {
      frame.current = null;
      const batch = buffer.current;
      buffer.current = [];
      const { pending } = counts;
      counts.pending = 0;
      const received = arrived;
      arrived = 0;
      if (received > 0) setRevision((n) => n + received);
      if (pending > 0) setPending((n) => n + pending);
      if (batch.length > 0) {
        const fresh = batch.reverse();
        const arrived = arrivedDuringLoad.current;
        if (arrived) {
          arrived.push(...fresh);
          if (arrived.length > windowSize) arrived.splice(0, arrived.length - windowSize);
        }
        setEvents((current) => withNewRows(fresh, current, windowSize));
      }
    };
    const unsubscribe = client.subscribe((message) => {
      if (message.type === 'event.created') {
        const event = message.data;
        arrived += 1;
        frame.current ??= requestAnimationFrame(flush);
        const fits = matches(live.current.filter, event);
        if (fits === false) return;
        if (fits === null || live.current.paused || !atTop.current || live.current.newerThan !== null) {
          counts.pending += 1;
          return;
        }
        buffer.current.push(event);
        // A hidden window gets no animation frames: keep only what the feed could show once it is back.
        if (buffer.current.length > windowSize * 2) buffer.current.splice(0, buffer.current.length - windowSize);
      } else if (message.type === 'stream.resync') {
        // The store reads its own values again; the feed reloads here.
        void latestLoad.current();
      }
    });
    const offConnection = client.onConnection((state) => {
      setConnection(state);
      // Events committed before the stream was open (the first page raced it, or it reconnected) never come
      // over it: fetch the page again once it is live.
      if (state === 'live') {
        void latestLoad.current();
        void refreshStatus();
      }
    });
    return () => {
      unsubscribe();
      offConnection();
    };
  }, []);

  useEffect(() => {
    if (!selected) {
      setDetail(null);
      return;
    }
    let cancelled = false;
    client.api
      .getEvent({ id: selected })
      .then((d) => {
        if (cancelled) return;
        setDetail(d);
        // Opening a failure is seeing it: the tray's unseen count drops (a no-op without the desktop shell).
        if (d.severity === 'failed') void client.api.markSeen({ ids: [d.id] }).catch(() => undefined);
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [selected]);

  // The window slides: paging down past `windowSize` rows drops the newest ones (and paging back up drops the
  // oldest), so the page holds a bounded number of rows however far the user scrolls through 100k+ events.
  const loadMore = useCallback(async () => {
    if (cursor === null || loadingMore.current) return;
    loadingMore.current = true;
    try {
      const page = await client.api.listEvents({ filter, cursor, limit: pageSize });
      const merged = [...events, ...page.events];
      const drop = Math.max(0, merged.length - windowSize);
      const kept = merged.slice(drop);
      setEvents(kept);
      setCursor(page.nextCursor);
      if (drop > 0) {
        setNewerThan(kept[0]?.seq ?? null);
        setShift((s) => ({ rows: -drop, n: s.n + 1 }));
      }
    } finally {
      loadingMore.current = false;
    }
  }, [cursor, filter, events]);

  const loadNewer = useCallback(async () => {
    if (newerThan === null || loadingMore.current) return;
    loadingMore.current = true;
    try {
      const page = await client.api.listEvents({ filter, cursor: newerThan, limit: pageSize, direction: 'newer' });
      const merged = [...page.events, ...events];
      const kept = merged.slice(0, windowSize);
      setEvents(kept);
      if (merged.length > windowSize) setCursor(kept.at(-1)?.seq ?? null);
      setNewerThan(page.nextCursor === null ? null : (kept[0]?.seq ?? null));
      setShift((s) => ({ rows: page.events.length, n: s.n + 1 }));
    } finally {
      loadingMore.current = false;
    }
  }, [newerThan, filter, events]);

  const showPending = (): void => {
    setToTop((n) => n + 1);
    void load();
  };

  const patchFilter = (patch: Partial<EventFilter>): void => {
    setFilter((current) => {
      const next: EventFilter = { ...current, ...patch };
      for (const key of Object.keys(next) as (keyof EventFilter)[]) if (next[key] === undefined || next[key] === '') delete next[key];
      return next;
    });
  };

  // Keyboard: j/k or arrows move, Enter opens, / focuses search, Esc clears. The handler reads the latest
  // state through a ref and moves from the last selection it made, so fast key repeats never act on stale state.
  const keys = useRef({ events, selected, filter, view });
  keys.current = { events, selected, filter, view };
  useEffect(() => {
    const select = (id: string): void => {
      keys.current.selected = id;
      setSelected(id);
    };
    const onKey = (e: KeyboardEvent): void => {
      const { events, selected, filter, view } = keys.current;
      // The feed's keys belong to the feed: on the Endpoints and Settings pages keys do what the page says.
      if (view === 'endpoints' || view === 'settings') return;
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === 'Enter' && e.target instanceof HTMLButtonElement) return;
      if (e.key === 'Escape') {
        if (typing) (e.target as HTMLElement).blur();
        if (filter.text) patchFilter({ text: undefined });
        else {
          keys.current.selected = null;
          setSelected(null);
          setCompareBase(null);
        }
        return;
      }
      if (typing) return;
      if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
        return;
      }
      const index = events.findIndex((ev) => ev.id === selected);
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        const next = events[Math.min(events.length - 1, index + 1)];
        if (next) select(next.id);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        const prev = events[Math.max(0, index - 1)];
        if (prev) select(prev.id);
      } else if (e.key === 'Enter' && index === -1 && events[0]) {
        select(events[0].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const endpointNames = useMemo(() => new Map(endpoints.map((e) => [e.id, e.name])), [endpoints]);
  const defaultEndpoint = endpoints[0];
  const failedOnly = filter.severity?.length === 1 && filter.severity[0] === 'failed';
  const filtered = Object.keys(filter).length > 0;
  const storeError = status?.store.lastError ?? null;
  const endNote = cursor === null && events.length > 0 ? 'That’s everything.' : null;
  const curl = defaultEndpoint
    ? `curl -X POST ${shellWord(`${defaultEndpoint.url}/lox24`)} \\\n  -H 'Content-Type: application/json' --data-binary @- <<'JSON'\n${JSON.stringify(lox24Example, null, 2)}\nJSON`
    : '';

  return (
    <div class="app">
      {storeError && (
        <div class="banner problem" role="alert">
          Not capturing: {storeError.message}
        </div>
      )}
      {error && (
        <div class="banner problem" role="alert">
          {error}
        </div>
      )}
      <header class="toolbar">
        <strong class="brand">Hookbridge</strong>
        <nav class="views" aria-label="Views">
          {(['feed', 'endpoints', 'settings'] as const).map((v) => (
            <button key={v} type="button" class={view === v || (v === 'feed' && view === 'timeline') ? 'active' : ''} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)}>
              {v === 'feed' ? 'Events' : v === 'endpoints' ? 'Endpoints' : 'Settings'}
            </button>
          ))}
        </nav>
        {(view === 'feed' || view === 'timeline') && (
          <>
        <input
          ref={search}
          type="search"
          placeholder="Search events, phone numbers, ids…  ( / )"
          aria-label="Search"
          value={searchText}
          onInput={(e) => setSearchText((e.currentTarget as HTMLInputElement).value)}
          onChange={(e) => patchFilter({ text: (e.currentTarget as HTMLInputElement).value.trim() || undefined })}
        />
        <button type="button" class={failedOnly ? 'toggle on' : 'toggle'} aria-pressed={failedOnly} onClick={() => patchFilter({ severity: failedOnly ? undefined : ['failed'] })}>
          ✕ Failed only
        </button>
        <select aria-label="Provider" value={filter.provider ?? ''} onChange={(e) => patchFilter({ provider: ((e.currentTarget as HTMLSelectElement).value || undefined) as EventFilter['provider'] })}>
          <option value="">All providers</option>
          <option value="lox24">LOX24</option>
          <option value="soyio">Soyio</option>
          <option value="generic">Other</option>
        </select>
        <select aria-label="Endpoint" value={filter.endpointId ?? ''} onChange={(e) => patchFilter({ endpointId: (e.currentTarget as HTMLSelectElement).value || undefined })}>
          <option value="">All endpoints</option>
          {endpoints.map((ep) => (
            <option key={ep.id} value={ep.id}>
              {ep.name}
            </option>
          ))}
        </select>
        {filter.correlationKey && (
          <>
            <button type="button" class="chip active" title="Clear this filter" onClick={() => patchFilter({ correlationKey: undefined })}>
              {filter.correlationKey} ✕
            </button>
            <button type="button" class={view === 'timeline' ? 'toggle on-accent' : 'toggle'} aria-pressed={view === 'timeline'} onClick={() => setView(view === 'timeline' ? 'feed' : 'timeline')}>
              Timeline
            </button>
          </>
        )}
        {filter.name && (
          <button type="button" class="chip active" title="Clear the event-name filter" onClick={() => patchFilter({ name: undefined })}>
            {filter.name} ✕
          </button>
        )}
        {(filter.from || filter.to) && (
          <button type="button" class="chip active" title="Clear the time range" onClick={() => patchFilter({ from: undefined, to: undefined })}>
            {filter.from ? rangeEnd(filter.from) : '…'} – {filter.to ? rangeEnd(filter.to) : '…'} ✕
          </button>
        )}
        <button type="button" class="toggle" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        <button
          type="button"
          aria-expanded={exporting !== null}
          onClick={() => {
            if (exporting) return setExporting(null);
            setExporting({ matching: null });
            void client.api.countEvents({ filter }).then((c) => setExporting((open) => (open ? { matching: c.events } : open)));
          }}
        >
          Export…
        </button>
          </>
        )}
      </header>
      {view === 'endpoints' ? (
        <main class="page-pane">
          <EndpointsPage client={client} live={store} />
        </main>
      ) : view === 'settings' ? (
        <main class="page-pane">
          <SettingsPage client={client} live={store} onSaved={(saved) => setTheme(saved.theme)} />
        </main>
      ) : (
        <main class="panes">
        <section class="feed-pane" aria-label="Feed">
          {view === 'feed' && (
            <ActivityChart client={client} filter={filter} revision={revision} onRange={(from, to) => patchFilter({ from, to })} />
          )}
          <div class="feed-body">
          {pending > 0 && (
            <button type="button" class="pill" onClick={showPending}>
              {pending} new event{pending === 1 ? '' : 's'}
            </button>
          )}
          {view === 'timeline' && filter.correlationKey ? (
            <Timeline client={client} correlationKey={filter.correlationKey} selectedId={selected} onSelect={setSelected} />
          ) : !loading && events.length === 0 ? (
            filtered ? (
              <div class="empty">
                <p>No events match these filters.</p>
                <button type="button" onClick={() => setFilter({})}>Clear filters</button>
              </div>
            ) : (
              <div class="empty">
                <h2>Waiting for the first webhook</h2>
                <p>Point your provider at an endpoint URL, or send LOX24’s documented example yourself:</p>
                <pre class="raw curl">{curl}</pre>
                <button type="button" onClick={() => void navigator.clipboard?.writeText(curl)}>Copy command</button>
              </div>
            )
          ) : (
            <Feed
              events={events}
              selectedId={selected}
              endpointNames={endpointNames}
              onSelect={setSelected}
              onNearEnd={() => void loadMore()}
              onNearStart={() => void loadNewer()}
              shift={shift}
              onScrolled={(top) => {
                atTop.current = top;
              }}
              scrollToTopSignal={toTop}
              endNote={endNote}
            />
          )}
          </div>
        </section>
        <section class="inspector-pane">
          {compareBase && selected && compareBase !== selected ? (
            <Compare client={client} baseId={compareBase} otherId={selected} onClose={() => setCompareBase(null)} onSelect={setSelected} />
          ) : detail ? (
            <Inspector
              client={client}
              event={detail}
              canResign={(endpoints.find((e) => e.id === detail.endpointId)?.auth.kind ?? 'none') !== 'none'}
              ingressUrl={status?.ingress.url ?? null}
              endpointToken={endpoints.find((e) => e.id === detail.endpointId)?.token ?? null}
              onFilterKey={(key) => patchFilter({ correlationKey: key })}
              onFilterName={(name) => patchFilter({ name })}
              comparing={compareBase === detail.id}
              onCompare={(id) => setCompareBase(compareBase === id ? null : id)}
              onSelect={setSelected}
              onPin={(id, pinned) =>
                void client.api.pinEvent({ id, pinned }).then(() => {
                  setDetail({ ...detail, pinned });
                  setEvents((list) => list.map((e) => (e.id === id ? { ...e, pinned } : e)));
                })
              }
            />
          ) : (
            <p class="hint">Select an event to inspect it. Keys: j/k or ↑/↓ move, / searches, Esc clears.</p>
          )}
        </section>
      </main>
      )}
      {exporting && <ExportDialog client={client} filter={filter} selectedId={selected} matching={exporting.matching} onClose={() => setExporting(null)} />}
      <StatusBar client={client} live={store} connection={connection} paused={paused} onOpenSettings={() => setView('settings')} />
    </div>
  );
}
