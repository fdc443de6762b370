// Settings → Providers: every provider Hookbridge describes (built in, or your own packs from the data folder),
// the pack files it could not use with the reason, and importing a pack file. A pack is data: it is checked,
// saved into the folder, and never executed. Below, the providers' imported OpenAPI descriptions, whose webhook
// schemas check captured payloads: import one (JSON or YAML), see what it covers, remove it.
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../client';
import { errorMessage, visible } from '../format';
import { loadProviders, useProviders } from '../providers';
import { FormError } from './FormError';

type PackState = Awaited<ReturnType<Client['api']['listProviderPacks']>>;
type SpecState = Awaited<ReturnType<Client['api']['listOpenApiSpecs']>>;

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

  const [specs, setSpecs] = useState<SpecState | null>(null);
  const [specProvider, setSpecProvider] = useState('');
  const [importing, setImporting] = useState(false);
  const [specNotice, setSpecNotice] = useState<string | null>(null);
  const [specProblem, setSpecProblem] = useState<string | null>(null);
  const refreshSpecs = (): void => void client.api.listOpenApiSpecs().then(setSpecs, (e: unknown) => setSpecProblem(errorMessage(e)));
  useEffect(refreshSpecs, [client]);

  const importSpec = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    if (!file) return;
    setSpecProblem(null);
    setSpecNotice(null);
    setImporting(true);
    try {
      const spec = await client.api.importOpenApi({ fileName: file.name, content: await file.text(), ...(specProvider ? { provider: specProvider } : {}) });
      setSpecNotice(`Imported “${spec.title}” for ${spec.provider}: ${spec.webhooks} webhooks. Its events are being checked against it.`);
      refreshSpecs();
    } catch (e) {
      setSpecProblem(errorMessage(e));
    } finally {
      setImporting(false);
      input.value = '';
    }
  };

  const removeSpec = (provider: string): void => {
    setSpecProblem(null);
    setSpecNotice(null);
    client.api.removeOpenApiSpec({ provider }).then(setSpecs, (e: unknown) => setSpecProblem(errorMessage(e)));
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

      <h4 id="openapi-title">OpenAPI descriptions</h4>
      <p class="field-hint">
        A provider that publishes its webhooks in OpenAPI (3.1 <code>webhooks</code> or 3.0 <code>x-webhooks</code>) lets Hookbridge check every payload against the documented schema: issues by JSON path, and fields the description does not list as drift.
      </p>
      {specs && specs.specs.length > 0 && (
        <table class="kv openapi-list" aria-labelledby="openapi-title">
          <tbody>
            {specs.specs.map((spec) => (
              <tr key={spec.provider} data-provider={spec.provider}>
                <th>{visible(spec.provider)}</th>
                <td>
                  “{visible(spec.title)}” {visible(spec.version)} · OpenAPI {visible(spec.openapi)} · {spec.webhooks} webhooks · from <code>{visible(spec.source)}</code>, {new Date(spec.importedAt).toLocaleString()}
                  {spec.warnings.map((w) => (
                    <p key={w} class="field-hint">
                      {visible(w)}
                    </p>
                  ))}
                </td>
                <td>
                  <button type="button" onClick={() => removeSpec(spec.provider)} aria-label={`Remove the OpenAPI description of ${spec.provider}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {specs && specs.errors.length > 0 && (
        <div class="pack-errors" role="alert">
          <ul>
            {specs.errors.map((e) => (
              <li key={e.file}>{visible(e.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="form-row">
        <label for="openapi-provider">Provider it describes</label>
        <select id="openapi-provider" value={specProvider} onChange={(e) => setSpecProvider(e.currentTarget.value)}>
          <option value="">Recognise from the title</option>
          {providers
            .filter((p) => p.id !== 'generic')
            .map((p) => (
              <option key={p.id} value={p.id}>
                {visible(p.label)}
              </option>
            ))}
        </select>
        <input
          id="import-openapi"
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml"
          aria-label="Import an OpenAPI description"
          disabled={importing}
          onChange={(e) => void importSpec(e.currentTarget)}
        />
      </div>
      {importing && <p class="field-hint">Reading the description…</p>}
      {specNotice && (
        <p class="form-ok" role="status">
          {specNotice}
        </p>
      )}
      <FormError message={specProblem} />
    </section>
  );
}
