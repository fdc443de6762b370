// Settings → Providers: every provider Hookbridge describes (built in, or your own packs from the data folder),
// the pack files it could not use with the reason, and importing a pack file. A pack is data: it is checked,
// saved into the folder, and never executed.
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../client';
import { errorMessage, visible } from '../format';
import { loadProviders, useProviders } from '../providers';
import { FormError } from './FormError';

type PackState = Awaited<ReturnType<Client['api']['listProviderPacks']>>;

export function ProvidersPanel({ client }: { client: Client }) {
  const providers = useProviders();
  const [state, setState] = useState<PackState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = (): void => {
    client.api.listProviderPacks().then(setState, (e: unknown) => setProblem(errorMessage(e)));
    loadProviders(client);
  };
  useEffect(refresh, [client]);

  const importFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setProblem(null);
    setNotice(null);
    try {
      const next = await client.api.importProviderPack({ fileName: file.name, content: await file.text() });
      setState(next);
      loadProviders(client);
      setNotice(`Imported ${file.name}: stored events it claims are being described again.`);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  return (
    <section class="panel" aria-labelledby="providers-title">
      <h3 id="providers-title">Providers</h3>
      <ul class="provider-list">
        {providers.map((p) => (
          <li key={p.id} data-origin={p.origin}>
            {visible(p.label)} <code>{visible(p.id)}</code> {p.origin === 'user' && <span class="tag">your pack</span>}
          </li>
        ))}
      </ul>
      {state && state.errors.length > 0 && (
        <div class="pack-errors" role="alert">
          <p>Pack files that could not be used:</p>
          <ul>
            {state.errors.map((e) => (
              <li key={e.file}>{visible(e.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <label class="field-hint" for="import-pack">
        Your packs live in {state ? <code>{visible(state.folder)}</code> : 'the data folder’s providers/'}; Hookbridge reloads them when they change.
      </label>
      <div class="form-row">
        <input id="import-pack" type="file" accept=".json,application/json" aria-label="Import a provider pack" onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
        <button type="button" onClick={refresh}>
          Reload
        </button>
      </div>
      {notice && (
        <p class="form-ok" role="status">
          {notice}
        </p>
      )}
      <FormError message={problem} />
    </section>
  );
}
