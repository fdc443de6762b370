// Secrets the app remembers (the ngrok authtoken), encrypted with Electron's safeStorage: the macOS Keychain,
// Windows DPAPI, or libsecret/KWallet on Linux. One file per secret under <userData>/secrets, mode 0600,
// written atomically. Where no real keychain exists (Linux's "basic_text" backend, or none), nothing is
// written: the secret lasts until the app quits, and the settings page says why.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { HookbridgeError } from '../core/errors';
import type { SecretName, SecretStore } from '../core/secrets';

const names: readonly SecretName[] = ['ngrok-authtoken'];

type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

const keychainName: Partial<Record<NodeJS.Platform, string>> = { darwin: 'the macOS Keychain', win32: 'Windows (DPAPI)' };

/** Where safeStorage would keep the key, or why it cannot be trusted with a secret. */
async function availability(safeStorage: SafeStorageApi, platform: NodeJS.Platform): Promise<{ ok: true; keychain: string } | { ok: false; why: string }> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return { ok: false, why: 'This system offers Hookbridge no keychain to encrypt with' };
  if (platform !== 'linux') return { ok: true, keychain: keychainName[platform] ?? 'the system keychain' };
  const backend = safeStorage.getSelectedStorageBackend();
  // basic_text "encrypts" with a hard-coded key: that is plain text with extra steps.
  if (backend === 'basic_text' || backend === 'unknown') {
    return { ok: false, why: 'No keyring (GNOME Keyring or KWallet) is running, so the token could only be stored unencrypted' };
  }
  return { ok: true, keychain: backend === 'gnome_libsecret' ? 'the GNOME keyring (libsecret)' : 'KWallet' };
}

/** Reads every saved secret once (decrypting is async); afterwards reads come from memory. */
export async function openSecretStore(safeStorage: SafeStorageApi, userData: string, platform: NodeJS.Platform = process.platform): Promise<SecretStore> {
  const dir = path.join(userData, 'secrets');
  const fileOf = (name: SecretName): string => path.join(dir, `${name}.enc`);
  const values = new Map<SecretName, string>();
  const available = await availability(safeStorage, platform);
  let problem: string | null = null;

  const write = async (name: SecretName, value: string): Promise<void> => {
    if (!available.ok) throw new HookbridgeError('SECRET_STORE_FAILED', `${available.why}; the token is kept until Hookbridge quits.`);
    try {
      const encrypted = await safeStorage.encryptStringAsync(value);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = `${fileOf(name)}.${process.pid}.tmp`;
      await writeFile(temp, encrypted, { mode: 0o600 });
      await rename(temp, fileOf(name));
    } catch (error) {
      throw new HookbridgeError('SECRET_STORE_FAILED', `The token could not be saved in ${dir}: ${(error as Error).message}. It is used until Hookbridge quits.`);
    }
    values.set(name, value);
    problem = null;
  };

  if (available.ok) {
    for (const name of names) {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(fileOf(name));
      } catch {
        continue; // nothing saved
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
        values.set(name, result);
        if (shouldReEncrypt) await write(name, result).catch(() => undefined);
      } catch {
        // Left on disk: a locked keyring may open again. Entering the token again replaces it.
        problem = `The saved ngrok authtoken could not be decrypted with ${available.keychain} (was the keychain reset or locked?). Enter it again in Settings → Tunnel.`;
      }
    }
  }

  return {
    persistence: available.ok
      ? { persistent: true, note: `Saved encrypted with ${available.keychain}, in ${dir}.` }
      : { persistent: false, note: `${available.why}; an entered token is kept only until Hookbridge quits. NGROK_AUTHTOKEN also works.` },
    get problem() {
      return problem;
    },
    read: (name) => values.get(name) ?? null,
    write,
    async remove(name) {
      values.delete(name);
      await rm(fileOf(name), { force: true });
    },
  };
}
