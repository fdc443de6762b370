// One writer per data folder, and where that folder is: the desktop app and `hookbridge serve` must agree on
// it (Electron's userData for the product name) so that either sees the other's history.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir, lockDataDir, lockFileName, makeDataDirPrivate, resolveDataDir, type DataDirLock } from '../../main/core/data-dir';
import { HookbridgeError } from '../../main/core/errors';
import { startTestApp, tempDir, type TestApp } from '../support/app';

const held: DataDirLock[] = [];
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function lock(dataDir: string): DataDirLock {
  const taken = lockDataDir(dataDir);
  held.push(taken);
  return taken;
}

function refusal(dataDir: string): HookbridgeError {
  try {
    lock(dataDir);
  } catch (error) {
    return error as HookbridgeError;
  }
  throw new Error(`lockDataDir(${dataDir}) should have been refused`);
}

function writeLockFile(dataDir: string, content: unknown): void {
  fs.writeFileSync(path.join(dataDir, lockFileName), JSON.stringify(content));
}

function readLockFile(dataDir: string): { pid: number; hostname: string } {
  return JSON.parse(fs.readFileSync(path.join(dataDir, lockFileName), 'utf8')) as { pid: number; hostname: string };
}

/** A child Node process that stays alive until the test ends (or is killed). */
function liveChild(): ReturnType<typeof spawn> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** The pid of a process that has exited: nothing runs under it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid as number;
  await new Promise((resolve) => child.once('exit', resolve));
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

describe('one writer per data folder', () => {
  it('refuses a second lock on the same folder, naming the pid that holds it and suggesting --data-dir', () => {
    const dataDir = tempDir();
    lock(dataDir);

    const error = refusal(dataDir);
    expect(error).toBeInstanceOf(HookbridgeError);
    expect(error.code).toBe('DATA_DIR_LOCKED');
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain(dataDir);
    expect(error.message).toContain('--data-dir');
  });

  it('lets the folder be locked again once the holder releases it', () => {
    const dataDir = tempDir();
    const first = lock(dataDir);
    first.release();
    expect(fs.existsSync(path.join(dataDir, lockFileName))).toBe(false);

    const second = lock(dataDir);
    expect(readLockFile(dataDir).pid).toBe(process.pid);
    expect(refusal(dataDir).code).toBe('DATA_DIR_LOCKED');
    second.release();
  });

  it('refuses a folder another running process holds', async () => {
    const dataDir = tempDir();
    const holder = liveChild();
    await new Promise((resolve) => holder.once('spawn', resolve));
    writeLockFile(dataDir, { pid: holder.pid, hostname: os.hostname(), startedAt: Date.now() });

    const error = refusal(dataDir);
    expect(error.code).toBe('DATA_DIR_LOCKED');
    expect(error.message).toContain(`pid ${holder.pid}`);
    // The refused process must not remove the holder's lock.
    expect(readLockFile(dataDir).pid).toBe(holder.pid);
  });

  it('takes over a lock left by a process that is no longer running (a crash, a kill -9)', async () => {
    const dataDir = tempDir();
    const pid = await deadPid();
    writeLockFile(dataDir, { pid, hostname: os.hostname(), startedAt: Date.now() - 60_000 });

    lock(dataDir);

    expect(readLockFile(dataDir)).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(refusal(dataDir).code).toBe('DATA_DIR_LOCKED');
  });

  it('takes over a lock file that is empty or not JSON (a crash while writing it)', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, lockFileName), '');
    lock(dataDir).release();

    fs.writeFileSync(path.join(dataDir, lockFileName), '{"pid": 12');
    lock(dataDir);
    expect(readLockFile(dataDir).pid).toBe(process.pid);
  });

  it('does not delete a lock another process took after this one was taken over', async () => {
    const dataDir = tempDir();
    const mine = lock(dataDir);
    // Someone decided this process was gone and took the folder.
    const holder = liveChild();
    await new Promise((resolve) => holder.once('spawn', resolve));
    writeLockFile(dataDir, { pid: holder.pid, hostname: os.hostname(), startedAt: Date.now() });

    mine.release();

    expect(readLockFile(dataDir).pid).toBe(holder.pid);
  });

  it('creates the data folder when it does not exist yet', () => {
    const dataDir = path.join(tempDir(), 'nested', 'Hookbridge');
    lock(dataDir);
    expect(fs.existsSync(path.join(dataDir, lockFileName))).toBe(true);
  });
});

describe('which data folder', () => {
  const home = os.homedir();

  it('takes --data-dir over HOOKBRIDGE_DATA_DIR over the default', () => {
    const env = { HOOKBRIDGE_DATA_DIR: '/srv/from-env', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir('/srv/from-flag', env)).toBe(path.resolve('/srv/from-flag'));
    expect(resolveDataDir(undefined, env)).toBe(path.resolve('/srv/from-env'));
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(path.resolve('/xdg/Hookbridge'));
  });

  it('makes a relative --data-dir or HOOKBRIDGE_DATA_DIR absolute against the working directory', () => {
    expect(resolveDataDir('data', {})).toBe(path.join(process.cwd(), 'data'));
    expect(resolveDataDir(undefined, { HOOKBRIDGE_DATA_DIR: 'env-data' })).toBe(path.join(process.cwd(), 'env-data'));
  });

  it('uses $XDG_CONFIG_HOME/Hookbridge on Linux, else ~/.config/Hookbridge (as Electron does)', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/ada/.cfg' }, 'linux')).toBe(path.join('/home/ada/.cfg', 'Hookbridge'));
    expect(defaultDataDir({}, 'linux')).toBe(path.join(home, '.config', 'Hookbridge'));
  });

  it('treats an empty XDG_CONFIG_HOME as unset on Linux (XDG spec, and what Electron does)', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(path.join(home, '.config', 'Hookbridge'));
  });

  it('uses ~/Library/Application Support/Hookbridge on macOS, whatever XDG_CONFIG_HOME says', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin')).toBe(path.join(home, 'Library', 'Application Support', 'Hookbridge'));
  });

  it('uses %APPDATA%\\Hookbridge on Windows, else the roaming AppData under the home folder', () => {
    const appData = 'C:\\Users\\ada\\AppData\\Roaming';
    expect(defaultDataDir({ APPDATA: appData }, 'win32')).toBe(path.join(appData, 'Hookbridge'));
    expect(defaultDataDir({}, 'win32')).toBe(path.join(home, 'AppData', 'Roaming', 'Hookbridge'));
  });
});

describe('a private data folder', () => {
  const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
  });
  async function start(dataDir: string): Promise<TestApp> {
    const app = await startTestApp({}, dataDir);
    apps.push(app);
    return app;
  }

  it('is created owner-only: the folder 0700, the database, its WAL side files and the lock 0600', async () => {
    const dataDir = path.join(tempDir(), 'new', 'Hookbridge');
    const app = await start(dataDir);
    // A webhook makes SQLite write its -wal and -shm files.
    expect((await fetch(app.endpoint.url, { method: 'POST', body: '{"phone":"+4915112345678"}' })).status).toBe(200);
    expect(modeOf(dataDir)).toBe(0o700);
    const files = fs.readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['hookbridge.db', 'hookbridge.db-wal', 'hookbridge.db-shm', lockFileName]));
    // Files 0600; folders inside it (providers/, for your own packs) 0700.
    for (const file of files) {
      const full = path.join(dataDir, file);
      expect({ file, mode: modeOf(full).toString(8) }).toEqual({ file, mode: fs.statSync(full).isDirectory() ? '700' : '600' });
    }
    expect((await app.app.api.getStatus()).warnings).toEqual([]);
  });

  it('an existing folder others could read is tightened at start, and the status says so on that run only', async () => {
    const dataDir = tempDir();
    await (await start(dataDir)).stop();
    apps.length = 0;
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'hookbridge.db'), 0o644);
    fs.mkdirSync(path.join(dataDir, 'secrets'), { mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'secrets', 'old.enc'), 'x', { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'secrets'), 0o755);
    fs.chmodSync(path.join(dataDir, 'secrets', 'old.enc'), 0o644);

    const app = await start(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'hookbridge.db'))).toBe(0o600);
    expect(modeOf(path.join(dataDir, 'secrets'))).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'secrets', 'old.enc'))).toBe(0o600);
    const warnings = (await app.app.api.getStatus()).warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`The data folder ${dataDir} could be read by other users of this computer; Hookbridge made it private`);
    await app.stop();
    apps.length = 0;

    expect((await (await start(dataDir)).app.api.getStatus()).warnings).toEqual([]);
  });

  it('leaves modes alone on Windows, where the profile folder is private by its ACLs', () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o755);
    expect(makeDataDirPrivate(dataDir, 'win32')).toBeNull();
    expect(modeOf(dataDir)).toBe(0o755);
  });
});
