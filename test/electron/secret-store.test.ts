// The app's secret store: the ngrok authtoken encrypted with safeStorage in a real temp folder.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecretStore } from '../../main/electron/secret-store';
import { FakeSafeStorage } from '../support/electron-mock';
import { tempDir } from '../support/app';

const token = '2abcTESTtokenXYZ_0123456789secret';
const fileIn = (userData: string): string => path.join(userData, 'secrets', 'ngrok-authtoken.enc');

describe('the secret store of the desktop app', () => {
  it('keeps the token encrypted on disk (never in plain text, mode 0600) and reads it back after a restart', async () => {
    const userData = tempDir();
    const safeStorage = new FakeSafeStorage();
    const store = await openSecretStore(safeStorage, userData, 'linux');
    expect(store.persistence).toEqual({ persistent: true, note: expect.stringContaining('GNOME keyring') });

    await store.write('ngrok-authtoken', token);
    const onDisk = readFileSync(fileIn(userData));
    expect(onDisk.includes(Buffer.from(token))).toBe(false);
    expect(onDisk.toString('latin1')).not.toContain(token);
    if (process.platform !== 'win32') expect(statSync(fileIn(userData)).mode & 0o777).toBe(0o600);

    const reopened = await openSecretStore(safeStorage, userData, 'linux');
    expect(reopened.read('ngrok-authtoken')).toBe(token);
    expect(reopened.problem).toBeNull();
  });

  it('writes nothing where Linux offers only the basic_text backend, and says why', async () => {
    const userData = tempDir();
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const store = await openSecretStore(safeStorage, userData, 'linux');
    expect(store.persistence.persistent).toBe(false);
    expect(store.persistence.note).toMatch(/No keyring \(GNOME Keyring or KWallet\) is running/);
    await expect(store.write('ngrok-authtoken', token)).rejects.toThrow(/kept until Hookbridge quits/);
    expect(existsSync(fileIn(userData))).toBe(false);
    expect(safeStorage.encryptions).toBe(0);
  });

  it('writes nothing when encryption is not available at all (macOS without a keychain, say)', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const store = await openSecretStore(safeStorage, tempDir(), 'darwin');
    expect(store.persistence).toEqual({ persistent: false, note: expect.stringContaining('no keychain') });
  });

  it('a token the keychain can no longer decrypt is reported (enter it again), not used, and left on disk', async () => {
    const userData = tempDir();
    const safeStorage = new FakeSafeStorage();
    await (await openSecretStore(safeStorage, userData, 'darwin')).write('ngrok-authtoken', token);
    safeStorage.key = 0x33; // the keychain's key changed
    const store = await openSecretStore(safeStorage, userData, 'darwin');
    expect(store.read('ngrok-authtoken')).toBeNull();
    expect(store.problem).toMatch(/could not be decrypted with the macOS Keychain.*Enter it again in Settings → Tunnel/);
    expect(existsSync(fileIn(userData))).toBe(true);

    await store.write('ngrok-authtoken', 'a-new-token-0123456789');
    expect(store.problem).toBeNull();
  });

  it('remove deletes the file; a later start finds nothing', async () => {
    const userData = tempDir();
    const safeStorage = new FakeSafeStorage();
    const store = await openSecretStore(safeStorage, userData, 'win32');
    await store.write('ngrok-authtoken', token);
    await store.remove('ngrok-authtoken');
    expect(existsSync(fileIn(userData))).toBe(false);
    expect((await openSecretStore(safeStorage, userData, 'win32')).read('ngrok-authtoken')).toBeNull();
  });

  it('a write that cannot reach the disk rejects with a sentence naming the folder, and nothing is remembered', async () => {
    const userData = tempDir();
    writeFileSync(path.join(userData, 'secrets'), 'a file where the folder should be');
    const store = await openSecretStore(new FakeSafeStorage(), userData, 'darwin');
    await expect(store.write('ngrok-authtoken', token)).rejects.toThrow(/could not be saved in .*secrets/);
    expect(store.read('ngrok-authtoken')).toBeNull();
  });
});
