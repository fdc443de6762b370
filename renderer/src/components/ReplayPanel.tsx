// Replay one stored request to a URL (your app), as received or edited, optionally signed again; and every
// earlier replay and forward of it with what the target answered.
import { useState } from 'preact/hooks';
import { useLiveQuery } from '../use-live-query';
import type { Client, EventDetail } from '../client';
import { absoluteTime, visible, errorMessage } from '../format';
import { HeaderTable } from './HeaderTable';
import { FormError } from './FormError';

const lastUrlKey = 'hookbridge.replay.url';


export function ReplayPanel({ client, event, canResign }: { client: Client; event: EventDetail; canResign: boolean }) {
  const [url, setUrl] = useState(() => localStorage.getItem(lastUrlKey) ?? 'http://localhost:3000/webhooks');
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(event.bodyEncoding === 'utf8' ? event.body : '');
  const [resign, setResign] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listed = useLiveQuery(client, () => client.api.listDeliveries({ id: event.id }), (m) => m.type === 'delivery.created' && m.data.requestId === event.id, [event.id]);

  const deliveries = listed.value;

  const send = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem(lastUrlKey, url.trim());
      const delivery = await client.api.replayEvent({ id: event.id, url: url.trim(), resign, ...(editing ? { body } : {}) });
      listed.set((list) => [delivery, ...(list ?? []).filter((d) => d.id !== delivery.id)]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="replay">
      <form class="replay-form" aria-label="Replay" onSubmit={(e) => void send(e)} noValidate>
        <label for="replay-url">Send this request again to</label>
        <div class="replay-row">
          <input id="replay-url" type="url" value={url} spellcheck={false} onInput={(e) => setUrl(e.currentTarget.value)} />
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Replay'}
          </button>
        </div>
        <label>
          <input type="checkbox" checked={editing} disabled={event.bodyEncoding !== 'utf8'} onChange={(e) => setEditing(e.currentTarget.checked)} /> Edit the body first
        </label>
        <label title={canResign ? 'A fresh timestamp and signature, with the endpoint’s secret' : 'The endpoint has no auth or signature check'}>
          <input type="checkbox" checked={resign} disabled={!canResign} onChange={(e) => setResign(e.currentTarget.checked)} /> Sign again with the endpoint’s secret
        </label>
        {editing && <textarea aria-label="Body to send" rows={10} spellcheck={false} value={body} onInput={(e) => setBody(e.currentTarget.value)} />}
        <FormError message={error ?? listed.error} />
      </form>
      <h3>Replays and forwards</h3>
      {deliveries === null ? (
        <p class="hint">Loading…</p>
      ) : deliveries.length === 0 ? (
        <p class="hint">Not sent anywhere yet.</p>
      ) : (
        <ol class="deliveries" aria-label="Replays and forwards">
          {deliveries.map((d) => (
            <li key={d.id} class={`delivery${d.response ? '' : ' failed'}`}>
              <div class="delivery-head">
                <span class="tag">{d.kind}</span>
                <strong data-field="delivery-status">{d.response ? d.response.status : 'no answer'}</strong>
                <code>{visible(d.url)}</code>
                <span class="quiet">
                  {absoluteTime(d.sentAt)} · {d.durationMs} ms{d.edited ? ' · edited' : ''}
                  {d.resigned ? ' · signed again' : ''}
                </span>
              </div>
              {d.error && <p class="problem">{d.error}</p>}
              {d.response && (
                <details>
                  <summary>Answer: {d.response.headers.length} headers, {d.response.body.length} characters{d.response.bodyTruncated ? ' (cut at 64 KiB)' : ''}</summary>
                  <HeaderTable headers={d.response.headers} />
                  <pre class="raw">{visible(d.response.body)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
