// The window's live store: the engine's status, the endpoints and today's counts, read once and then kept up to
// date by the stream's own payloads (a status.changed carries the status, an endpoint.changed the endpoint), so
// every page reads the same values and nothing is fetched twice. Signals (@preact/signals-core): a component
// reads one with useSignal() and re-renders when that value changes, and only then.
import { batch, signal, type ReadonlySignal } from '@preact/signals-core';
import type { Client, EventSummary, Incoming, PublicEndpoint, Status } from './client/client';
import { errorMessage } from './format';
import { newerStatus } from './status';

export interface TodayCount {
  events: number;
  failed: number;
}

export interface Live {
  readonly status: ReadonlySignal<Status | null>;
  readonly endpoints: ReadonlySignal<PublicEndpoint[] | null>;
  /** Events received since local midnight, and how many of them failed. */
  readonly today: ReadonlySignal<TodayCount>;
  /** Why the last read failed, until one succeeds. */
  readonly error: ReadonlySignal<string | null>;
  /** The stream: "live" while connected, "reconnecting" while not. */
  readonly connection: ReadonlySignal<'live' | 'reconnecting'>;
  /** Reads status, endpoints and today's counts again (after a resync or reconnect, each minute, after a change). */
  refresh(): Promise<void>;
  /** A page's own call answered with this endpoint: shown at once (the stream's copy follows). */
  putEndpoint(endpoint: PublicEndpoint): void;
  removeEndpoint(id: string): void;
  /** Stops listening to the stream. */
  dispose(): void;
}

/** Local midnight today, in ms. */
export function startOfToday(now = Date.now()): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * `answer` counted everything through `answer.throughSeq`; `arrived` are the live events seen while it was on the
 * way, some of them already in it. Today's counts are the answer plus those it could not have counted.
 */
export function mergeCount(answer: TodayCount & { throughSeq: number }, arrived: readonly Pick<EventSummary, 'seq' | 'severity'>[]): TodayCount {
  const later = arrived.filter((event) => event.seq > answer.throughSeq);
  return { events: answer.events + later.length, failed: answer.failed + later.filter((event) => event.severity === 'failed').length };
}

export interface LiveOptions {
  now(): number;
  /** Runs the counts' update once for a burst of live events: the next animation frame in the page. */
  schedule(update: () => void): void;
}

export function createLive(client: Client, options: LiveOptions): Live {
  const status = signal<Status | null>(null);
  const endpoints = signal<PublicEndpoint[] | null>(null);
  const today = signal<TodayCount>({ events: 0, failed: 0 });
  const error = signal<string | null>(null);
  const connection = signal<'live' | 'reconnecting'>('live');
  /** Live events not yet added to `today` (one update per frame, however many arrive; plain numbers while hidden). */
  const unapplied = { events: 0, failed: 0, scheduled: false };
  /**
   * The refreshes on their way, each with what the stream brought meanwhile: live events (its count may not hold
   * them) and endpoint changes (applied again on top of its list, in order). With those, every answer is right
   * when it lands, whichever lands first; the status keeps the highest sequence.
   */
  type Meanwhile = { arrived: Pick<EventSummary, 'seq' | 'severity'>[]; changes: ((list: PublicEndpoint[]) => PublicEndpoint[])[] };
  const inFlight = new Set<Meanwhile>();
  const withEndpoint = (endpoint: PublicEndpoint) => (list: PublicEndpoint[]): PublicEndpoint[] =>
    list.some((e) => e.id === endpoint.id) ? list.map((e) => (e.id === endpoint.id ? endpoint : e)) : [...list, endpoint];
  const withoutEndpoint = (id: string) => (list: PublicEndpoint[]): PublicEndpoint[] => list.filter((e) => e.id !== id);
  const change = (apply: (list: PublicEndpoint[]) => PublicEndpoint[]): void => {
    for (const refreshing of inFlight) refreshing.changes.push(apply);
    // Before the first list arrives there is nothing to change: that list will hold it.
    if (endpoints.value) endpoints.value = apply(endpoints.value);
  };
  const putEndpoint = (endpoint: PublicEndpoint): void => change(withEndpoint(endpoint));
  const removeEndpoint = (id: string): void => change(withoutEndpoint(id));

  const refresh = async (): Promise<void> => {
    const meanwhile: Meanwhile = { arrived: [], changes: [] };
    inFlight.add(meanwhile);
    try {
      const [s, counted, list] = await Promise.all([
        client.api.getStatus(),
        client.api.countEvents({ filter: { from: startOfToday(options.now()) } }),
        client.api.listEndpoints(),
      ]);
      batch(() => {
        status.value = newerStatus(status.value, s);
        // Everything before the answer is in it (committed before the read) or arrived while it was on its way.
        today.value = mergeCount(counted, meanwhile.arrived);
        unapplied.events = unapplied.failed = 0;
        endpoints.value = meanwhile.changes.reduce((current, apply) => apply(current), list);
        error.value = null;
      });
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      inFlight.delete(meanwhile);
    }
  };

  const applyCounts = (): void => {
    unapplied.scheduled = false;
    if (unapplied.events === 0) return;
    today.value = { events: today.value.events + unapplied.events, failed: today.value.failed + unapplied.failed };
    unapplied.events = unapplied.failed = 0;
  };

  const counted = ({ seq, severity }: EventSummary): void => {
    for (const refreshing of inFlight) refreshing.arrived.push({ seq, severity });
    unapplied.events += 1;
    if (severity === 'failed') unapplied.failed += 1;
    if (!unapplied.scheduled) {
      unapplied.scheduled = true;
      options.schedule(applyCounts);
    }
  };

  const onMessage = (message: Incoming): void => {
    switch (message.type) {
      case 'status.changed':
        status.value = newerStatus(status.value, message.data);
        break;
      case 'endpoint.changed':
        if ('endpoint' in message.data) putEndpoint(message.data.endpoint);
        else removeEndpoint(message.data.deletedId);
        break;
      case 'stream.resync':
        void refresh();
        break;
      case 'event.created':
        counted(message.data);
        break;
      case 'alerts.changed':
        // The alert policy's pause and unseen count, between two status snapshots.
        if (status.value) status.value = { ...status.value, alerts: message.data };
        break;
      case 'events.seen':
      case 'delivery.created':
      case 'export.progress':
      case 'alert':
        break;
    }
  };
  const unsubscribe = client.subscribe(onMessage);
  // What changed while the stream was down never comes over it: everything is read again once it is back.
  const offConnection = client.onConnection((state) => {
    connection.value = state;
    if (state === 'live') void refresh();
  });

  return {
    status,
    endpoints,
    today,
    error,
    connection,
    refresh,
    putEndpoint,
    removeEndpoint,
    dispose: () => {
      unsubscribe();
      offConnection();
    },
  };
}
