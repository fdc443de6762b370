// Settings: retention, body size limit, theme, explanation language, default country code, and the current
// retention status. Save sends only the fields that changed; the API's validation message is shown as it comes.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client, Settings, Status } from '../client';
import { errorMessage } from '../format';
import type { Live } from '../live';
import { TunnelTokenPanel } from './TunnelTokenPanel';
import { ProvidersPanel } from './ProvidersPanel';
import './Pages.css';
import { FormError } from './FormError';
import { FieldError, invalidProps } from './FieldError';
import { problemOf, type Problem } from '../problem';
import { draftOf, patchOf, readableSize, type Draft, type SettingsPatch, type SizeDraft, type Unit } from '../settings-draft';
import { useSignal } from '../use-signal';

export interface SettingsPageProps {
  client: Client;
  /** Called after every saved change, so the app can apply it (e.g. the theme) at once. */
  onSaved(settings: Settings): void;
  /** The window's live status. */
  live: Live;
}

export function SettingsPage({ client, onSaved, live }: SettingsPageProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [initial, setInitial] = useState<Draft | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const status = useSignal(live.status);
  const statusError = useSignal(live.error);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [themeError, setThemeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastCustomBodyLimit = useRef<SizeDraft>({ value: '5', unit: 'MiB' });

  const refreshStatus = (): void => void live.refresh();

  useEffect(() => {
    let cancelled = false;
    client.api
      .getSettings()
      .then((s) => {
        if (cancelled) return;
        setSettings(s);
        setInitial(draftOf(s));
        setDraft(draftOf(s));
      })
      .catch((e: unknown) => !cancelled && setLoadError(errorMessage(e)));
    // The retention figures move with every webhook, which sends no status: read them fresh when the page opens.
    refreshStatus();
    return () => {
      cancelled = true;
    };
  }, [client]);

  const edit = (patch: Partial<Draft>): void => {
    setSaved(null);
    setProblem(null);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };

  const applySaved = (result: Settings, keepDraft: Draft | null): void => {
    setSettings(result);
    const fresh = draftOf(result);
    setInitial(fresh);
    setDraft(keepDraft ?? fresh);
    onSaved(result);
  };

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!initial || !draft) return;
    setProblem(null);
    setSaved(null);
    let patch: SettingsPatch;
    try {
      patch = patchOf(initial, draft);
    } catch (err) {
      setProblem(problemOf(err));
      return;
    }
    if (Object.keys(patch).length === 0) {
      setSaved('Nothing changed.');
      return;
    }
    setBusy(true);
    try {
      const result = await client.api.updateSettings(patch);
      applySaved(result, null);
      setSaved('Saved');
      refreshStatus();
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  /** The theme applies at once: it is saved on its own, and the other fields keep their unsaved edits. */
  const saveTheme = async (select: HTMLSelectElement): Promise<void> => {
    setThemeError(null);
    try {
      const result = await client.api.updateSettings({ theme: select.value as Settings['theme'] });
      setSettings(result);
      onSaved(result);
    } catch (err) {
      if (settings) select.value = settings.theme;
      setThemeError(errorMessage(err));
    }
  };

  if (loadError && !settings) {
    return (
      <section class="page" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <p class="page-error" role="alert">
          Could not load the settings: {loadError}
        </p>
      </section>
    );
  }
  if (!settings || !draft) {
    return (
      <section class="page" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <p class="hint">Loading settings…</p>
      </section>
    );
  }

  const bodyLimit = draft.bodyLimit;
  return (
    <section class="page" aria-labelledby="settings-title">
      <header class="page-head">
        <h2 id="settings-title">Settings</h2>
      </header>
      <div class="settings-grid">
        <form class="settings-form" aria-label="Settings" onSubmit={(e) => void save(e)} noValidate>
          <fieldset class="panel">
            <legend>Retention</legend>
            <p class="field-hint">Oldest unpinned events are pruned first when either limit is passed; pinned events are never pruned.</p>
            <div class="form-row">
              <div class="field">
                <label for="settings-max-events">Keep at most (events)</label>
                <input
                  id="settings-max-events"
                  type="number"
                  inputMode="numeric"
                  min={100}
                  step={1}
                  value={draft.maxEvents}
                  {...invalidProps(problem, 'retention.maxEvents', 'settings-max-events')}
                  onInput={(e) => edit({ maxEvents: e.currentTarget.value })}
                />
                <FieldError problem={problem} path="retention.maxEvents" id="settings-max-events" />
              </div>
              <div class="field">
                <label for="settings-max-db">Database size limit</label>
                <div class="with-unit">
                  <input
                    id="settings-max-db"
                    type="number"
                    min={0}
                    step="any"
                    value={draft.maxDatabase.value}
                    {...invalidProps(problem, 'retention.maxDatabaseBytes', 'settings-max-db')}
                    onInput={(e) => edit({ maxDatabase: { ...draft.maxDatabase, value: e.currentTarget.value } })}
                  />
                  <label for="settings-max-db-unit" class="visually-hidden">
                    Database size unit
                  </label>
                  <select
                    id="settings-max-db-unit"
                    value={draft.maxDatabase.unit}
                    onChange={(e) => edit({ maxDatabase: { ...draft.maxDatabase, unit: e.currentTarget.value as Unit } })}
                  >
                    <option value="MiB">MiB</option>
                    <option value="GiB">GiB</option>
                  </select>
                </div>
                <FieldError problem={problem} path="retention.maxDatabaseBytes" id="settings-max-db" />
              </div>
            </div>
          </fieldset>

          <fieldset class="panel">
            <legend>Webhook body size limit</legend>
            <p class="field-hint">Larger bodies are answered 413; their headers and first 64 KiB are kept. Applies at once, no restart.</p>
            <div class="radio">
              <input
                id="settings-body-default"
                type="radio"
                name="body-limit"
                checked={bodyLimit === null}
                onChange={() => {
                  if (bodyLimit) lastCustomBodyLimit.current = bodyLimit;
                  edit({ bodyLimit: null });
                }}
              />
              <label for="settings-body-default">Engine default (5 MiB or --body-limit)</label>
            </div>
            <div class="radio">
              <input
                id="settings-body-custom"
                type="radio"
                name="body-limit"
                checked={bodyLimit !== null}
                onChange={() => edit({ bodyLimit: lastCustomBodyLimit.current })}
              />
              <label for="settings-body-custom">Custom limit</label>
              <div class="with-unit">
                <label for="settings-body-limit" class="visually-hidden">
                  Body size limit
                </label>
                <input
                  id="settings-body-limit"
                  type="number"
                  min={1}
                  step="any"
                  disabled={bodyLimit === null}
                  value={bodyLimit?.value ?? lastCustomBodyLimit.current.value}
                  {...invalidProps(problem, 'bodyLimitBytes', 'settings-body-limit')}
                  onInput={(e) => edit({ bodyLimit: { unit: bodyLimit?.unit ?? lastCustomBodyLimit.current.unit, value: e.currentTarget.value } })}
                />
                <label for="settings-body-limit-unit" class="visually-hidden">
                  Body size unit
                </label>
                <select
                  id="settings-body-limit-unit"
                  disabled={bodyLimit === null}
                  value={bodyLimit?.unit ?? lastCustomBodyLimit.current.unit}
                  onChange={(e) => edit({ bodyLimit: { value: bodyLimit?.value ?? lastCustomBodyLimit.current.value, unit: e.currentTarget.value as Unit } })}
                >
                  <option value="KiB">KiB</option>
                  <option value="MiB">MiB</option>
                </select>
              </div>
            </div>
            <FieldError problem={problem} path="bodyLimitBytes" id="settings-body-limit" />
          </fieldset>

          <fieldset class="panel">
            <legend>Display</legend>
            <div class="form-row top">
              <div class="field">
                <label for="settings-theme">Theme</label>
                <select id="settings-theme" value={settings.theme} aria-describedby="settings-theme-hint" onChange={(e) => void saveTheme(e.currentTarget)}>
                  <option value="system">System</option>
                  <option value="light">Light</option>
                  <option value="dark">Dark</option>
                </select>
                <span id="settings-theme-hint" class="field-hint">
                  Applied and saved at once.
                </span>
                {themeError && (
                  <span class="form-error" role="alert">
                    {themeError}
                  </span>
                )}
              </div>
              <div class="field">
                <label for="settings-language">Explanation language</label>
                <select id="settings-language" value={draft.language} onChange={(e) => edit({ language: e.currentTarget.value as Settings['language'] })}>
                  <option value="en">English</option>
                  <option value="es">Español</option>
                </select>
              </div>
              <div class="field">
                <label for="settings-country">Default country calling code</label>
                <input
                  id="settings-country"
                  type="text"
                  inputMode="numeric"
                  placeholder="none"
                  size={6}
                  maxLength={4}
                  {...invalidProps(problem, 'defaultCountryCode', 'settings-country', 'settings-country-hint')}
                  value={draft.countryCode}
                  onInput={(e) => edit({ countryCode: e.currentTarget.value })}
                />
                <FieldError problem={problem} path="defaultCountryCode" id="settings-country" />
                <span id="settings-country-hint" class="field-hint">
                  Used for national phone numbers (“0151 …”), e.g. 49. Empty: none.
                </span>
              </div>
            </div>
          </fieldset>

          <fieldset class="panel">
            <legend>Public URL</legend>
            <div class="form-row top">
              <div class="field grow">
                <label for="settings-ngrok-domain">Reserved ngrok domain</label>
                <input
                  id="settings-ngrok-domain"
                  type="text"
                  placeholder="none: ngrok picks a URL"
                  autocomplete="off"
                  spellcheck={false}
                  {...invalidProps(problem, 'ngrokDomain', 'settings-ngrok-domain', 'settings-ngrok-domain-hint')}
                  value={draft.ngrokDomain}
                  onInput={(e) => edit({ ngrokDomain: e.currentTarget.value })}
                />
                <FieldError problem={problem} path="ngrokDomain" id="settings-ngrok-domain" />
                <span id="settings-ngrok-domain-hint" class="field-hint">
                  {status?.tunnelSetup.domain?.source === 'startup'
                    ? `This run uses ${status.tunnelSetup.domain.value} from --ngrok-domain.`
                    : 'A domain reserved on your ngrok account keeps the same URL across restarts. A running tunnel reconnects with it.'}
                </span>
              </div>
              <div class="field grow">
                <label for="settings-public-base">Public base URL (your own tunnel or proxy)</label>
                <input
                  id="settings-public-base"
                  type="url"
                  placeholder="e.g. https://hooks.example.com"
                  autocomplete="off"
                  spellcheck={false}
                  {...invalidProps(problem, 'publicBaseUrl', 'settings-public-base', 'settings-public-base-hint')}
                  value={draft.publicBaseUrl}
                  onInput={(e) => edit({ publicBaseUrl: e.currentTarget.value })}
                />
                <FieldError problem={problem} path="publicBaseUrl" id="settings-public-base" />
                <span id="settings-public-base-hint" class="field-hint">
                  If you forward to 127.0.0.1:{status?.ingress.port ?? 8787} yourself, endpoints show this URL + /h/&lt;token&gt;. The ngrok URL wins while the tunnel is online.
                </span>
              </div>
            </div>
          </fieldset>

          <div class="save-row">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
            <span class="form-ok" role="status">
              {saved ?? ''}
            </span>
            <FormError message={problem?.message ?? null} />
          </div>
        </form>

        <aside class="settings-side">
          <TunnelTokenPanel client={client} setup={status?.tunnelSetup ?? null} onChanged={refreshStatus} />
          <ProvidersPanel client={client} />
          <section class="panel" aria-labelledby="retention-status-title">
            <h3 id="retention-status-title">Retention status</h3>
            {statusError && (
              <p class="form-error" role="alert">
                Could not read the status: {statusError}
              </p>
            )}
            {status ? (
              <dl class="facts retention-status">
                <div>
                  <dt>Events stored</dt>
                  <dd data-field="events">{status.retention.events.toLocaleString()}</dd>
                </div>
                <div>
                  <dt>Pruned since start</dt>
                  <dd data-field="total-pruned">{status.retention.totalPruned.toLocaleString()}</dd>
                </div>
                <div class="wide">
                  <dt>Database size</dt>
                  <dd data-field="database">
                    {readableSize(status.retention.databaseBytes)} (limit {readableSize(settings.retention.maxDatabaseBytes)})
                  </dd>
                </div>
                <div class="wide">
                  <dt>Last prune</dt>
                  <dd data-field="last-prune">
                    {status.retention.lastPrunedAt === null
                      ? 'none since Hookbridge started'
                      : `${status.retention.lastPrunedCount.toLocaleString()} event${status.retention.lastPrunedCount === 1 ? '' : 's'} at ${new Date(status.retention.lastPrunedAt).toLocaleString()}`}
                  </dd>
                </div>
              </dl>
            ) : (
              !statusError && <p class="hint">Loading…</p>
            )}
          </section>
          <section class="panel" aria-labelledby="desktop-title">
            <h3 id="desktop-title">Desktop app</h3>
            {status?.desktop ? (
              <DesktopSettings client={client} desktop={status.desktop} onChanged={refreshStatus} />
            ) : (
              <p class="field-hint">Open at login and desktop notifications are settings of the desktop app; this is headless mode in a browser.</p>
            )}
            <p class="field-hint">
              The desktop app notifies on failed events, rejected auth checks and a store that cannot write — phone numbers and codes masked, bursts
              folded into one summary. Mute an endpoint with its “Notify on failures” switch on the Endpoints page; pause all from the tray menu.
            </p>
          </section>
        </aside>
      </div>
    </section>
  );
}

function DesktopSettings({ client, desktop, onChanged }: { client: Client; desktop: NonNullable<Status['desktop']>; onChanged(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (desktop.openAtLogin === null) return <p class="field-hint">{desktop.note}</p>;
  return (
    <div class="field check">
      <label>
        <input
          type="checkbox"
          checked={desktop.openAtLogin}
          disabled={busy}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            e.currentTarget.checked = desktop.openAtLogin === true; // shown from the engine's answer
            setBusy(true);
            setError(null);
            client.api
              .setOpenAtLogin({ enabled })
              .then(onChanged)
              .catch((err: unknown) => setError(errorMessage(err)))
              .finally(() => setBusy(false));
          }}
        />{' '}
        Open Hookbridge at login
      </label>
      {error && (
        <span class="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
