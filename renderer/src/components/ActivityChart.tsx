// Activity above the feed: events per minute/hour with failures stacked, drag to select a range. (Being built.)
import type { Client, EventFilter } from '../client';

export interface ActivityChartProps {
  client: Client;
  /** The feed's filter; the chart counts the same events (its own time range aside). */
  filter: EventFilter;
  /** Bumped whenever new events arrived, so the chart can refresh (throttled). */
  revision: number;
  /** A dragged selection: the feed then filters to it. */
  onRange(from: number, to: number): void;
}

export function ActivityChart(_props: ActivityChartProps) {
  return <div class="activity" aria-label="Activity" />;
}
