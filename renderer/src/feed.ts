// The feed's live store: the filter, the window of rows the page holds, and what the stream brought that the
// window does not show yet. Pages are read from the store; live events are added from the stream once per
// frame (hundreds a second stay smooth); the window slides as the user pages, so it never holds more than
// `windowSize` rows however far they scroll. Signals, like the live store: components read them with useSignal.
import { batch, signal, type ReadonlySignal } from '@preact/signals-core';
import type { Client, EventFilter, EventSummary, Incoming } from './client/client';
import { matches, pageWithLiveRows, withNewRows } from './feed-rows';
import { errorMessage } from './format';

export interface FeedOptions {
  /** Runs the live rows' update once for a burst of events: the next animation frame in the page. */
  schedule(update: () => void): void;
  pageSize?: number;
  /** The most rows the feed holds; older ones are reached by paging (the window slides) or narrowing the filter. */
  windowSize?: number;
}

/** Rows added (positive) or removed (negative) above the view, with a counter so each shift applies once. */
export interface Shift {
  rows: number;
  n: number;
}

export interface FeedStore {
  readonly filter: ReadonlySignal<EventFilter>;
  readonly rows: ReadonlySignal<EventSummary[]>;
  /** A (re)load of the first page is on its way. */
  readonly loading: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<string | null>;
  /** Live events that belong to this view but are not shown (paused, scrolled away, or only the server can tell). */
  readonly pending: ReadonlySignal<number>;
  /** Every live event received, in any view: what the activity chart redraws on. */
  readonly received: ReadonlySignal<number>;
  /** Older rows are in the store below the window. */
  readonly hasOlder: ReadonlySignal<boolean>;
  readonly shift: ReadonlySignal<Shift>;
  /** Bumped when the view should scroll back to the top. */
  readonly toTop: ReadonlySignal<number>;
  readonly paused: ReadonlySignal<boolean>;
  setFilter(filter: EventFilter): void;
  /** Changes some fields of the filter; an empty or undefined field is dropped. */
  patchFilter(patch: Partial<EventFilter>): void;
  setPaused(paused: boolean): void;
  /** Whether the user is at the top of the feed (live rows go on top only then). */
  setAtTop(atTop: boolean): void;
  /** Reads the first page again; only the newest load's answer is applied. */
  reload(): Promise<void>;
  /** Back to the top with everything pending shown. */
  showPending(): void;
  loadOlder(): Promise<void>;
  loadNewer(): Promise<void>;
  markPinned(id: string, pinned: boolean): void;
  dispose(): void;
}

export function createFeed(client: Client, initialFilter: EventFilter, options: FeedOptions): FeedStore {
  const pageSize = options.pageSize ?? 200;
  const windowSize = options.windowSize ?? 5_000;
  const filter = signal<EventFilter>(initialFilter);
  const rows = signal<EventSummary[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const pending = signal(0);
  const received = signal(0);
  const cursor = signal<number | null>(null);
  /** Non-null when the window slid down past newer rows: the seq to climb back up from. */
  const newerThan = signal<number | null>(null);
  const shift = signal<Shift>({ rows: 0, n: 0 });
  const toTop = signal(0);
  const paused = signal(false);
  const hasOlder = signal(false);
  let atTop = true;
  let paging = false;
  /** Loads started; only the newest one's answer is applied. */
  let loads = 0;
  /** Rows the stream put on the feed while the newest load was on its way (null when none is). */
  let arrivedDuringLoad: EventSummary[] | null = null;

  const setCursor = (value: number | null): void => {
    cursor.value = value;
    hasOlder.value = value !== null;
  };

  const reload = async (): Promise<void> => {
    const mine = ++loads;
    const wanted = filter.value;
    arrivedDuringLoad = [];
    loading.value = true;
    try {
      const page = await client.api.listEvents({ filter: wanted, limit: pageSize });
      // A newer load is on its way (the filter changed, or the stream came back live): its answer wins.
      if (mine !== loads) return;
      batch(() => {
        rows.value = pageWithLiveRows(page.events, arrivedDuringLoad ?? [], wanted, windowSize);
        setCursor(page.nextCursor);
        newerThan.value = null;
        pending.value = 0;
        error.value = null;
      });
    } catch (e) {
      if (mine === loads) error.value = errorMessage(e);
    } finally {
      if (mine === loads) {
        arrivedDuringLoad = null;
        loading.value = false;
      }
    }
  };

  const setFilter = (next: EventFilter): void => {
    if (JSON.stringify(next) === JSON.stringify(filter.value)) return;
    filter.value = next;
    void reload();
  };

  const patchFilter = (patch: Partial<EventFilter>): void => {
    const next: EventFilter = { ...filter.value, ...patch };
    for (const key of Object.keys(next) as (keyof EventFilter)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    setFilter(next);
  };

  // The window slides: paging down past `windowSize` rows drops the newest ones (and paging back up drops the
  // oldest), so the page holds a bounded number of rows however far the user scrolls through 100k+ events.
  const loadOlder = async (): Promise<void> => {
    if (cursor.value === null || paging) return;
    paging = true;
    const mine = loads;
    try {
      const page = await client.api.listEvents({ filter: filter.value, cursor: cursor.value, limit: pageSize });
      if (mine !== loads) return; // a reload replaced the window meanwhile
      const merged = [...rows.value, ...page.events];
      const drop = Math.max(0, merged.length - windowSize);
      const kept = merged.slice(drop);
      batch(() => {
        rows.value = kept;
        setCursor(page.nextCursor);
        if (drop > 0) {
          newerThan.value = kept[0]?.seq ?? null;
          shift.value = { rows: -drop, n: shift.value.n + 1 };
        }
      });
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      paging = false;
    }
  };

  const loadNewer = async (): Promise<void> => {
    if (newerThan.value === null || paging) return;
    paging = true;
    const mine = loads;
    try {
      const page = await client.api.listEvents({ filter: filter.value, cursor: newerThan.value, limit: pageSize, direction: 'newer' });
      if (mine !== loads) return;
      const merged = [...page.events, ...rows.value];
      const kept = merged.slice(0, windowSize);
      batch(() => {
        rows.value = kept;
        if (merged.length > windowSize) setCursor(kept.at(-1)?.seq ?? null);
        newerThan.value = page.nextCursor === null ? null : (kept[0]?.seq ?? null);
        shift.value = { rows: page.events.length, n: shift.value.n + 1 };
      });
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      paging = false;
    }
  };

  // Everything a live event changes is applied once per frame: at hundreds of webhooks a second, an update per
  // message would re-render the page per message and starve the main thread.
  const unapplied = { rows: [] as EventSummary[], pending: 0, received: 0, scheduled: false };
  const flush = (): void => {
    unapplied.scheduled = false;
    const fresh = unapplied.rows.reverse();
    const { pending: more, received: arrived } = unapplied;
    unapplied.rows = [];
    unapplied.pending = unapplied.received = 0;
    batch(() => {
      if (arrived > 0) received.value += arrived;
      if (more > 0) pending.value += more;
      if (fresh.length > 0) {
        if (arrivedDuringLoad) {
          arrivedDuringLoad.push(...fresh);
          if (arrivedDuringLoad.length > windowSize) arrivedDuringLoad.splice(0, arrivedDuringLoad.length - windowSize);
        }
        rows.value = withNewRows(fresh, rows.value, windowSize);
      }
    });
  };

  const onEvent = (event: EventSummary): void => {
    unapplied.received += 1;
    if (!unapplied.scheduled) {
      unapplied.scheduled = true;
      options.schedule(flush);
    }
    const fits = matches(filter.value, event);
    if (fits === false) return;
    if (fits === null || paused.value || !atTop || newerThan.value !== null) {
      unapplied.pending += 1;
      return;
    }
    unapplied.rows.push(event);
    // A hidden window gets no animation frames: keep only what the feed could show once it is back.
    if (unapplied.rows.length > windowSize * 2) unapplied.rows.splice(0, unapplied.rows.length - windowSize);
  };

  const onMessage = (message: Incoming): void => {
    if (message.type === 'event.created') onEvent(message.data);
    else if (message.type === 'stream.resync') void reload();
  };
  const unsubscribe = client.subscribe(onMessage);
  // Events committed before the stream was open (the first page raced it, or it reconnected) never come over
  // it: the page is read again once the stream is live.
  const offConnection = client.onConnection((state) => {
    if (state === 'live') void reload();
  });
  void reload();

  return {
    filter,
    rows,
    loading,
    error,
    pending,
    received,
    hasOlder,
    shift,
    toTop,
    paused,
    setFilter,
    patchFilter,
    setPaused: (value) => (paused.value = value),
    setAtTop: (value) => (atTop = value),
    reload,
    showPending: () => {
      toTop.value += 1;
      void reload();
    },
    loadOlder,
    loadNewer,
    markPinned: (id, pinned) => (rows.value = rows.value.map((e) => (e.id === id ? { ...e, pinned } : e))),
    dispose: () => {
      unsubscribe();
      offConnection();
    },
  };
}
