// "Change check…": an endpoint's auth or signature check, edited. It starts from the current scheme; secrets
// are never sent back to the page, so they are typed again.
import { useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { problemOf, type Problem } from '../problem';
import { AuthFields, authInput, emptyAuthDraft, type AuthDraft } from './AuthFields';
import { FormError } from './FormError';

function draftOf(auth: PublicEndpoint['auth']): AuthDraft {
  return {
    ...emptyAuthDraft,
    kind: auth.kind,
    ...(auth.kind === 'header' ? { header: auth.header } : {}),
    ...(auth.kind === 'basic' ? { username: auth.username } : {}),
    ...('toleranceSeconds' in auth ? { toleranceSeconds: String(auth.toleranceSeconds) } : {}),
    ...(auth.kind !== 'none' ? { enforce: auth.enforce } : {}),
  };
}

export interface AuthEditorProps {
  client: Client;
  endpoint: PublicEndpoint;
  /** The form's id prefix. */
  id: string;
  name: string;
  onSaved(endpoint: PublicEndpoint): void;
  onClose(): void;
}

export function AuthEditor({ client, endpoint, id, name, onSaved, onClose }: AuthEditorProps) {
  const [draft, setDraft] = useState<AuthDraft>(() => draftOf(endpoint.auth));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      onSaved(await client.api.updateEndpoint({ id: endpoint.id, auth: authInput(draft) }));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="auth-editor" aria-label={`Auth check of ${name}`} noValidate onSubmit={(e) => void save(e)}>
      <div class="form-row">
        <AuthFields id={`${id}-auth`} draft={draft} onChange={setDraft} problem={problem} />
        <div class="field actions">
          <button type="submit" class="primary" disabled={busy}>
            Save check
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
      <FormError message={problem?.message ?? null} />
    </form>
  );
}
