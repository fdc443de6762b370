// The inspector's Body tab: the body as a person reads it (a JSON tree, form fields, multipart parts, an XML
// tree), as text, and as bytes — and, for a body sent with Content-Encoding, the bytes exactly as they arrived.
// Payload text is only ever rendered as text.
import { useState } from 'preact/hooks';
import type { Client, EventDetail } from '../client';
import { bytes as formatBytes, visible } from '../format';
import { JsonTree } from './JsonTree';
import { fieldsJson } from '../../../main/core/bodies/fields';
import { FieldsTable, PartsTable, XmlTree } from './ReadableViews';

/** How much text is shown before "Show all". */
const textPreview = 200_000;

type View = 'Fields' | 'Parts' | 'Tree' | 'Pretty' | 'Raw' | 'Hex' | 'As sent';

interface BodyViewProps {
  client: Client;
  event: EventDetail;
  /** The body as the inspector reads it: text when it is UTF-8, and its bytes. */
  body: { text: string | null; bytes: Uint8Array };
  json: { ok: true; value: unknown } | { ok: false };
}

export function hexDump(data: Uint8Array, limit = 4096): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(data.length, limit); i += 16) {
    const chunk = Array.from(data.subarray(i, i + 16));
    const hex = chunk.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = chunk.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (data.length > limit) lines.push(`… ${data.length - limit} more bytes`);
  return lines.join('\n');
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The views this body offers, the readable one first. */
function viewsOf(event: EventDetail, body: BodyViewProps['body'], json: BodyViewProps['json']): View[] {
  const views: View[] = [];
  const { readable } = event;
  if (readable?.kind === 'form') views.push('Fields', 'Tree');
  else if (readable?.kind === 'multipart') views.push('Parts');
  else if (readable?.kind === 'xml' && readable.tree) views.push('Tree', 'Pretty');
  else if (json.ok) views.push('Tree');
  views.push(body.text !== null ? 'Raw' : 'Hex');
  if (event.rawBody !== null) views.push('As sent');
  return views;
}

export function BodyView({ client, event, body, json }: BodyViewProps) {
  const { readable } = event;
  const views = viewsOf(event, body, json);
  const [view, setView] = useState<View>(views[0] ?? 'Raw');
  const [showAll, setShowAll] = useState(false);
  const decodedSize = body.bytes.length;
  return (
    <div class="body-view">
      <div class="body-toolbar">
        <span>
          {event.contentType ? visible(event.contentType) : 'no content type'} · {formatBytes(event.bodySize)}
          {event.contentEncoding !== null && ` ${visible(event.contentEncoding)} → ${formatBytes(decodedSize)} decoded`}
          {event.flags.includes('decoded_too_large') ? ' · decoding stopped at the body limit' : ''}
          {event.bodyTruncated ? ' · only the first 64 KiB were kept' : ''}
        </span>
        {views.length > 1 && (
          <span class="segmented" role="group" aria-label="Body view">
            {views.map((name) => (
              <button key={name} type="button" aria-pressed={view === name} onClick={() => setView(name)}>
                {name}
              </button>
            ))}
          </span>
        )}
      </div>
      {readable?.kind === 'xml' && readable.problem && <p class="problem">{visible(readable.problem)}</p>}
      {view === 'Fields' && readable?.kind === 'form' ? (
        <FieldsTable fields={readable.fields} />
      ) : view === 'Tree' && readable?.kind === 'form' ? (
        <JsonTree value={fieldsJson(readable.fields)} large={decodedSize > 256 * 1024} />
      ) : view === 'Parts' && readable?.kind === 'multipart' ? (
        <PartsTable client={client} event={event} readable={readable} />
      ) : view === 'Tree' && readable?.kind === 'xml' && readable.tree ? (
        <XmlTree nodes={readable.tree} />
      ) : view === 'Pretty' && readable?.kind === 'xml' && readable.pretty !== null ? (
        <pre class="raw xml-pretty">{visible(readable.pretty)}</pre>
      ) : view === 'Tree' && json.ok ? (
        <JsonTree value={json.value} large={decodedSize > 256 * 1024} />
      ) : view === 'As sent' && event.rawBody !== null ? (
        <>
          <p class="hint">
            The bytes exactly as they arrived ({visible(event.contentEncoding ?? 'encoded')}, {formatBytes(event.bodySize)}): replays and HAR exports send these.
          </p>
          <pre class="raw hex">{hexDump(base64Bytes(event.rawBody))}</pre>
        </>
      ) : body.text !== null ? (
        <>
          <pre class="raw">{visible(showAll ? body.text : body.text.slice(0, textPreview))}</pre>
          {!showAll && body.text.length > textPreview && (
            <button type="button" onClick={() => setShowAll(true)}>
              Show all {formatBytes(decodedSize)}
            </button>
          )}
        </>
      ) : (
        <pre class="raw hex">{hexDump(body.bytes)}</pre>
      )}
    </div>
  );
}
