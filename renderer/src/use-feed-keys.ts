// The feed's keyboard: j/k or arrows move, Enter opens, / focuses search, Esc clears the search, then the
// selection. The handler reads the latest state through a ref and moves from the last selection it made, so
// fast key repeats never act on stale state.
import { useEffect, useRef } from 'preact/hooks';
import type { EventSummary } from './client';

export interface FeedKeys {
  /** Off on pages that are not the feed: there keys do what the page says. */
  active: boolean;
  /** The rows the feed shows now (read at the key press, so the feed's updates never re-render the page). */
  rows(): readonly EventSummary[];
  selected: string | null;
  /** Whether there is a search to clear (Esc clears it before the selection). */
  searching: boolean;
  select(id: string | null): void;
  clearSearch(): void;
  focusSearch(): void;
}

export function useFeedKeys(state: FeedKeys): void {
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const current = latest.current;
      if (!current.active) return;
      const select = (id: string | null): void => {
        current.selected = id; // the next key, before a re-render, moves from here
        current.select(id);
      };
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === 'Enter' && e.target instanceof HTMLButtonElement) return;
      if (e.key === 'Escape') {
        if (typing) (e.target as HTMLElement).blur();
        if (current.searching) current.clearSearch();
        else select(null);
        return;
      }
      if (typing) return;
      if (e.key === '/') {
        e.preventDefault();
        current.focusSearch();
        return;
      }
      const rows = current.rows();
      const { selected } = current;
      const index = rows.findIndex((row) => row.id === selected);
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        const next = rows[Math.min(rows.length - 1, index + 1)];
        if (next) select(next.id);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        const previous = rows[Math.max(0, index - 1)];
        if (previous) select(previous.id);
      } else if (e.key === 'Enter' && index === -1 && rows[0]) {
        select(rows[0].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
