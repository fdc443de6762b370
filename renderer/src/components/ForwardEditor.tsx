// Forward-to: every request of this endpoint also goes live to your local app, optionally routed by event name.
// Pass-through gives the provider your app's answer (so its retries follow your app); acknowledge answers at once.
import { useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { FormError } from './FormError';
import { fieldInvalid, problemOf, type Problem } from '../problem';
import { FieldError, invalidProps } from './FieldError';
import type { InputOf } from '../../../main/core/api/contract';

type Forward = NonNullable<PublicEndpoint['forward']>;

export function describeForward(forward: PublicEndpoint['forward']): string {
  if (!forward) return 'Not forwarded.';
  const where = [forward.url, ...forward.routes.map((r) => `${r.event} → ${r.url}`)].filter(Boolean).join('; ');
  const mode = forward.mode === 'pass-through' ? 'pass-through (the provider gets your app’s answer)' : 'acknowledge (the provider gets 200 at once)';
  const alerts = forward.alertOnFailure ? '' : ' No alert when your app fails one.';
  return `${forward.enabled ? 'Forwards' : 'Forwarding paused'} to ${where}, ${mode}.${alerts}`;
}

export function ForwardEditor({ client, endpoint, onSaved, onClose }: { client: Client; endpoint: PublicEndpoint; onSaved(endpoint: PublicEndpoint): void; onClose(): void }) {
  const current: Forward | null = endpoint.forward;
  const [enabled, setEnabled] = useState(current?.enabled ?? true);
  const [alertOnFailure, setAlertOnFailure] = useState(current?.alertOnFailure ?? true);
  const [url, setUrl] = useState(current?.url ?? 'http://localhost:3000/webhooks');
  const [mode, setMode] = useState<Forward['mode']>(current?.mode ?? 'pass-through');
  const [routes, setRoutes] = useState((current?.routes ?? []).map((r) => `${r.event} -> ${r.url}`).join('\n'));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = `forward-${endpoint.id}`;

  const save = async (forward: InputOf<'updateEndpoint'>['forward'] | null): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await client.api.updateEndpoint({ id: endpoint.id, forward }));
      onClose();
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event): void => {
    e.preventDefault();
    const parsed: { event: string; url: string }[] = [];
    for (const line of routes.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const [event, target] = line.split(/\s*->\s*/);
      if (!event || !target) return setProblem(problemOf(fieldInvalid('forward.routes', `Write each route as "event.glob.* -> http://…": “${line}” is not.`)));
      parsed.push({ event, url: target });
    }
    void save({ enabled, url: url.trim() === '' ? null : url.trim(), mode, routes: parsed, alertOnFailure });
  };

  return (
    <form class="forward-editor" aria-label={`Forward-to of ${endpoint.name}`} onSubmit={submit} noValidate>
      <div class="form-row">
        <div class="field grow">
          <label for={`${ids}-url`}>Forward to (your app)</label>
          <input id={`${ids}-url`} type="url" value={url} spellcheck={false} placeholder="empty: routed events only" {...invalidProps(problem, 'forward.url', `${ids}-url`)} onInput={(e) => setUrl(e.currentTarget.value)} />
          <FieldError problem={problem} path="forward.url" id={`${ids}-url`} />
        </div>
        <div class="field">
          <label for={`${ids}-mode`}>The provider gets</label>
          <select id={`${ids}-mode`} value={mode} onChange={(e) => setMode(e.currentTarget.value as Forward['mode'])}>
            <option value="pass-through">your app’s answer (502 if it is down)</option>
            <option value="acknowledge">200 at once (acknowledge)</option>
          </select>
        </div>
        <div class="field check">
          <label>
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Forwarding on
          </label>
        </div>
        <div class="field check" title="Refused, timed out or answered 5xx: an alert like a provider's failure, coalesced in bursts">
          <label>
            <input type="checkbox" checked={alertOnFailure} onChange={(e) => setAlertOnFailure(e.currentTarget.checked)} /> Alert when my app fails a forward
          </label>
        </div>
      </div>
      <div class="field grow">
        <label for={`${ids}-routes`}>Routes by event name, first match wins (one per line: verify_code.* -&gt; http://localhost:3000/lox24)</label>
        <textarea id={`${ids}-routes`} rows={2} spellcheck={false} value={routes} {...invalidProps(problem, 'forward.routes', `${ids}-routes`)} onInput={(e) => setRoutes(e.currentTarget.value)} />
        <FieldError problem={problem} path="forward.routes" id={`${ids}-routes`} />
      </div>
      <div class="save-row">
        <button type="submit" class="primary" disabled={busy}>
          Save forwarding
        </button>
        {current && (
          <button type="button" disabled={busy} onClick={() => void save(null)}>
            Stop forwarding
          </button>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <FormError message={problem?.message ?? null} />
    </form>
  );
}
