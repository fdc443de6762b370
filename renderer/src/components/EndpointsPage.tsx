// Endpoints: list, create, rename, enable/disable, delete, copy URL, provider, rotate token. Secrets never reach
// the UI (the API sends a masked hint); every name is rendered as text.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { visible, errorMessage } from '../format';
import { AuthFields, authInput, describeAuth, emptyAuthDraft, type AuthDraft, type AuthInput } from './AuthFields';
import { RulesEditor, rulesSummary } from './RulesEditor';
import { SendSample } from './SendSample';
import { describeForward, ForwardEditor } from './ForwardEditor';
import type { Live } from '../live';
import './Pages.css';
import { FormError } from './FormError';
import { useSignal } from '../use-signal';

export interface EndpointsPageProps {
  client: Client;
  /** The window's live store: the endpoints, and the public base URL from the status. */
  live: Live;
}

type Provider = PublicEndpoint['provider'];

const providers: readonly { value: Provider; label: string }[] = [
  { value: 'auto', label: 'auto (detect)' },
  { value: 'lox24', label: 'lox24' },
  { value: 'soyio', label: 'soyio' },
];


/** The URL a provider should call: the public one when there is one, else the local ingress URL. */
export function endpointAddress(endpoint: PublicEndpoint, publicUrl: string | null): { url: string; kind: 'public' | 'local' } {
  if (publicUrl) return { url: `${publicUrl.replace(/\/+$/, '')}/h/${endpoint.token}`, kind: 'public' };
  return { url: endpoint.url, kind: 'local' };
}

export function EndpointsPage({ client, live }: EndpointsPageProps) {
  // The list comes from the live store: it follows endpoint.changed from the stream, from any window.
  const endpoints = useSignal(live.endpoints);
  const loadError = useSignal(live.error);
  /** The public base URL (the tunnel's while it is online, else the configured one), or null: then local URLs are shown. */
  const publicUrl = useSignal(live.status)?.publicUrl ?? null;
  const [created, setCreated] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const replace = (endpoint: PublicEndpoint): void => live.putEndpoint(endpoint);
  const remove = (id: string): void => {
    live.removeEndpoint(id);
    heading.current?.focus(); // the deleted row held the focus
  };

  return (
    <section class="page" aria-labelledby="endpoints-title">
      <header class="page-head">
        <h2 id="endpoints-title" ref={heading} tabIndex={-1}>
          Endpoints
        </h2>
        <p class="page-intro">
          Give each provider its own URL. Every request is stored: a disabled endpoint answers 403; a failed auth or signature check answers 401 (or is
          accepted and flagged); response rules answer what you choose, to watch a provider retry.
        </p>
      </header>

      <NewEndpointForm
        client={client}
        onCreated={(endpoint) => {
          live.putEndpoint(endpoint);
          setCreated(endpoint.id);
        }}
      />

      {loadError && (
        <p class="page-error" role="alert">
          Could not load the endpoints: {loadError}{' '}
          <button type="button" onClick={() => void live.refresh()}>
            Try again
          </button>
        </p>
      )}
      {endpoints === null ? (
        !loadError && <p class="hint">Loading endpoints…</p>
      ) : endpoints.length === 0 ? (
        <p class="hint">No endpoints yet. Create one above to get a URL for your provider.</p>
      ) : (
        <ul class="endpoint-list" aria-label="Endpoints">
          {endpoints.map((endpoint) => (
            <EndpointRow
              key={endpoint.id}
              client={client}
              endpoint={endpoint}
              publicUrl={publicUrl}
              fresh={created === endpoint.id}
              onChanged={replace}
              onDeleted={remove}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function NewEndpointForm({ client, onCreated }: { client: Client; onCreated(endpoint: PublicEndpoint): void }) {
  const [name, setName] = useState('');
  const [provider, setProvider] = useState<Provider>('auto');
  const [auth, setAuth] = useState<AuthDraft>(emptyAuthDraft);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  // "Created …" is a passing confirmation: it goes after a few seconds (or at the next keystroke).
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), 6_000);
    return () => clearTimeout(timer);
  }, [done]);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const endpoint = await client.api.createEndpoint({
        name,
        provider,
        ...(auth.kind !== 'none' ? { auth: authInput(auth) } : {}),
      });
      // The secret leaves the page once it is stored: only its masked hint is shown from now on.
      setName('');
      setAuth(emptyAuthDraft);
      setProvider('auto');
      setDone(`Created “${visible(endpoint.name)}”.`);
      onCreated(endpoint);
      nameInput.current?.focus();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel new-endpoint" aria-labelledby="new-endpoint-title" onSubmit={(e) => void submit(e)} onInput={() => setDone(null)} noValidate>
      <h3 id="new-endpoint-title">New endpoint</h3>
      <div class="form-row">
        <div class="field">
          <label for="new-endpoint-name">Name</label>
          <input
            id="new-endpoint-name"
            ref={nameInput}
            type="text"
            value={name}
            maxLength={100}
            placeholder="e.g. soyio staging"
            autocomplete="off"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="new-endpoint-provider">Provider</label>
          <select id="new-endpoint-provider" value={provider} onChange={(e) => setProvider(e.currentTarget.value as Provider)}>
            {providers.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <AuthFields id="new-endpoint-auth" draft={auth} onChange={setAuth} />
        <div class="field actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create endpoint'}
          </button>
        </div>
      </div>
      {auth.kind !== 'none' && (
        <p class="field-hint">
          Every request is stored, with the check’s verdict and why. Signatures are checked over the raw bytes. The secret is never shown again.
        </p>
      )}
      <FormError message={error} />
      {done && (
        <p class="form-ok" role="status">
          {done}
        </p>
      )}
    </form>
  );
}

interface RowProps {
  client: Client;
  endpoint: PublicEndpoint;
  publicUrl: string | null;
  fresh: boolean;
  onChanged(endpoint: PublicEndpoint): void;
  onDeleted(id: string): void;
}

function EndpointRow({ client, endpoint, publicUrl, fresh, onChanged, onDeleted }: RowProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(endpoint.name);
  const [confirm, setConfirm] = useState<'rotate' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [editingAuth, setEditingAuth] = useState(false);
  const [editingRules, setEditingRules] = useState(false);
  const [editingForward, setEditingForward] = useState(false);
  const [authDraft, setAuthDraft] = useState<AuthDraft>(emptyAuthDraft);
  const nameInput = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const cancelConfirm = useRef<HTMLButtonElement>(null);
  const rotateButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const copiedTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const address = endpointAddress(endpoint, publicUrl);
  const name = visible(endpoint.name);
  const ids = `endpoint-${endpoint.id}`;

  useEffect(() => {
    if (editing) nameInput.current?.select();
  }, [editing]);
  useEffect(() => {
    if (confirm) cancelConfirm.current?.focus();
  }, [confirm]);
  useEffect(
    () => () => {
      if (copiedTimer.current) clearTimeout(copiedTimer.current);
    },
    [],
  );

  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const update = (changes: { name?: string; provider?: Provider; enabled?: boolean; notify?: boolean; rotateToken?: boolean }): Promise<boolean> =>
    run(async () => onChanged(await client.api.updateEndpoint({ id: endpoint.id, ...changes })));

  const copy = async (): Promise<void> => {
    setError(null);
    try {
      if (!navigator.clipboard) throw new Error('the clipboard is not available here; select the URL and copy it by hand');
      await navigator.clipboard.writeText(address.url);
      setCopied(true);
      if (copiedTimer.current) clearTimeout(copiedTimer.current);
      copiedTimer.current = setTimeout(() => setCopied(false), 2_000);
    } catch (e) {
      setError(`Could not copy the URL: ${errorMessage(e)}`);
    }
  };

  /** Closes the confirmation and gives the focus back to the button that opened it. */
  const closeConfirm = (): void => {
    const trigger = confirm === 'rotate' ? rotateButton : deleteButton;
    setConfirm(null);
    requestAnimationFrame(() => trigger.current?.focus());
  };

  const startRename = (): void => {
    setDraft(endpoint.name);
    setError(null);
    setConfirm(null);
    setEditing(true);
  };
  const stopRename = (): void => {
    setEditing(false);
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const saveRename = async (): Promise<void> => {
    if (draft === endpoint.name) return stopRename();
    if (await update({ name: draft })) stopRename();
    else nameInput.current?.focus();
  };

  return (
    <li class={`endpoint${endpoint.enabled ? '' : ' disabled'}${fresh ? ' fresh' : ''}`} data-id={endpoint.id} aria-labelledby={`${ids}-name`}>
      <div class="endpoint-head">
        {editing ? (
          <div class="rename">
            <label for={`${ids}-rename`}>New name</label>
            <input
              id={`${ids}-rename`}
              ref={nameInput}
              type="text"
              value={draft}
              maxLength={100}
              autocomplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${ids}-error` : undefined}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void saveRename();
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  e.stopPropagation();
                  setError(null);
                  stopRename();
                }
              }}
            />
            <button type="button" class="primary" disabled={busy} onClick={() => void saveRename()}>
              Save name
            </button>
            <button
              type="button"
              onClick={() => {
                setError(null);
                stopRename();
              }}
            >
              Cancel
            </button>
          </div>
        ) : (
          <h3 id={`${ids}-name`} class="endpoint-name">
            {name}
          </h3>
        )}
        {editing && (
          <span id={`${ids}-name`} class="visually-hidden">
            {name}
          </span>
        )}
        <span class="tag">{endpoint.provider}</span>
        <span class={`tag ${endpoint.enabled ? 'tag-on' : 'tag-off'}`}>{endpoint.enabled ? 'enabled' : 'disabled — answers 403'}</span>
        {!endpoint.notify && <span class="tag tag-off">muted</span>}
      </div>

      <div class="endpoint-url">
        <span class={`tag tag-${address.kind}`}>{address.kind}</span>
        <code class="url" id={`${ids}-url`}>
          {address.url}
        </code>
        <button type="button" aria-label={`Copy URL of ${name}`} onClick={() => void copy()}>
          Copy URL
        </button>
        <span class="copied" role="status">
          {copied ? 'Copied' : ''}
        </span>
      </div>

      <p class="endpoint-auth">{describeAuth(endpoint.auth)}</p>
      <p class="endpoint-rules">
        {rulesSummary(endpoint.rules)}{' '}
        <button type="button" class="link" aria-expanded={editingRules} onClick={() => setEditingRules(!editingRules)}>
          {editingRules ? 'Close rules' : 'Edit rules…'}
        </button>
      </p>
      <p class="endpoint-forward" data-field="forward">
        {describeForward(endpoint.forward)}{' '}
        <button type="button" class="link" aria-expanded={editingForward} onClick={() => setEditingForward(!editingForward)}>
          {editingForward ? 'Close' : 'Forward to…'}
        </button>
      </p>
      {editingForward && (
        <ForwardEditor
          client={client}
          endpoint={endpoint}
          onSaved={(saved) => {
            onChanged(saved);
            setNotice(saved.forward ? 'Forwarding saved: it applies to the next request.' : 'Forwarding stopped.');
          }}
          onClose={() => setEditingForward(false)}
        />
      )}
      <SendSample client={client} endpoint={endpoint} />
      {editingRules && (
        <RulesEditor
          client={client}
          endpoint={endpoint}
          onSaved={(saved) => {
            onChanged(saved);
            setNotice('Rules saved: they apply to the next request.');
          }}
          onClose={() => setEditingRules(false)}
        />
      )}
      {editingAuth && (
        <form
          class="auth-editor"
          aria-label={`Auth check of ${name}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            let auth: AuthInput;
            try {
              auth = authInput(authDraft);
            } catch (err) {
              setError(errorMessage(err));
              return;
            }
            void run(async () => onChanged(await client.api.updateEndpoint({ id: endpoint.id, auth }))).then((ok) => {
              if (ok) {
                setEditingAuth(false);
                setAuthDraft(emptyAuthDraft);
                setNotice('Check saved.');
              }
            });
          }}
        >
          <div class="form-row">
            <AuthFields id={`${ids}-auth`} draft={authDraft} onChange={setAuthDraft} />
            <div class="field actions">
              <button type="submit" class="primary" disabled={busy}>
                Save check
              </button>
              <button
                type="button"
                onClick={() => {
                  setEditingAuth(false);
                  setError(null);
                }}
              >
                Cancel
              </button>
            </div>
          </div>
        </form>
      )}

      <div class="endpoint-actions">
        <label class="inline" for={`${ids}-provider`}>
          Provider
        </label>
        <select
            id={`${ids}-provider`}
            value={endpoint.provider}
            disabled={busy}
            onChange={(e) => {
              const select = e.currentTarget;
              const value = select.value as Provider;
              select.value = endpoint.provider; // shown from the saved endpoint, not the pending choice
              void update({ provider: value });
            }}
          >
            {providers.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        <label class="inline switch">
          <input
            id={`${ids}-enabled`}
            type="checkbox"
            role="switch"
            checked={endpoint.enabled}
            disabled={busy}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              e.currentTarget.checked = endpoint.enabled;
              void update({ enabled: checked });
            }}
          />{' '}
          Enabled
        </label>
        <label class="inline switch" title="Desktop notifications for failures on this endpoint (the desktop app shows them)">
          <input
            id={`${ids}-notify`}
            type="checkbox"
            role="switch"
            checked={endpoint.notify}
            disabled={busy}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              e.currentTarget.checked = endpoint.notify;
              void update({ notify: checked });
            }}
          />{' '}
          Notify on failures
        </label>
        <span class="spacer" />
        {!editing && (
          <button type="button" ref={renameButton} disabled={busy} onClick={startRename}>
            Rename
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          aria-expanded={editingAuth}
          onClick={() => {
            // Starts from the current scheme (secrets are never sent back, so they are typed again).
            const current = endpoint.auth;
            setAuthDraft({
              ...emptyAuthDraft,
              kind: current.kind,
              ...(current.kind === 'header' ? { header: current.header } : {}),
              ...(current.kind === 'basic' ? { username: current.username } : {}),
              ...(current.kind === 'stripe' || current.kind === 'standard-webhooks' ? { toleranceSeconds: String(current.toleranceSeconds) } : {}),
              ...(current.kind !== 'none' ? { enforce: current.enforce } : {}),
            });
            setEditingAuth(!editingAuth);
          }}
        >
          Change check…
        </button>
        <button type="button" ref={rotateButton} disabled={busy} aria-expanded={confirm === 'rotate'} onClick={() => setConfirm(confirm === 'rotate' ? null : 'rotate')}>
          Rotate token…
        </button>
        <button type="button" ref={deleteButton} class="danger" disabled={busy} aria-expanded={confirm === 'delete'} onClick={() => setConfirm(confirm === 'delete' ? null : 'delete')}>
          Delete…
        </button>
      </div>

      {confirm && (
        <div
          class="confirm"
          role="alertdialog"
          aria-labelledby={`${ids}-confirm`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              closeConfirm();
            }
          }}
        >
          <p id={`${ids}-confirm`}>
            {confirm === 'rotate' ? (
              <>
                Rotate the token of “{name}”? It gets a new URL, and the old URL stops working at once: update your provider.
              </>
            ) : (
              <>Delete the endpoint “{name}”? Its URL stops working; its captured events stay in the feed.</>
            )}
          </p>
          <button
            type="button"
            class={confirm === 'delete' ? 'danger-solid' : 'primary'}
            disabled={busy}
            onClick={() => {
              if (confirm === 'rotate') {
                void update({ rotateToken: true }).then((ok) => {
                  closeConfirm();
                  if (ok) setNotice('Token rotated: the URL above is the new one.');
                });
              } else {
                void run(async () => {
                  await client.api.deleteEndpoint({ id: endpoint.id });
                  onDeleted(endpoint.id);
                }).then((ok) => {
                  if (!ok) closeConfirm();
                });
              }
            }}
          >
            {confirm === 'rotate' ? 'Rotate token' : 'Delete endpoint'}
          </button>
          <button
            type="button"
            ref={cancelConfirm}
            onClick={closeConfirm}
          >
            Cancel
          </button>
        </div>
      )}

      {error && (
        <p class="form-error" id={`${ids}-error`} role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="form-ok" role="status">
          {notice}
        </p>
      )}
    </li>
  );
}
