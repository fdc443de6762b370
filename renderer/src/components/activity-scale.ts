// Pure arithmetic of the activity chart: which range and bucket to ask the store for, how its buckets become
// bars, where each bar goes, which time a pixel means, and how times and totals read. No DOM here, so the unit
// tests run it in Node.

/** The store's bucket sizes (getActivity's `bucket`). */
export type Unit = 'minute' | 'hour' | 'day';

export const unitMs: Readonly<Record<Unit, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** About this many bars fit the feed pane and stay readable. */
export const maxBars = 120;
/** getActivity refuses a range of more buckets than this. */
export const maxStoreBuckets = 5_000;

export type ZoomId = 'hour' | 'day' | 'month';

export interface Zoom {
  id: ZoomId;
  /** The button's text. */
  button: string;
  /** How the range reads in a sentence: "last hour". */
  label: string;
  unit: Unit;
  bars: number;
}

export const zooms: readonly [Zoom, Zoom, Zoom] = [
  { id: 'hour', button: '1 h', label: 'last hour', unit: 'minute', bars: 60 },
  { id: 'day', button: '24 h', label: 'last 24 h', unit: 'hour', bars: 24 },
  { id: 'month', button: '30 d', label: 'last 30 days', unit: 'day', bars: 30 },
];

/** What one chart shows. */
export interface Plan {
  /** The range asked of the store, inclusive at both ends like the filter's from/to (ms since the epoch). */
  from: number;
  to: number;
  /** The store's bucket; each bar is a whole number of them. */
  unit: Unit;
  /** One bar's span of time: a multiple of the unit, bars are aligned to multiples of it since the epoch. */
  barMs: number;
  /** Start of the first bar (at or before `from`). */
  first: number;
  bars: number;
  /** True for a zoom ending now (its right edge reads "now"); false for a chosen range. */
  live: boolean;
}

const minute = unitMs.minute;
const hour = unitMs.hour;
const day = unitMs.day;

/** Bar widths a range may use, smallest first; each divides the next unit up (no ragged bars within an hour or a day). */
const widths = [minute, 2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute, hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 30 * day];

/** The zoom's whole bars ending with the one now is in (the current minute, hour or UTC day). */
export function zoomPlan(zoom: Zoom, now: number): Plan {
  const ms = unitMs[zoom.unit];
  const last = Math.floor(now / ms) * ms;
  const first = last - (zoom.bars - 1) * ms;
  return { from: first, to: last + ms - 1, unit: zoom.unit, barMs: ms, first, bars: zoom.bars, live: true };
}

function barsBetween(from: number, to: number, barMs: number): number {
  return Math.floor(to / barMs) - Math.floor(from / barMs) + 1;
}

/** The largest store bucket a bar width is made of. */
function unitOf(barMs: number): Unit {
  if (barMs % day === 0) return 'day';
  if (barMs % hour === 0) return 'hour';
  return 'minute';
}

/**
 * A chosen range (the feed's from/to): the narrowest bar width that keeps it to `limit` bars, counted by the
 * largest store bucket that width is made of. A range longer than the store answers in one call (5,000 days)
 * keeps its newest 5,000 days.
 */
export function rangePlan(from: number, to: number, limit = maxBars): Plan {
  if (to <= from) to = from + 1;
  let barMs = widths.find((w) => barsBetween(from, to, w) <= limit && (to - from) / unitMs[unitOf(w)] <= maxStoreBuckets);
  if (barMs === undefined) {
    from = Math.max(from, to - (maxStoreBuckets * day - 1));
    barMs = Math.ceil((to - from) / day / (limit - 1)) * day;
  }
  const first = Math.floor(from / barMs) * barMs;
  return { from, to, unit: unitOf(barMs), barMs, first, bars: barsBetween(from, to, barMs), live: false };
}

export interface Bucket {
  start: number;
  events: number;
  failed: number;
}

export interface Bar extends Bucket {
  /** Exclusive end of the bar's span. */
  end: number;
}

/** One bar per slot of the plan (empty ones too), each the sum of the store's buckets that fall in it. */
export function toBars(plan: Plan, buckets: readonly Bucket[]): Bar[] {
  const bars: Bar[] = Array.from({ length: plan.bars }, (_, i) => {
    const start = plan.first + i * plan.barMs;
    return { start, end: start + plan.barMs, events: 0, failed: 0 };
  });
  for (const bucket of buckets) {
    const bar = bars[Math.floor((bucket.start - plan.first) / plan.barMs)];
    if (!bar) continue;
    bar.events += bucket.events;
    bar.failed += bucket.failed;
  }
  return bars;
}

export function totals(buckets: readonly Bucket[]): { events: number; failed: number } {
  let events = 0;
  let failed = 0;
  for (const b of buckets) {
    events += b.events;
    failed += b.failed;
  }
  return { events, failed };
}

/** The plot's rectangle inside the svg, in px. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface BarShape {
  x: number;
  width: number;
  /** The part that did not fail, drawn from the baseline up (height 0: nothing to draw). */
  rest: { y: number; height: number };
  /** The failures, stacked on top of the rest. */
  failed: { y: number; height: number };
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * Bars side by side across the box, heights to scale with `max` at the top. A bar that holds anything is at least
 * 1 px tall, and so is a failed part that holds anything: a single failure among thousands stays visible.
 */
export function barShapes(bars: readonly Bucket[], max: number, box: Box): BarShape[] {
  const slot = (box.right - box.left) / Math.max(1, bars.length);
  const gap = Math.min(2, slot * 0.25);
  const plot = box.bottom - box.top;
  const scale = max > 0 ? plot / max : 0;
  return bars.map((bar, i) => {
    const total = bar.events > 0 ? Math.min(plot, Math.max(1, bar.events * scale)) : 0;
    const failed = bar.failed > 0 ? Math.min(total, Math.max(1, bar.failed * scale)) : 0;
    const top = box.bottom - total;
    return {
      x: round(box.left + i * slot + gap / 2),
      width: round(Math.max(0.5, slot - gap)),
      failed: { y: round(top), height: round(failed) },
      rest: { y: round(top + failed), height: round(total - failed) },
    };
  });
}

/** The bars a drag from x0 to x1 (px, either order) covers, as the inclusive range the feed filters to; null for a click. */
export function selection(plan: Plan, box: Box, x0: number, x1: number, minDrag = 4): { from: number; to: number; firstBar: number; lastBar: number } | null {
  if (Math.abs(x1 - x0) < minDrag) return null;
  const slot = (box.right - box.left) / plan.bars;
  const index = (x: number): number => Math.min(plan.bars - 1, Math.max(0, Math.floor((x - box.left) / slot)));
  const firstBar = index(Math.min(x0, x1));
  const lastBar = index(Math.max(x0, x1));
  return {
    from: Math.max(plan.from, plan.first + firstBar * plan.barMs),
    to: Math.min(plan.to, plan.first + (lastBar + 1) * plan.barMs - 1),
    firstBar,
    lastBar,
  };
}

/** Local time, except for day bars: the store's days are UTC days, so their dates read in UTC. */
export type Zone = 'local' | 'utc';

export function zoneOf(barMs: number): Zone {
  return barMs % day === 0 ? 'utc' : 'local';
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

function fields(t: number, zone: Zone) {
  const d = new Date(t);
  return zone === 'utc'
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth(), date: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes() }
    : { year: d.getFullYear(), month: d.getMonth(), date: d.getDate(), hours: d.getHours(), minutes: d.getMinutes() };
}

/** "14:03" */
export function clock(t: number, zone: Zone = 'local'): string {
  const f = fields(t, zone);
  return `${pad(f.hours)}:${pad(f.minutes)}`;
}

/** "Nov 23" */
export function dayName(t: number, zone: Zone = 'local'): string {
  const f = fields(t, zone);
  return `${months[f.month] ?? '?'} ${f.date}`;
}

function sameDay(a: number, b: number, zone: Zone): boolean {
  const x = fields(a, zone);
  const y = fields(b, zone);
  return x.year === y.year && x.month === y.month && x.date === y.date;
}

/** A time as precise as the bars are: "Nov 23" for day bars, "14:03" within a day, "Nov 23 14:03" across days. */
export function timeLabel(t: number, plan: Plan): string {
  const zone = zoneOf(plan.barMs);
  if (zone === 'utc') return dayName(t, zone);
  return plan.bars * plan.barMs > day ? `${dayName(t, zone)} ${clock(t, zone)}` : clock(t, zone);
}

/** The axis: the chart's start, middle and end, at x = left, centre, right of the plot. */
export function axisLabels(plan: Plan): [string, string, string] {
  const span = plan.bars * plan.barMs;
  return [timeLabel(plan.first, plan), timeLabel(plan.first + span / 2, plan), plan.live ? 'now' : timeLabel(plan.first + span, plan)];
}

/** "1 event", "1,204 events" */
export function eventsText(n: number): string {
  return `${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`;
}

/** "7 events, 2 failed" */
export function countsText(counts: { events: number; failed: number }): string {
  return `${eventsText(counts.events)}, ${counts.failed.toLocaleString('en-US')} failed`;
}

/** A bar's tooltip: "12:03 — 7 events, 2 failed"; a bar of several buckets names its span, a day bar says UTC. */
export function barTitle(bar: Bar, plan: Plan): string {
  const zone = zoneOf(plan.barMs);
  const whole = plan.barMs === minute || plan.barMs === hour || plan.barMs === day;
  let when: string;
  if (zone === 'utc') when = whole ? `${dayName(bar.start, zone)} (UTC)` : `${dayName(bar.start, zone)} – ${dayName(bar.end - 1, zone)} (UTC)`;
  else {
    const start = timeLabel(bar.start, plan);
    when = whole ? start : `${start}–${clock(bar.end, zone)}`;
  }
  return `${when} — ${countsText(bar)}`;
}

/** An inclusive range as the user picked it: "14:03–14:18" today, "Nov 22 23:00 – Nov 23 01:00" otherwise. */
export function rangeLabel(from: number, to: number, now: number, zone: Zone = 'local'): string {
  // An end just before a minute boundary reads as that boundary: bars 14:03…14:17 are "14:03–14:18".
  const end = (to + 1) % minute === 0 ? to + 1 : to;
  if (sameDay(from, end - 1, zone)) {
    const times = `${clock(from, zone)}–${clock(end, zone)}`;
    return sameDay(from, now, zone) ? times : `${dayName(from, zone)} ${times}`;
  }
  return `${dayName(from, zone)} ${clock(from, zone)} – ${dayName(end, zone)} ${clock(end, zone)}`;
}

/** The svg's accessible name: "Activity, last hour: 42 events, 5 failed". */
export function summaryLabel(what: string, counts: { events: number; failed: number }): string {
  return `Activity, ${what}: ${countsText(counts)}`;
}
