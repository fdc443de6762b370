// Compare two events: a structural diff of their JSON bodies (or, when a body is not JSON, where the raw
// bodies first differ), and the headers that differ. Every payload string is rendered as text via visible().
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Client, EventDetail } from '../client';
import { compareBytes, compareText, diffHeaders, diffJson, previewJson, type DiffKind, type DiffResult, type HeaderDifference, type TextDifference } from '../../../main/core/diff';
import { absoluteTime, bytes, headerText, visible } from '../format';
import './Compare.css';

export interface CompareProps {
  client: Client;
  /** The event picked first ("before"). */
  baseId: string;
  /** The event picked second ("after"). */
  otherId: string;
  onClose(): void;
  onSelect(id: string): void;
}

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; a: EventDetail; b: EventDetail };

type BodyComparison =
  | { mode: 'json'; result: DiffResult; sameText: boolean }
  | { mode: 'text'; difference: TextDifference | null; reason: string }
  | { mode: 'bytes'; offset: number | null; reason: string };

const kinds: Record<DiffKind, { icon: string; label: string }> = {
  changed: { icon: '≠', label: 'changed' },
  added: { icon: '+', label: 'added' },
  removed: { icon: '−', label: 'removed' },
};

/** Rows shown at first; 5,000 rows of four cells render fine, but most diffs are read from the top. */
const pageSize = 500;
const previewLength = 200;
const maxPathLength = 400;

const encoder = new TextEncoder();

function bodyBytes(event: EventDetail): Uint8Array {
  if (event.bodyEncoding === 'utf8') return encoder.encode(event.body);
  return Uint8Array.from(atob(event.body), (c) => c.charCodeAt(0));
}

function parseJson(event: EventDetail): { ok: true; value: unknown } | { ok: false } {
  if (event.bodyEncoding !== 'utf8') return { ok: false };
  const text = event.body.charCodeAt(0) === 0xfeff ? event.body.slice(1) : event.body;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function notJsonReason(aJson: boolean, bJson: boolean): string {
  if (!aJson && !bJson) return 'Neither body is JSON';
  return aJson ? 'B’s body is not JSON' : 'A’s body is not JSON';
}

function compareBodies(a: EventDetail, b: EventDetail): BodyComparison {
  const aJson = parseJson(a);
  const bJson = parseJson(b);
  if (aJson.ok && bJson.ok) return { mode: 'json', result: diffJson(aJson.value, bJson.value), sameText: a.body === b.body };
  const reason = notJsonReason(aJson.ok, bJson.ok);
  if (a.bodyEncoding === 'utf8' && b.bodyEncoding === 'utf8') return { mode: 'text', difference: compareText(a.body, b.body), reason };
  return { mode: 'bytes', offset: compareBytes(bodyBytes(a), bodyBytes(b)), reason };
}

function eventName(event: EventDetail): string {
  return event.name ?? `${event.method} /${event.path}`;
}

function cut(text: string, limit = previewLength): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function counts(entries: { kind: DiffKind }[]): string {
  const n = { changed: 0, added: 0, removed: 0 };
  for (const entry of entries) n[entry.kind]++;
  return `${n.changed.toLocaleString()} changed, ${n.added.toLocaleString()} added, ${n.removed.toLocaleString()} removed`;
}

/**
 * A path that may wrap before each `.key` and `[index]` rather than inside a key. Very deep paths keep
 * their first and last segments and say how many levels were left out; the full path is in the tooltip.
 */
function PathText({ path }: { path: string }) {
  const parts = visible(path).split(/(?=[.[])/);
  let head = parts.length;
  let tail = 0;
  if (path.length > maxPathLength) {
    let length = 0;
    for (head = 0; head < parts.length && length + (parts[head] as string).length <= 150; head++) length += (parts[head] as string).length;
    length = 0;
    for (tail = 0; tail < parts.length - head && length + (parts[parts.length - 1 - tail] as string).length <= maxPathLength - 150; tail++) {
      length += (parts[parts.length - 1 - tail] as string).length;
    }
  }
  const skipped = parts.length - head - tail;
  const shown = skipped > 0 ? [...parts.slice(0, head), null, ...parts.slice(parts.length - tail)] : parts;
  return (
    <code>
      {shown.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part ?? <span class="cmp-skipped"> … {skipped.toLocaleString()} more levels … </span>}
        </Fragment>
      ))}
    </code>
  );
}

function Kind({ kind }: { kind: DiffKind }) {
  const k = kinds[kind];
  return (
    <span class={`cmp-kind cmp-${kind}`}>
      <span class="cmp-icon" aria-hidden="true">
        {k.icon}
      </span>
      {k.label}
    </span>
  );
}

function Value({ present, text }: { present: boolean; text: string }) {
  if (!present) return <span class="cmp-none" title="Not present">—</span>;
  return <code class="cmp-value">{visible(text)}</code>;
}

function EventLine({ tag, role, event, onOpen }: { tag: string; role: string; event: EventDetail; onOpen(): void }) {
  return (
    <div class="cmp-event" data-tag={tag}>
      <span class="cmp-tag" title={role}>
        {tag}
      </span>
      <span class="cmp-event-text">
        <span class="cmp-event-name">{visible(eventName(event))}</span>
        <span class="cmp-sep"> · </span>
        <time dateTime={new Date(event.receivedAt).toISOString()}>{absoluteTime(event.receivedAt)}</time>
      </span>
      <button type="button" title={`Leave the comparison and inspect ${tag}`} onClick={onOpen}>
        Open {tag}
      </button>
    </div>
  );
}

function BodySizes({ a, b }: { a: EventDetail; b: EventDetail }) {
  return (
    <p class="cmp-sizes">
      A: {a.contentType ?? 'no content type'} · {bytes(a.bodySize)}
      <span class="cmp-sep"> — </span>B: {b.contentType ?? 'no content type'} · {bytes(b.bodySize)}
    </p>
  );
}

function JsonDiff({ comparison }: { comparison: Extract<BodyComparison, { mode: 'json' }> }) {
  const [shown, setShown] = useState(pageSize);
  const { entries, truncated } = comparison.result;
  if (entries.length === 0) {
    return (
      <p class="cmp-identical">
        <span aria-hidden="true">✓ </span>The bodies are identical.
        {!comparison.sameText && <span class="cmp-muted"> (As JSON: their text differs only in formatting or key order.)</span>}
      </p>
    );
  }
  return (
    <>
      <p class="cmp-counts">
        {counts(entries)}
        {truncated && <span class="cmp-muted"> — the first {entries.length.toLocaleString()} differences; the bodies differ in more places.</span>}
      </p>
      <div class="cmp-scroll">
        <table class="cmp-table cmp-body-table">
          <colgroup>
            <col class="cmp-col-path" />
            <col class="cmp-col-kind" />
            <col class="cmp-col-value" />
            <col class="cmp-col-value" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Change</th>
              <th scope="col">A (before)</th>
              <th scope="col">B (after)</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, shown).map((entry, i) => (
              <tr key={i} class={`cmp-row cmp-row-${entry.kind}`} data-path={entry.path} data-kind={entry.kind}>
                <td class="cmp-path" title={entry.path.length > maxPathLength ? visible(entry.path) : undefined}>
                  <PathText path={entry.path} />
                </td>
                <td>
                  <Kind kind={entry.kind} />
                </td>
                <td>
                  <Value present={entry.kind !== 'added'} text={previewJson(entry.before, previewLength)} />
                </td>
                <td>
                  <Value present={entry.kind !== 'removed'} text={previewJson(entry.after, previewLength)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length > shown && (
        <button type="button" class="cmp-more" onClick={() => setShown(shown + pageSize)}>
          Show {Math.min(pageSize, entries.length - shown).toLocaleString()} more of {(entries.length - shown).toLocaleString()}
        </button>
      )}
    </>
  );
}

/** The line around the first difference, with the differing part marked (and said in words above). */
function LineExcerpt({ line, column }: { line: string; column: number }) {
  const at = Math.min(column - 1, line.length);
  const start = Math.max(0, at - 60);
  const end = Math.min(line.length, at + previewLength - 60);
  return (
    <code class="cmp-value">
      {start > 0 && '…'}
      {visible(line.slice(start, at))}
      <mark class="cmp-mark">{visible(line.slice(at, end))}</mark>
      {end < line.length && '…'}
    </code>
  );
}

function RawDiff({ comparison, a, b }: { comparison: Exclude<BodyComparison, { mode: 'json' }>; a: EventDetail; b: EventDetail }) {
  const what = comparison.mode === 'text' ? 'raw text' : 'raw bytes';
  const identical = comparison.mode === 'text' ? comparison.difference === null : comparison.offset === null;
  return (
    <div class="cmp-raw">
      <p class="cmp-muted">
        {comparison.reason}: comparing the {what}.
      </p>
      {identical ? (
        <p class="cmp-identical">
          <span aria-hidden="true">✓ </span>The bodies are identical.
        </p>
      ) : comparison.mode === 'text' && comparison.difference ? (
        <>
          <p class="cmp-counts">
            The bodies differ from line {comparison.difference.line.toLocaleString()}, column {comparison.difference.column.toLocaleString()} (byte{' '}
            {comparison.difference.byteOffset.toLocaleString()}).
          </p>
          <table class="cmp-table cmp-lines">
            <tbody>
              <tr>
                <th scope="row">A line {comparison.difference.line.toLocaleString()}</th>
                <td>
                  <LineExcerpt line={comparison.difference.beforeLine} column={comparison.difference.column} />
                </td>
              </tr>
              <tr>
                <th scope="row">B line {comparison.difference.line.toLocaleString()}</th>
                <td>
                  <LineExcerpt line={comparison.difference.afterLine} column={comparison.difference.column} />
                </td>
              </tr>
            </tbody>
          </table>
        </>
      ) : comparison.mode === 'bytes' && comparison.offset !== null ? (
        <p class="cmp-counts">The bodies differ from byte {comparison.offset.toLocaleString()}.</p>
      ) : null}
      <BodySizes a={a} b={b} />
    </div>
  );
}

function HeaderDiff({ differences }: { differences: HeaderDifference[] }) {
  return (
    <div class="cmp-headers">
      <h3>Headers that differ</h3>
      {differences.length === 0 ? (
        <p class="cmp-muted">None: both requests carried the same headers.</p>
      ) : (
        <table class="cmp-table cmp-header-table">
          <colgroup>
            <col class="cmp-col-name" />
            <col class="cmp-col-kind" />
            <col class="cmp-col-value" />
            <col class="cmp-col-value" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">Change</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((d) => (
              <tr key={d.name} class={`cmp-row cmp-row-${d.kind}`} data-header={d.name.toLowerCase()} data-kind={d.kind}>
                <td class="cmp-path">
                  <code>{headerText(d.name)}</code>
                </td>
                <td>
                  <Kind kind={d.kind} />
                </td>
                <td>{d.before === undefined ? <Value present={false} text="" /> : <code class="cmp-value">{headerText(cut(d.before))}</code>}</td>
                <td>{d.after === undefined ? <Value present={false} text="" /> : <code class="cmp-value">{headerText(cut(d.after))}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function Compare({ client, baseId, otherId, onClose, onSelect }: CompareProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setLoaded({ state: 'loading' });
    Promise.all([client.api.getEvent({ id: baseId }), client.api.getEvent({ id: otherId })])
      .then(([a, b]) => !cancelled && setLoaded({ state: 'ready', a, b }))
      .catch((e: unknown) => !cancelled && setLoaded({ state: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      cancelled = true;
    };
  }, [baseId, otherId]);

  const ready = loaded.state === 'ready' ? loaded : null;
  const body = useMemo(() => (ready ? compareBodies(ready.a, ready.b) : null), [ready?.a, ready?.b]);
  const headers = useMemo(() => (ready ? diffHeaders(ready.a.headers, ready.b.headers) : []), [ready?.a, ready?.b]);

  const open = (id: string): void => {
    onClose();
    onSelect(id);
  };

  return (
    <section class="compare" aria-label="Compare">
      <header class="cmp-head">
        <h2>Compare</h2>
        <button type="button" class="cmp-close" onClick={onClose}>
          Close
        </button>
      </header>
      {loaded.state === 'loading' && <p class="cmp-muted cmp-pad">Loading both events…</p>}
      {loaded.state === 'failed' && (
        <p class="problem cmp-pad" role="alert">
          Could not load the events to compare: {visible(loaded.message)}
        </p>
      )}
      {ready && body && (
        <>
          <div class="cmp-events">
            <EventLine tag="A" role="before: the event picked first" event={ready.a} onOpen={() => open(ready.a.id)} />
            <EventLine tag="B" role="after: the event picked second" event={ready.b} onOpen={() => open(ready.b.id)} />
          </div>
          <div class="cmp-body">
            {(ready.a.bodyTruncated || ready.b.bodyTruncated) && (
              <p class="cmp-note">
                Only the first 64 KiB of {ready.a.bodyTruncated && ready.b.bodyTruncated ? 'both bodies were' : `${ready.a.bodyTruncated ? 'A' : 'B'}’s body was`} kept; the
                comparison covers what was kept.
              </p>
            )}
            {body.mode === 'json' ? <JsonDiff key={`${ready.a.id}:${ready.b.id}`} comparison={body} /> : <RawDiff comparison={body} a={ready.a} b={ready.b} />}
            <HeaderDiff differences={headers} />
          </div>
        </>
      )}
    </section>
  );
}
