// Which rows the live feed holds when a page of the store and the event stream both bring events: the store's
// answer and the stream race each other, and neither may take a row off the feed or show one twice.
import type { EventFilter, EventSummary } from './client/client';

/** Whether a new event belongs in the current view; null when only the server can tell (search, keys). */
export function matches(filter: EventFilter, event: EventSummary): boolean | null {
  if (filter.text || filter.correlationKey || filter.from || filter.to) return null;
  if (filter.severity && !filter.severity.includes(event.severity)) return false;
  if (filter.provider && filter.provider !== event.provider) return false;
  if (filter.endpointId && filter.endpointId !== event.endpointId) return false;
  if (filter.name && filter.name !== event.name) return null;
  return true;
}

/**
 * The first page of a (re)load with the rows the stream delivered while that page was on its way: the store may
 * have read the page before those events committed, so its answer alone would take them off the feed. A row
 * the page already holds, or one older than its newest row, is the page's to place.
 */
export function pageWithLiveRows(page: EventSummary[], arrived: EventSummary[], filter: EventFilter, limit: number): EventSummary[] {
  const newest = page[0]?.seq ?? Number.NEGATIVE_INFINITY;
  const inPage = new Set(page.map((e) => e.id));
  const later = arrived.filter((e) => e.seq > newest && !inPage.has(e.id) && matches(filter, e) === true).sort((a, b) => b.seq - a.seq);
  return [...dedupe(later), ...page].slice(0, limit);
}

/** Live rows (newest first) on top of the feed, each at most once: a page read after an event committed already has it. */
export function withNewRows(fresh: EventSummary[], current: EventSummary[], limit: number): EventSummary[] {
  const shown = new Set(current.map((e) => e.id));
  const added = dedupe(fresh).filter((e) => !shown.has(e.id));
  return added.length === 0 ? current : [...added, ...current].slice(0, limit);
}

function dedupe(rows: EventSummary[]): EventSummary[] {
  const seen = new Set<string>();
  return rows.filter((e) => !seen.has(e.id) && seen.add(e.id));
}
