// The Hookbridge window: which page is shown, and the address bar that says so. The stores (live status and
// endpoints, the feed) are made here once and read by every piece: the toolbar, the feed and inspector panes,
// the Endpoints and Settings pages, the status bar.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from './client';
import { EndpointsPage } from './components/EndpointsPage';
import { ExportDialog } from './components/ExportDialog';
import { FeedPane } from './components/FeedPane';
import { InspectorPane } from './components/InspectorPane';
import { SettingsPage } from './components/SettingsPage';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { createFeed } from './feed';
import { createLive } from './live';
import { loadProviders } from './providers';
import { useFeedKeys } from './use-feed-keys';
import { useSignal } from './use-signal';
import { useTheme } from './use-theme';
import { startBrowserAlerts } from './browser-alerts';
import { NotificationBanner } from './components/NotificationBanner';
import type { AlertTarget } from '../../main/core/model';
import { readViewQuery, viewQuery, type View, type ViewState } from '../../main/core/api/view-url';

/** Filters live in the URL (never the token), so a view can be reloaded or shared. */
function writeUrl(state: ViewState): void {
  history.replaceState(history.state, '', `${location.pathname}${viewQuery(state)}${location.hash}`);
}

const noEndpoints: PublicEndpoint[] = [];
const nextFrame = (update: () => void): void => void requestAnimationFrame(update);

export function App({ client }: { client: Client }) {
  const initial = useMemo(() => readViewQuery(location.search), []);
  const [view, setView] = useState<View>(initial.view);
  const [selected, setSelected] = useState<string | null>(initial.selected);
  const [compareBase, setCompareBase] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const setTheme = useTheme(client);

  // Status, endpoints and today's counts; the feed's filter and rows: one live store each, fed by the stream.
  const live = useMemo(() => createLive(client, { now: () => Date.now(), schedule: nextFrame }), [client]);
  useMemo(() => loadProviders(client), [client]);
  const feed = useMemo(() => createFeed(client, initial.filter, { schedule: nextFrame }), [client]);
  useEffect(() => () => (live.dispose(), feed.dispose()), [live, feed]);
  const status = useSignal(live.status);
  const endpoints = useSignal(live.endpoints) ?? noEndpoints;
  const filter = useSignal(feed.filter);
  const paused = useSignal(feed.paused);
  const feedError = useSignal(feed.error);

  useEffect(() => {
    void live.refresh();
    // Today's counts start again at midnight; the minute's read also catches anything the stream missed.
    const timer = setInterval(() => void live.refresh(), 60_000);
    return () => clearInterval(timer);
  }, [live]);

  useEffect(() => {
    writeUrl({ filter, selected, view: view === 'timeline' && !filter.correlationKey ? 'feed' : view });
  }, [filter, selected, view]);

  // Unseen failures in the tab's title, like a mail client's count: "(3) Hookbridge".
  const unseen = status?.alerts.unseen ?? 0;
  useEffect(() => {
    document.title = unseen > 0 ? `(${unseen}) Hookbridge` : 'Hookbridge';
  }, [unseen]);

  // In a browser the page shows the core's alerts itself; the desktop app's shell shows them natively.
  useEffect(() => {
    if (client.transport !== 'http') return;
    return startBrowserAlerts(client, {
      quiet: () => live.status.peek()?.alerts.osNotifications === true,
      open: (target: AlertTarget) => {
        if (target.kind === 'event') {
          setView('feed');
          setSelected(target.id);
        } else if (target.kind === 'feed') {
          setView('feed');
          feed.setFilter(target.filter);
        }
      },
    });
  }, [client, feed, live]);

  // An error about the event that was open goes with it.
  useEffect(() => setError(null), [selected]);

  const onFeed = view === 'feed' || view === 'timeline';
  useFeedKeys({
    active: onFeed,
    rows: () => feed.rows.peek(),
    selected,
    searching: Boolean(filter.text),
    select: (id) => {
      setSelected(id);
      if (id === null) setCompareBase(null);
    },
    clearSearch: () => feed.patchFilter({ text: undefined }),
    focusSearch: () => search.current?.focus(),
  });

  const storeError = status?.store.lastError ?? null;
  const problem = error ?? feedError;
  return (
    <div class="app">
      {storeError && (
        <div class="banner problem" role="alert">
          Not capturing: {storeError.message}
        </div>
      )}
      {problem && (
        <div class="banner problem" role="alert">
          {problem}
        </div>
      )}
      {client.transport === 'http' && <NotificationBanner osNotifications={status?.alerts.osNotifications === true} />}
      <Toolbar view={view} onView={setView} feed={feed} endpoints={endpoints} search={search} exporting={exporting} onExport={() => setExporting(!exporting)} />
      {view === 'endpoints' && (
        <main class="page-pane">
          <EndpointsPage client={client} live={live} />
        </main>
      )}
      {view === 'settings' && (
        <main class="page-pane">
          <SettingsPage client={client} live={live} onSaved={(saved) => setTheme(saved.theme)} />
        </main>
      )}
      {onFeed && (
        <main class="panes">
          <FeedPane client={client} feed={feed} timeline={view === 'timeline'} endpoints={endpoints} selected={selected} onSelect={setSelected} />
          <InspectorPane
            client={client}
            feed={feed}
            endpoints={endpoints}
            ingressUrl={status?.ingress.url ?? null}
            selected={selected}
            onSelect={setSelected}
            compareBase={compareBase}
            onCompareBase={setCompareBase}
            onError={setError}
          />
        </main>
      )}
      {exporting && <ExportDialog client={client} filter={filter} selectedId={selected} onClose={() => setExporting(false)} />}
      <StatusBar client={client} live={live} paused={paused} onOpenSettings={() => setView('settings')} />
    </div>
  );
}
