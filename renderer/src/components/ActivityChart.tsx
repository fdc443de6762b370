// Activity above the feed: events per minute/hour/day with failures stacked on top, counted by the store over
// the whole range (not the loaded rows); drag across it to filter the feed to a time range. A small SVG drawn
// by Preact (elements and attributes only, never markup strings).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Client, EventFilter } from '../client';
import {
  axisLabels,
  barShapes,
  barTitle,
  eventsText,
  rangeLabel,
  rangePlan,
  selection,
  summaryLabel,
  toBars,
  totals,
  zoomPlan,
  zooms,
  type Bar,
  type Box,
  type Plan,
  type Zoom,
  type ZoomId,
  unitMs,
} from './activity-scale';
import './ActivityChart.css';

export interface ActivityChartProps {
  client: Client;
  /** The feed's filter; the chart counts the same events (its own time range aside). */
  filter: EventFilter;
  /** Bumped whenever new events arrived, so the chart can refresh (throttled). */
  revision: number;
  /** A dragged selection: the feed then filters to it. */
  onRange(from: number, to: number): void;
}

/** At most one refresh a second, however many events arrive. */
const throttleMs = 1_000;
const height = 66;
const gutter = 34;

interface Shown {
  plan: Plan;
  /** "last hour", or the chosen range. */
  what: string;
  bars: Bar[];
  counts: { events: number; failed: number };
}

/** The plan for the current props: the feed's own range when it has one, else the chosen zoom ending now. */
function planFor(filter: EventFilter, zoom: Zoom, now: number): { plan: Plan; what: string } {
  if (filter.from === undefined && filter.to === undefined) return { plan: zoomPlan(zoom, now), what: zoom.label };
  const span = zoom.bars * unitMs[zoom.unit];
  const to = filter.to ?? now;
  const from = filter.from ?? to - span;
  return { plan: rangePlan(from, to), what: rangeLabel(from, to, now) };
}

export function ActivityChart({ client, filter, revision, onRange }: ActivityChartProps) {
  const [zoomId, setZoomId] = useState<ZoomId>('hour');
  const zoom = zooms.find((z) => z.id === zoomId) ?? zooms[0];
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<{ pointer: number; x0: number; x1: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);

  // The latest props, for fetches started by timers.
  const latest = useRef({ filter, zoom });
  latest.current = { filter, zoom };
  const fetcher = useRef({ seq: 0, last: 0, inFlight: false, again: false, timer: null as ReturnType<typeof setTimeout> | null, tick: null as ReturnType<typeof setTimeout> | null });

  const fetchNow = (): void => {
    const f = fetcher.current;
    if (f.timer !== null) clearTimeout(f.timer);
    f.timer = null;
    if (f.tick !== null) clearTimeout(f.tick);
    f.tick = null;
    const seq = ++f.seq;
    f.last = Date.now();
    f.inFlight = true;
    const { filter, zoom } = latest.current;
    const { plan, what } = planFor(filter, zoom, Date.now());
    const { from: _from, to: _to, ...rest } = filter;
    setLoading(true);
    client.api
      .getActivity({ filter: rest, from: plan.from, to: plan.to, bucket: plan.unit })
      .then((result) => {
        if (seq !== f.seq) return;
        setShown({ plan, what, bars: toBars(plan, result.buckets), counts: totals(result.buckets) });
        setError(null);
        // A zoom ending now slides when its newest bar is over, events or not.
        if (plan.live) {
          f.tick = setTimeout(refresh, Math.max(1_000, plan.to + 1 - Date.now() + 50));
        }
      })
      .catch((e: unknown) => {
        if (seq === f.seq) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (seq !== f.seq) return;
        f.inFlight = false;
        setLoading(false);
        if (f.again) {
          f.again = false;
          refresh();
        }
      });
  };

  /** A throttled refresh: now if the last one was over a second ago, else once, a second after it. */
  const refresh = (): void => {
    const f = fetcher.current;
    if (f.inFlight) {
      f.again = true;
      return;
    }
    if (f.timer !== null) return;
    f.timer = setTimeout(fetchNow, Math.max(0, f.last + throttleMs - Date.now()));
  };

  // A new filter or zoom is the user asking: fetch at once (an answer to an older question is dropped).
  const question = JSON.stringify([filter, zoomId]);
  useEffect(fetchNow, [question]);

  const seenRevision = useRef(revision);
  useEffect(() => {
    if (revision === seenRevision.current) return;
    seenRevision.current = revision;
    refresh();
  }, [revision]);

  useEffect(
    () => () => {
      const f = fetcher.current;
      f.seq++;
      if (f.timer !== null) clearTimeout(f.timer);
      if (f.tick !== null) clearTimeout(f.tick);
    },
    [],
  );

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = (): void => setWidth(Math.floor(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const ranged = filter.from !== undefined || filter.to !== undefined;
  const w = Math.max(width, gutter + 60);
  const box: Box = { left: gutter, right: w - 2, top: 6, bottom: height - 16 };
  const plan = shown?.plan ?? null;
  const bars = shown?.bars ?? [];
  const max = bars.reduce((m, b) => Math.max(m, b.events), 0);
  const shapes = barShapes(bars, max, box);
  const labels = plan ? axisLabels(plan) : ['', '', ''];
  const picked = plan && drag ? selection(plan, box, drag.x0, drag.x1) : null;
  const slot = plan ? (box.right - box.left) / plan.bars : 0;

  const pointerX = (e: JSX.TargetedPointerEvent<SVGSVGElement>): number => e.clientX - e.currentTarget.getBoundingClientRect().left;
  const onPointerDown = (e: JSX.TargetedPointerEvent<SVGSVGElement>): void => {
    if (!plan || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const x = pointerX(e);
    setDrag({ pointer: e.pointerId, x0: x, x1: x });
  };
  const onPointerMove = (e: JSX.TargetedPointerEvent<SVGSVGElement>): void => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const x = pointerX(e);
    setDrag({ ...drag, x1: x });
  };
  const onPointerUp = (e: JSX.TargetedPointerEvent<SVGSVGElement>): void => {
    if (!drag || e.pointerId !== drag.pointer) return;
    setDrag(null);
    const range = plan ? selection(plan, box, drag.x0, pointerX(e)) : null;
    if (range) onRange(range.from, range.to);
  };

  const label = shown ? summaryLabel(shown.what, shown.counts) : `Activity, ${ranged ? 'selected range' : zoom.label}: loading`;

  return (
    <div class="activity">
      <div class="activity-head">
        <span class="activity-title">Activity</span>
        <span class="activity-what">{shown?.what ?? ''}</span>
        {shown && (
          <span class="activity-counts">
            {eventsText(shown.counts.events)}
            {shown.counts.failed > 0 && <span class="activity-failed-count"> · {shown.counts.failed.toLocaleString('en-US')} failed</span>}
          </span>
        )}
        {error && (
          <span class="activity-error" role="status">
            Activity not available: {error}
          </span>
        )}
        <span class="activity-zooms" role="group" aria-label="Activity range">
          {zooms.map((z) => (
            <button
              key={z.id}
              type="button"
              class={!ranged && z.id === zoomId ? 'on' : ''}
              aria-pressed={!ranged && z.id === zoomId}
              disabled={ranged}
              title={ranged ? 'The feed is filtered to a time range: clear it (✕ on its chip) to zoom out' : `Show the ${z.label}`}
              onClick={() => setZoomId(z.id)}
            >
              {z.button}
            </button>
          ))}
        </span>
      </div>
      <div class="activity-plot" ref={frame}>
        <svg
          class={`activity-chart${drag ? ' dragging' : ''}`}
          width={w}
          height={height}
          role="img"
          aria-label={label}
          aria-busy={loading}
          data-from={plan?.from}
          data-to={plan?.to}
          data-bucket={plan?.unit}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          <line class="activity-grid" x1={box.left} x2={box.right} y1={box.top + 0.5} y2={box.top + 0.5} />
          <line class="activity-base" x1={box.left} x2={box.right} y1={box.bottom + 0.5} y2={box.bottom + 0.5} />
          <text class="activity-max" x={box.left - 6} y={box.top + 4}>
            {max.toLocaleString('en-US')}
          </text>
          {plan &&
            bars.map((bar, i) => {
              const shape = shapes[i];
              if (!shape) return null;
              return (
                <g key={bar.start} class="activity-slot">
                  <title>{barTitle(bar, plan)}</title>
                  <rect class="activity-hit" x={box.left + i * slot} y={box.top} width={slot} height={box.bottom - box.top} />
                  {shape.rest.height > 0 && <rect class="activity-bar" x={shape.x} y={shape.rest.y} width={shape.width} height={shape.rest.height} />}
                  {shape.failed.height > 0 && <rect class="activity-bar failed" x={shape.x} y={shape.failed.y} width={shape.width} height={shape.failed.height} />}
                </g>
              );
            })}
          {picked && (
            <rect
              class="activity-selection"
              x={box.left + picked.firstBar * slot}
              y={box.top - 4}
              width={(picked.lastBar - picked.firstBar + 1) * slot}
              height={box.bottom - box.top + 8}
            />
          )}
          <text class="activity-axis start" x={box.left} y={height - 3}>
            {labels[0]}
          </text>
          <text class="activity-axis middle" x={(box.left + box.right) / 2} y={height - 3}>
            {labels[1]}
          </text>
          <text class="activity-axis end" x={box.right} y={height - 3}>
            {labels[2]}
          </text>
        </svg>
      </div>
    </div>
  );
}
