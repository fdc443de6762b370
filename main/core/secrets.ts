// Where the core keeps secrets it must remember (the ngrok authtoken): an interface the shell implements.
// The desktop app encrypts with the OS keychain (main/electron/secret-store.ts); headless mode keeps them in
// memory only, because a plain file would be the very "secret in plain text" we promise never to write.

export type SecretName = 'ngrok-authtoken';

export interface SecretStore {
  /** Whether written secrets survive a restart, and where (or why not), in words for the settings page. */
  readonly persistence: { persistent: boolean; note: string };
  /** The saved value, or null when there is none (or it can no longer be decrypted: see `problem`). */
  read(name: SecretName): string | null;
  /** Rejects with a sentence when the secret could not be saved; the value is then not remembered. */
  write(name: SecretName, value: string): Promise<void>;
  remove(name: SecretName): Promise<void>;
  /** Why the last read found a saved secret it could not use, or null. */
  readonly problem: string | null;
}

/** Secrets for this run only. */
export function memorySecretStore(note: string): SecretStore {
  const values = new Map<SecretName, string>();
  return {
    persistence: { persistent: false, note },
    problem: null,
    read: (name) => values.get(name) ?? null,
    write: async (name, value) => void values.set(name, value),
    remove: async (name) => void values.delete(name),
  };
}
