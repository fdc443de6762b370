// The ngrok authtoken: paste it once, see only a masked hint afterwards. The token goes to the engine and is
// never read back; "remember" keeps it encrypted by the system keychain where the desktop app has one.
import { useState } from 'preact/hooks';
import type { Client, Status } from '../client';
import { FormError } from './FormError';
import { errorMessage } from '../format';

type Setup = Status['tunnelSetup'];

const sourceWords: Record<NonNullable<Setup['authtoken']>['source'], string> = {
  startup: 'from NGROK_AUTHTOKEN or --ngrok-authtoken-file',
  saved: 'saved, encrypted',
  session: 'for this run only',
};


export function TunnelTokenPanel({ client, setup, onChanged }: { client: Client; setup: Setup | null; onChanged(): void }) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, ok: string): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(ok);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const save = (e: Event): void => {
    e.preventDefault();
    void run(async () => {
      await client.api.setTunnelAuthtoken({ authtoken: token, remember });
      setToken(''); // the page keeps no copy
    }, 'Token saved. A started tunnel reconnects with it.');
  };

  const current = setup?.authtoken ?? null;
  const canRemember = setup?.remember.available ?? false;
  return (
    <section class="panel" aria-labelledby="tunnel-token-title">
      <h3 id="tunnel-token-title">Tunnel: ngrok authtoken</h3>
      <p class="field-hint" data-field="token-state">
        {current ? (
          <>
            In use: <code>{current.hint}</code> ({sourceWords[current.source]})
          </>
        ) : (
          'No authtoken yet: the tunnel cannot start.'
        )}
      </p>
      <form onSubmit={save} noValidate aria-label="ngrok authtoken">
        <div class="field">
          <label for="tunnel-token">{current ? 'Replace the authtoken' : 'Authtoken'}</label>
          <input
            id="tunnel-token"
            type="password"
            autocomplete="off"
            spellcheck={false}
            placeholder="paste it from dashboard.ngrok.com"
            value={token}
            onInput={(e) => {
              setToken(e.currentTarget.value);
              setDone(null);
            }}
          />
        </div>
        <div class="field check">
          <label>
            <input type="checkbox" checked={remember && canRemember} disabled={!canRemember} onChange={(e) => setRemember(e.currentTarget.checked)} /> Remember on this
            computer
          </label>
          <span class="field-hint" data-field="remember-note">
            {setup?.remember.note ?? ''}
          </span>
        </div>
        <div class="token-actions">
          <button type="submit" class="primary" disabled={busy}>
            Save token
          </button>
          {current && current.source !== 'startup' && (
            <button type="button" disabled={busy} onClick={() => void run(() => client.api.forgetTunnelAuthtoken({}), 'Token forgotten.')}>
              Forget token
            </button>
          )}
          <span class="form-ok" role="status">
            {done ?? ''}
          </span>
        </div>
        <FormError message={error} />
      </form>
    </section>
  );
}
