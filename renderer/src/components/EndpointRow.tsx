// One endpoint of the Endpoints page: its name, URL, checks and rules, and what can be done to it. Each
// editor is its own component; the row holds which are open, the answer of the last action, and its busy flag.
import { useRef, useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { visible } from '../format';
import { problemOf, type Problem } from '../problem';
import { AlertRulesEditor, alertRulesSummary } from './AlertRulesEditor';
import { AuthEditor } from './AuthEditor';
import { describeAuth } from './AuthFields';
import { ConfirmAction } from './ConfirmAction';
import { CopyUrl } from './CopyUrl';
import { describeForward, ForwardEditor } from './ForwardEditor';
import { describeHandshakes, HandshakeEditor } from './HandshakeEditor';
import { RenameField } from './RenameField';
import { RulesEditor, rulesSummary } from './RulesEditor';
import { SavedSelect, SavedSwitch } from './SavedControls';
import { SendSample } from './SendSample';
import { providerLabel, useProviders, type ProviderChoice } from '../providers';

type Provider = PublicEndpoint['provider'];
type Changes = { name?: string; provider?: Provider; enabled?: boolean; notify?: boolean; rotateToken?: boolean };
/** The row's editors; any of them can be open at once. */
type Editor = 'rename' | 'auth' | 'rules' | 'alert-rules' | 'forward' | 'handshakes';

/** What an endpoint's provider select offers: detection, then every provider the engine has. */
export function providerOptions(choices: readonly ProviderChoice[]): { value: Provider; label: string }[] {
  return [{ value: 'auto', label: 'auto (detect)' }, ...choices.map((p) => ({ value: p.id, label: p.label }))];
}

/** The URL a provider should call: the public one when there is one, else the local ingress URL. */
export function endpointAddress(endpoint: PublicEndpoint, publicUrl: string | null): { url: string; kind: 'public' | 'local' } {
  if (publicUrl) return { url: `${publicUrl.replace(/\/+$/, '')}/h/${endpoint.token}`, kind: 'public' };
  return { url: endpoint.url, kind: 'local' };
}

export interface EndpointRowProps {
  client: Client;
  endpoint: PublicEndpoint;
  publicUrl: string | null;
  fresh: boolean;
  onChanged(endpoint: PublicEndpoint): void;
  onDeleted(id: string): void;
}

export function EndpointRow({ client, endpoint, publicUrl, fresh, onChanged, onDeleted }: EndpointRowProps) {
  const choices = useProviders();
  const [open, setOpen] = useState<readonly Editor[]>([]);
  const [confirm, setConfirm] = useState<'rotate' | 'delete' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const rotateButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const address = endpointAddress(endpoint, publicUrl);
  const name = visible(endpoint.name);
  const ids = `endpoint-${endpoint.id}`;

  const isOpen = (editor: Editor): boolean => open.includes(editor);
  const toggle = (editor: Editor, on = !isOpen(editor)): void => setOpen((current) => (on ? [...current.filter((e) => e !== editor), editor] : current.filter((e) => e !== editor)));

  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      await action();
      return true;
    } catch (e) {
      setProblem(problemOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const update = (changes: Changes): Promise<boolean> => run(async () => onChanged(await client.api.updateEndpoint({ id: endpoint.id, ...changes })));
  const saved = (message: string) => (endpoint: PublicEndpoint): void => {
    onChanged(endpoint);
    setNotice(message);
  };

  /** Closes the confirmation and gives the focus back to the button that opened it. */
  const closeConfirm = (): void => {
    const trigger = confirm === 'rotate' ? rotateButton : deleteButton;
    setConfirm(null);
    requestAnimationFrame(() => trigger.current?.focus());
  };
  const confirmed = (): void => {
    if (confirm === 'rotate') {
      void update({ rotateToken: true }).then((ok) => {
        closeConfirm();
        if (ok) setNotice('Token rotated: the URL above is the new one.');
      });
    } else {
      void run(async () => {
        await client.api.deleteEndpoint({ id: endpoint.id });
        onDeleted(endpoint.id);
      }).then((ok) => !ok && closeConfirm());
    }
  };

  const renaming = isOpen('rename');
  const stopRename = (): void => {
    setProblem(null);
    toggle('rename', false);
    requestAnimationFrame(() => renameButton.current?.focus());
  };

  return (
    <li class={`endpoint${endpoint.enabled ? '' : ' disabled'}${fresh ? ' fresh' : ''}`} data-id={endpoint.id} aria-labelledby={`${ids}-name`}>
      <div class="endpoint-head">
        {renaming ? (
          <>
            <RenameField id={ids} name={endpoint.name} busy={busy} problem={problem} onSave={(draft) => update({ name: draft })} onClose={stopRename} />
            <span id={`${ids}-name`} class="visually-hidden">
              {name}
            </span>
          </>
        ) : (
          <h3 id={`${ids}-name`} class="endpoint-name">
            {name}
          </h3>
        )}
        <span class="tag">{endpoint.provider === 'auto' ? 'auto' : providerLabel(choices, endpoint.provider)}</span>
        <span class={`tag ${endpoint.enabled ? 'tag-on' : 'tag-off'}`}>{endpoint.enabled ? 'enabled' : 'disabled — answers 403'}</span>
        {!endpoint.notify && <span class="tag tag-off">muted</span>}
      </div>

      <div class="endpoint-url">
        <span class={`tag tag-${address.kind}`}>{address.kind}</span>
        <code class="url" id={`${ids}-url`}>
          {address.url}
        </code>
        <CopyUrl url={address.url} name={name} onError={(message) => setProblem(message ? { message, fields: [] } : null)} />
      </div>

      <p class="endpoint-auth">{describeAuth(endpoint.auth)}</p>
      <p class="endpoint-rules">
        {rulesSummary(endpoint.rules)}{' '}
        <button type="button" class="link" aria-expanded={isOpen('rules')} onClick={() => toggle('rules')}>
          {isOpen('rules') ? 'Close rules' : 'Edit rules…'}
        </button>
      </p>
      <p class="endpoint-alert-rules">
        {alertRulesSummary(endpoint.alertRules)}{' '}
        <button type="button" class="link" aria-expanded={isOpen('alert-rules')} onClick={() => toggle('alert-rules')}>
          {isOpen('alert-rules') ? 'Close alert rules' : 'Edit alert rules…'}
        </button>
      </p>
      {isOpen('alert-rules') && (
        <AlertRulesEditor client={client} endpoint={endpoint} onSaved={saved('Alert rules saved: they apply to the next request.')} onClose={() => toggle('alert-rules', false)} />
      )}
      <p class="endpoint-forward" data-field="forward">
        {describeForward(endpoint.forward)}{' '}
        <button type="button" class="link" aria-expanded={isOpen('forward')} onClick={() => toggle('forward')}>
          {isOpen('forward') ? 'Close' : 'Forward to…'}
        </button>
      </p>
      {isOpen('forward') && (
        <ForwardEditor
          client={client}
          endpoint={endpoint}
          onSaved={(next) => saved(next.forward ? 'Forwarding saved: it applies to the next request.' : 'Forwarding stopped.')(next)}
          onClose={() => toggle('forward', false)}
        />
      )}
      <p class="endpoint-handshakes" data-field="handshakes">
        {describeHandshakes(endpoint.handshakes)}{' '}
        <button type="button" class="link" aria-expanded={isOpen('handshakes')} onClick={() => toggle('handshakes')}>
          {isOpen('handshakes') ? 'Close' : 'Handshakes…'}
        </button>
      </p>
      {isOpen('handshakes') && (
        <HandshakeEditor client={client} endpoint={endpoint} onSaved={saved('Handshake settings saved: they apply to the next request.')} onClose={() => toggle('handshakes', false)} />
      )}
      <SendSample client={client} endpoint={endpoint} />
      {isOpen('rules') && <RulesEditor client={client} endpoint={endpoint} onSaved={saved('Rules saved: they apply to the next request.')} onClose={() => toggle('rules', false)} />}
      {isOpen('auth') && (
        <AuthEditor
          client={client}
          endpoint={endpoint}
          id={ids}
          name={name}
          onSaved={(next) => {
            saved('Check saved.')(next);
            toggle('auth', false);
          }}
          onClose={() => toggle('auth', false)}
        />
      )}

      <div class="endpoint-actions">
        <label class="inline" for={`${ids}-provider`}>
          Provider
        </label>
        <SavedSelect id={`${ids}-provider`} value={endpoint.provider} options={providerOptions(choices)} disabled={busy} onSave={(provider) => void update({ provider })} />
        <SavedSwitch id={`${ids}-enabled`} checked={endpoint.enabled} disabled={busy} label="Enabled" onSave={(enabled) => void update({ enabled })} />
        <SavedSwitch
          id={`${ids}-notify`}
          checked={endpoint.notify}
          disabled={busy}
          title="Desktop notifications for failures on this endpoint (the desktop app shows them)"
          label="Notify on failures"
          onSave={(notify) => void update({ notify })}
        />
        <span class="spacer" />
        {!renaming && (
          <button
            type="button"
            ref={renameButton}
            disabled={busy}
            onClick={() => {
              setProblem(null);
              setConfirm(null);
              toggle('rename', true);
            }}
          >
            Rename
          </button>
        )}
        <button type="button" disabled={busy} aria-expanded={isOpen('auth')} onClick={() => toggle('auth')}>
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
        <ConfirmAction
          key={confirm}
          id={`${ids}-confirm`}
          action={confirm === 'rotate' ? 'Rotate token' : 'Delete endpoint'}
          danger={confirm === 'delete'}
          busy={busy}
          onConfirm={confirmed}
          onCancel={closeConfirm}
        >
          {confirm === 'rotate'
            ? `Rotate the token of “${name}”? It gets a new URL, and the old URL stops working at once: update your provider.`
            : `Delete the endpoint “${name}”? Its URL stops working; its captured events stay in the feed.`}
        </ConfirmAction>
      )}

      {problem && (
        <p class="form-error" id={`${ids}-error`} role="alert">
          {problem.message}
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
