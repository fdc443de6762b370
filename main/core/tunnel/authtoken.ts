// Which ngrok authtoken the tunnel uses, and where it came from: the one given at startup (NGROK_AUTHTOKEN,
// --ngrok-authtoken-file), one saved by the app (encrypted by the SecretStore), or one entered for this run.
// A token entered in the UI replaces the startup one for the run; forgetting it falls back to the startup one.
import { maskSecret } from '../mask';
import type { SecretStore } from '../secrets';
import type { TunnelSetup } from '../model';

type Source = NonNullable<TunnelSetup['authtoken']>['source'];

export class TunnelAuthtoken {
  private value: string | undefined;
  private source: Source | null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly startupToken: string | undefined,
  ) {
    const saved = startupToken ? null : secrets.read('ngrok-authtoken');
    this.value = startupToken ?? saved ?? undefined;
    this.source = startupToken ? 'startup' : saved ? 'saved' : null;
  }

  get current(): string | undefined {
    return this.value;
  }

  /** Uses `token` from now on; `remember` saves it (encrypted) when the secret store can. */
  async set(token: string, remember: boolean): Promise<void> {
    const keep = remember && this.secrets.persistence.persistent;
    // Saved first: a token the keychain refused is not reported as remembered.
    if (keep) await this.secrets.write('ngrok-authtoken', token);
    else await this.secrets.remove('ngrok-authtoken');
    this.value = token;
    this.source = keep ? 'saved' : 'session';
  }

  /** Forgets the entered or saved token; the startup one (if any) is used again. */
  async forget(): Promise<void> {
    await this.secrets.remove('ngrok-authtoken');
    this.value = this.startupToken;
    this.source = this.startupToken ? 'startup' : null;
  }

  view(): Pick<TunnelSetup, 'authtoken' | 'remember'> {
    return {
      authtoken: this.value && this.source ? { source: this.source, hint: maskSecret(this.value) } : null,
      remember: { available: this.secrets.persistence.persistent, note: this.secrets.persistence.note },
    };
  }
}
