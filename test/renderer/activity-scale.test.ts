// The activity chart's arithmetic: range and bucket choice, bars from the store's buckets, geometry, drag
// selection and labels. Local-time cases build their times with local Date fields, so they hold in any time zone.
import { describe, expect, it } from 'vitest';
import {
  axisLabels,
  barShapes,
  barTitle,
  clock,
  countsText,
  dayName,
  maxBars,
  maxStoreBuckets,
  rangeLabel,
  rangePlan,
  selection,
  summaryLabel,
  timeLabel,
  toBars,
  totals,
  unitMs,
  zoomPlan,
  zooms,
  type Box,
} from '../../renderer/src/components/activity-scale';

const minute = 60_000;
const hour = 3_600_000;
const day = 86_400_000;
const [lastHour, lastDay, lastMonth] = zooms;

/** Whether a range passes getActivity's own check (contract.ts): to after from, at most 5,000 buckets. */
function storeAccepts(plan: { from: number; to: number; unit: keyof typeof unitMs }): boolean {
  return plan.to > plan.from && (plan.to - plan.from) / unitMs[plan.unit] <= maxStoreBuckets;
}

describe('zoom plans', () => {
  const now = Date.UTC(2026, 10, 23, 14, 3, 27, 500);

  it('last hour: 60 minute bars ending with the current minute', () => {
    const plan = zoomPlan(lastHour, now);
    expect(plan).toMatchObject({ unit: 'minute', barMs: minute, bars: 60, live: true });
    expect(plan.first).toBe(Date.UTC(2026, 10, 23, 13, 4));
    expect(plan.from).toBe(plan.first);
    expect(plan.to).toBe(Date.UTC(2026, 10, 23, 14, 4) - 1);
    expect(storeAccepts(plan)).toBe(true);
  });

  it('last 24 h: 24 hour bars; last 30 days: 30 UTC-day bars', () => {
    const d = zoomPlan(lastDay, now);
    expect(d).toMatchObject({ unit: 'hour', barMs: hour, bars: 24, first: Date.UTC(2026, 10, 22, 15), to: Date.UTC(2026, 10, 23, 15) - 1 });
    const m = zoomPlan(lastMonth, now);
    expect(m).toMatchObject({ unit: 'day', barMs: day, bars: 30, first: Date.UTC(2026, 9, 25), to: Date.UTC(2026, 10, 24) - 1 });
    expect(storeAccepts(d) && storeAccepts(m)).toBe(true);
  });
});

describe('range plans pick the narrowest bars that keep the range to about 120', () => {
  const at = Date.UTC(2026, 10, 23);

  it.each([
    [15 * minute, minute, 'minute', 15],
    [2 * hour, minute, 'minute', 120],
    [3 * hour, 2 * minute, 'minute', 90],
    [24 * hour, 15 * minute, 'minute', 96],
    [5 * day, hour, 'hour', 120],
    [30 * day, 6 * hour, 'hour', 120],
    [90 * day, day, 'day', 90],
    [365 * day, 7 * day, 'day', 53],
  ] as const)('a range of %d ms: bars of %d ms counted in %s buckets, %d bars', (span, barMs, unit, bars) => {
    // Ranges end just before a boundary, as a drag over whole bars makes them.
    const plan = rangePlan(at, at + span - 1);
    expect(plan).toMatchObject({ from: at, to: at + span - 1, barMs, unit, bars, live: false });
    expect(plan.bars).toBeLessThanOrEqual(maxBars);
    expect(storeAccepts(plan)).toBe(true);
  });

  it('an unaligned range starts its first bar at the boundary before it', () => {
    const plan = rangePlan(at + 7 * minute + 12_345, at + 3 * hour + 1);
    expect(plan.barMs).toBe(2 * minute);
    expect(plan.first).toBe(at + 6 * minute);
    expect(plan.first + plan.bars * plan.barMs).toBeGreaterThan(plan.to);
    expect(plan.bars).toBeLessThanOrEqual(maxBars);
  });

  it('decades: day buckets grouped, and no more than the store answers in one call', () => {
    const plan = rangePlan(Date.UTC(1990, 0, 1), Date.UTC(2026, 0, 1));
    expect(plan.unit).toBe('day');
    expect(plan.barMs % day).toBe(0);
    expect(plan.bars).toBeLessThanOrEqual(maxBars);
    expect(storeAccepts(plan)).toBe(true);
    expect(plan.to).toBe(Date.UTC(2026, 0, 1));
  });

  it('an empty or reversed range still makes a valid question', () => {
    const plan = rangePlan(at, at);
    expect(storeAccepts(plan)).toBe(true);
    expect(plan.bars).toBe(1);
  });
});

describe('bars', () => {
  it('sums the store buckets into the plan’s slots and keeps empty slots', () => {
    const plan = rangePlan(Date.UTC(2026, 0, 1, 0, 0), Date.UTC(2026, 0, 1, 3, 0) - 1); // 2-minute bars
    expect(plan.barMs).toBe(2 * minute);
    const buckets = [
      { start: Date.UTC(2026, 0, 1, 0, 0), events: 3, failed: 1 },
      { start: Date.UTC(2026, 0, 1, 0, 1), events: 2, failed: 0 },
      { start: Date.UTC(2026, 0, 1, 2, 59), events: 5, failed: 5 },
    ];
    const bars = toBars(plan, buckets);
    expect(bars).toHaveLength(90);
    expect(bars[0]).toEqual({ start: Date.UTC(2026, 0, 1, 0, 0), end: Date.UTC(2026, 0, 1, 0, 2), events: 5, failed: 1 });
    expect(bars[1]).toMatchObject({ events: 0, failed: 0 });
    expect(bars[89]).toMatchObject({ start: Date.UTC(2026, 0, 1, 2, 58), events: 5, failed: 5 });
    expect(totals(buckets)).toEqual({ events: 10, failed: 6 });
    expect(totals(bars)).toEqual(totals(buckets));
  });

  const box: Box = { left: 30, right: 630, top: 6, bottom: 56 };

  it('stacks failures on top of the rest, to scale, inside the box', () => {
    const shapes = barShapes(
      [
        { events: 100, failed: 20 },
        { events: 0, failed: 0 },
        { events: 50, failed: 50 },
      ].map((b, i) => ({ start: i, ...b })),
      100,
      box,
    );
    const [full, empty, allFailed] = shapes;
    expect(full).toEqual({ x: 31, width: 198, failed: { y: 6, height: 10 }, rest: { y: 16, height: 40 } });
    expect(empty?.rest.height).toBe(0);
    expect(empty?.failed.height).toBe(0);
    expect(allFailed).toMatchObject({ failed: { y: 31, height: 25 }, rest: { y: 56, height: 0 } });
    for (const s of shapes) {
      expect(s.x).toBeGreaterThanOrEqual(box.left);
      expect(s.x + s.width).toBeLessThanOrEqual(box.right);
      expect(s.rest.y + s.rest.height).toBeLessThanOrEqual(box.bottom);
      expect(s.failed.y).toBeGreaterThanOrEqual(box.top);
    }
  });

  it('keeps one failure among thousands visible (at least 1 px), and a bar never taller than the box', () => {
    const [one] = barShapes([{ start: 0, events: 5000, failed: 1 }], 5000, box);
    expect(one?.failed.height).toBe(1);
    expect(one?.rest.height).toBe(49);
    const [tiny] = barShapes([{ start: 0, events: 1, failed: 0 }], 100_000, box);
    expect(tiny?.rest.height).toBe(1);
  });

  it('leaves a gap between neighbours even when bars are narrow', () => {
    const shapes = barShapes(Array.from({ length: 120 }, (_, i) => ({ start: i, events: 1, failed: 0 })), 1, box);
    const [a, b] = shapes;
    expect(a && b && b.x - (a.x + a.width)).toBeGreaterThan(0);
  });
});

describe('drag selection', () => {
  const plan = zoomPlan(lastHour, Date.UTC(2026, 10, 23, 14, 3, 27));
  const box: Box = { left: 30, right: 630, top: 6, bottom: 56 }; // 10 px per bar

  it('a click (or a wiggle under 4 px) selects nothing', () => {
    expect(selection(plan, box, 100, 100)).toBeNull();
    expect(selection(plan, box, 100, 103)).toBeNull();
  });

  it('covers whole bars, in either direction, as an inclusive range', () => {
    const forward = selection(plan, box, 35, 57);
    expect(forward).toEqual({ from: plan.first, to: plan.first + 3 * minute - 1, firstBar: 0, lastBar: 2 });
    expect(selection(plan, box, 57, 35)).toEqual(forward);
  });

  it('clamps to the chart, and never beyond the range the chart counted', () => {
    const all = selection(plan, box, -50, 900);
    expect(all).toMatchObject({ from: plan.from, to: plan.to, firstBar: 0, lastBar: 59 });
    const ranged = rangePlan(plan.first + 30_000, plan.first + 10 * minute + 5_000);
    const r = selection(ranged, box, 0, 1000);
    expect(r?.from).toBe(ranged.from);
    expect(r?.to).toBe(ranged.to);
  });
});

describe('labels', () => {
  const local = new Date(2026, 10, 23, 14, 3).getTime();

  it('clock and day, local and UTC', () => {
    expect(clock(local)).toBe('14:03');
    expect(dayName(local)).toBe('Nov 23');
    expect(clock(Date.UTC(2026, 0, 5, 7, 9), 'utc')).toBe('07:09');
    expect(dayName(Date.UTC(2026, 0, 5, 23, 59), 'utc')).toBe('Jan 5');
  });

  it('as precise as the bars: minutes within a day, dates across days, UTC dates for day bars', () => {
    const hourPlan = rangePlan(local, local + 30 * minute);
    expect(timeLabel(local, hourPlan)).toBe('14:03');
    const weekPlan = rangePlan(local, local + 5 * day);
    expect(timeLabel(local, weekPlan)).toBe('Nov 23 14:03');
    const month = zoomPlan(lastMonth, Date.UTC(2026, 10, 23, 12));
    expect(timeLabel(month.first, month)).toBe('Oct 25');
  });

  it('axis: start, middle and end; a live zoom ends "now"', () => {
    const plan = zoomPlan(lastHour, new Date(2026, 10, 23, 14, 3, 20).getTime());
    expect(axisLabels(plan)).toEqual(['13:04', '13:34', 'now']);
    const chosen = rangePlan(new Date(2026, 10, 23, 9, 0).getTime(), new Date(2026, 10, 23, 10, 0).getTime() - 1);
    expect(axisLabels(chosen)).toEqual(['09:00', '09:30', '10:00']);
  });

  it('bar titles: "12:03 — 7 events, 2 failed", a span for grouped bars, UTC for day bars', () => {
    const minutePlan = zoomPlan(lastHour, new Date(2026, 10, 23, 12, 30).getTime());
    const start = new Date(2026, 10, 23, 12, 3).getTime();
    expect(barTitle({ start, end: start + minute, events: 7, failed: 2 }, minutePlan)).toBe('12:03 — 7 events, 2 failed');
    expect(barTitle({ start, end: start + minute, events: 1, failed: 0 }, minutePlan)).toBe('12:03 — 1 event, 0 failed');
    const grouped = rangePlan(start, start + 3 * hour);
    expect(barTitle({ start, end: start + grouped.barMs, events: 1234, failed: 5 }, grouped)).toBe('12:03–12:05 — 1,234 events, 5 failed');
    const month = zoomPlan(lastMonth, Date.UTC(2026, 10, 23, 12));
    expect(barTitle({ start: Date.UTC(2026, 10, 20), end: Date.UTC(2026, 10, 21), events: 3, failed: 0 }, month)).toBe('Nov 20 (UTC) — 3 events, 0 failed');
  });

  it('a chosen range reads as times today, with dates otherwise', () => {
    const from = new Date(2026, 10, 23, 14, 3).getTime();
    const to = new Date(2026, 10, 23, 14, 18).getTime() - 1;
    expect(rangeLabel(from, to, new Date(2026, 10, 23, 20, 0).getTime())).toBe('14:03–14:18');
    expect(rangeLabel(from, to, new Date(2026, 10, 24, 1, 0).getTime())).toBe('Nov 23 14:03–14:18');
    const late = new Date(2026, 10, 22, 23, 0).getTime();
    expect(rangeLabel(late, new Date(2026, 10, 23, 1, 0).getTime() - 1, from)).toBe('Nov 22 23:00 – Nov 23 01:00');
  });

  it('the accessible summary', () => {
    expect(summaryLabel('last hour', { events: 42, failed: 5 })).toBe('Activity, last hour: 42 events, 5 failed');
    expect(countsText({ events: 3000, failed: 0 })).toBe('3,000 events, 0 failed');
  });
});
