// wait_for_event's waiter: the first event matching a filter above a baseline, asked of the engine itself (its
// filters, its search) whenever the stream says an event arrived. The baseline is read first, then the stream is
// followed, then one look is taken: nothing that arrives in between is missed. The subscription ends as soon as
// the waiter is answered or abandoned (timeout, cancellation).
import type { EventFilter, EventSummary } from '../model';
import type { EngineLink } from './link';

export interface WaitFrom {
  /** An event id: the first match received after it (one that already arrived counts). */
  after?: string | undefined;
}

export function waitForMatch(link: EngineLink, filter: EventFilter, from: WaitFrom, signal: AbortSignal): Promise<EventSummary> {
  const { api } = link;
  return new Promise<EventSummary>((resolve, reject) => {
    let settled = false;
    let baseline: number | null = null;
    let checking = false;
    let again = false;
    let stop: (() => void) | null = null;
    const finish = (result: EventSummary | Error): void => {
      if (settled) return;
      settled = true;
      stop?.();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    signal.addEventListener('abort', () => finish(new Error('abandoned')), { once: true });
    const check = async (): Promise<void> => {
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          // direction newer from the baseline (or, with none, from the start): the oldest matches first.
          const page = await api.listEvents({ filter, cursor: baseline ? baseline : null, direction: 'newer', limit: 500 });
          const oldest = [...page.events].sort((a, b) => a.seq - b.seq)[0];
          if (oldest) return finish(oldest);
        } while (again && !settled);
      } catch (error) {
        finish(error as Error);
      } finally {
        checking = false;
      }
    };
    const start = async (): Promise<void> => {
      if (from.after) baseline = (await api.getEvent({ id: from.after })).seq;
      else if (filter.from !== undefined) baseline = 0; // `since` says where waiting starts: a match that already arrived counts
      else baseline = (await api.listEvents({ limit: 1 })).events[0]?.seq ?? 0;
      if (settled) return;
      const unsubscribe = await link.subscribe((message) => {
        if (message.type === 'event.created') void check();
      });
      if (settled) return unsubscribe();
      stop = unsubscribe;
      await check();
    };
    start().catch((error: unknown) => finish(error as Error));
  });
}
