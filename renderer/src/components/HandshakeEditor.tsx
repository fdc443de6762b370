// Which registration handshakes an endpoint answers (every documented one, one provider's, or none) and the
// secrets some answers are computed with. Secrets are write-only: the page sees a hint, and a field left empty
// keeps what is saved.
import { useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { handshakeIds, handshakeProviders } from '../../../main/core/handshake-names';
import type { HandshakeId } from '../../../main/core/model';
import { visible } from '../format';
import { problemOf, type Problem } from '../problem';
import { FieldError, invalidProps } from './FieldError';
import { FormError } from './FormError';

type Settings = PublicEndpoint['handshakes'];
type Mode = Settings['mode'];

const secretFields = [
  { key: 'verifyToken', hint: 'verifyTokenHint', label: 'Verify token (Meta, Strava hub.verify_token)' },
  { key: 'zoomSecretToken', hint: 'zoomSecretTokenHint', label: 'Zoom secret token' },
  { key: 'xConsumerSecret', hint: 'xConsumerSecretHint', label: 'X consumer secret (API key secret)' },
] as const;
type SecretKey = (typeof secretFields)[number]['key'];

export function describeHandshakes(settings: Settings): string {
  if (settings.mode === 'off') return 'Handshakes: off — every request is answered as a webhook.';
  if (settings.mode === 'provider' && settings.provider) return `Handshakes: only ${handshakeProviders[settings.provider]}’s.`;
  return 'Handshakes: answers every documented registration handshake (Slack, Microsoft Graph, Meta, Zoom, …).';
}

export function HandshakeEditor({ client, endpoint, onSaved, onClose }: { client: Client; endpoint: PublicEndpoint; onSaved(endpoint: PublicEndpoint): void; onClose(): void }) {
  const current = endpoint.handshakes;
  const [mode, setMode] = useState<Mode>(current.mode);
  const [provider, setProvider] = useState<HandshakeId>(current.provider ?? 'slack');
  const [secrets, setSecrets] = useState<Record<SecretKey, string>>({ verifyToken: '', zoomSecretToken: '', xConsumerSecret: '' });
  const [removed, setRemoved] = useState<ReadonlySet<SecretKey>>(new Set());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = `handshakes-${endpoint.id}`;

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    // A field left empty keeps the saved secret; "Remove" sends null.
    const changes: Partial<Record<SecretKey, string | null>> = {};
    for (const { key } of secretFields) {
      if (removed.has(key)) changes[key] = null;
      else if (secrets[key].trim() !== '') changes[key] = secrets[key].trim();
    }
    try {
      onSaved(await client.api.updateEndpoint({ id: endpoint.id, handshakes: { mode, provider: mode === 'provider' ? provider : null, ...changes } }));
      onClose();
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="handshake-editor" aria-label={`Handshakes of ${visible(endpoint.name)}`} onSubmit={(e) => void submit(e)} noValidate>
      <div class="form-row">
        <div class="field">
          <label for={`${ids}-mode`}>Registration handshakes</label>
          <select id={`${ids}-mode`} value={mode} onChange={(e) => setMode(e.currentTarget.value as Mode)}>
            <option value="documented">Answer every documented handshake</option>
            <option value="provider">Answer only one provider’s</option>
            <option value="off">Off: answer everything as a webhook</option>
          </select>
        </div>
        {mode === 'provider' && (
          <div class="field">
            <label for={`${ids}-provider`}>Provider</label>
            <select id={`${ids}-provider`} value={provider} {...invalidProps(problem, 'handshakes.provider', `${ids}-provider`)} onChange={(e) => setProvider(e.currentTarget.value as HandshakeId)}>
              {handshakeIds.map((id) => (
                <option key={id} value={id}>
                  {handshakeProviders[id]}
                </option>
              ))}
            </select>
            <FieldError problem={problem} path="handshakes.provider" id={`${ids}-provider`} />
          </div>
        )}
      </div>
      {secretFields.map(({ key, hint, label }) => {
        const saved = current[hint];
        const path = `handshakes.${key}`;
        return (
          <div class="field grow" key={key}>
            <label for={`${ids}-${key}`}>{label}</label>
            <div class="form-row">
              <input
                id={`${ids}-${key}`}
                type="password"
                autocomplete="off"
                spellcheck={false}
                value={secrets[key]}
                disabled={removed.has(key)}
                placeholder={removed.has(key) ? 'removed when you save' : saved ? `saved: ${saved} — type to replace` : 'not set'}
                {...invalidProps(problem, path, `${ids}-${key}`)}
                onInput={(e) => setSecrets({ ...secrets, [key]: e.currentTarget.value })}
              />
              {saved && (
                <button type="button" aria-pressed={removed.has(key)} onClick={() => setRemoved(removed.has(key) ? new Set([...removed].filter((k) => k !== key)) : new Set([...removed, key]))}>
                  {removed.has(key) ? 'Keep' : 'Remove'}
                </button>
              )}
            </div>
            <FieldError problem={problem} path={path} id={`${ids}-${key}`} />
          </div>
        );
      })}
      <div class="save-row">
        <button type="submit" class="primary" disabled={busy}>
          Save handshakes
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <FormError message={problem?.message ?? null} />
    </form>
  );
}
