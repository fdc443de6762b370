// The new-endpoint form: a name, a provider, and optionally an auth or signature check. The secret leaves the
// page once it is stored; a refused field shows the engine's message under it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { visible } from '../format';
import { problemOf, type Problem } from '../problem';
import { AuthFields, authInput, emptyAuthDraft, type AuthDraft } from './AuthFields';
import { providerOptions } from './EndpointRow';
import { providerLabel, useProviders } from '../providers';
import { FieldError, invalidProps } from './FieldError';
import { FormError } from './FormError';

type Provider = PublicEndpoint['provider'];

export function NewEndpointForm({ client, onCreated }: { client: Client; onCreated(endpoint: PublicEndpoint): void }) {
  const [name, setName] = useState('');
  const choices = useProviders();
  const [provider, setProvider] = useState<Provider>('auto');
  const [auth, setAuth] = useState<AuthDraft>(emptyAuthDraft);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  /** The signature check the chosen provider signs with, offered (one click) while no check is picked. */
  const suggested = auth.kind === 'none' ? choices.find((p) => p.id === provider)?.signature : undefined;

  // "Created …" is a passing confirmation: it goes after a few seconds (or at the next keystroke).
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), 6_000);
    return () => clearTimeout(timer);
  }, [done]);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const endpoint = await client.api.createEndpoint({ name, provider, ...(auth.kind !== 'none' ? { auth: authInput(auth) } : {}) });
      // The secret leaves the page once it is stored: only its masked hint is shown from now on.
      setName('');
      setAuth(emptyAuthDraft);
      setProvider('auto');
      setDone(`Created “${visible(endpoint.name)}”.`);
      onCreated(endpoint);
      nameInput.current?.focus();
    } catch (err) {
      setProblem(problemOf(err));
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
            {...invalidProps(problem, 'name', 'new-endpoint-name')}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <FieldError problem={problem} path="name" id="new-endpoint-name" />
        </div>
        <div class="field">
          <label for="new-endpoint-provider">Provider</label>
          <select id="new-endpoint-provider" value={provider} onChange={(e) => setProvider(e.currentTarget.value)}>
            {providerOptions(choices).map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {suggested && suggested !== 'header' && (
          <p class="hint suggestion">
            {providerLabel(choices, provider)} signs its webhooks.{' '}
            <button type="button" class="link" onClick={() => setAuth({ ...auth, kind: suggested as AuthDraft['kind'] })}>
              Check its signature
            </button>
          </p>
        )}
        <AuthFields id="new-endpoint-auth" draft={auth} onChange={setAuth} problem={problem} />
        <div class="field actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create endpoint'}
          </button>
        </div>
      </div>
      {auth.kind !== 'none' && (
        <p class="field-hint">Every request is stored, with the check’s verdict and why. Signatures are checked over the raw bytes. The secret is never shown again.</p>
      )}
      <FormError message={problem?.message ?? null} />
      {done && (
        <p class="form-ok" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
