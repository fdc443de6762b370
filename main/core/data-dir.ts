// Where Hookbridge keeps its data, and the lock that gives one data folder exactly one writer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HookbridgeError } from './errors';
import { processAlive } from './runtime-file';

/** Electron's productName: the app and headless mode must agree on it to share one folder. */
export const appName = 'Hookbridge';

/**
 * The folder Electron's `app.getPath('userData')` gives for our app name, computed without Electron so that
 * `hookbridge serve` and the desktop app see the same history.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), appName);
  // Empty counts as unset (XDG spec; Chromium, and so Electron, does the same).
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), appName);
}

/** `--data-dir` wins, then HOOKBRIDGE_DATA_DIR, then the shared default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.HOOKBRIDGE_DATA_DIR || defaultDataDir(env);
  return path.resolve(chosen);
}

// The folder holds endpoint secrets and people's phone numbers and codes: only its owner may read it.
export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

/**
 * Creates the data folder private (0700), or tightens one that exists with wider modes (made by an older
 * Hookbridge with the default umask, or by hand) and everything in it (files 0600, folders 0700). Returns a
 * sentence for the status when it had to tighten something, else null. POSIX only: on Windows the folder
 * sits in the user's profile, which its ACLs already keep private.
 */
export function makeDataDirPrivate(dataDir: string, platform: NodeJS.Platform = process.platform): string | null {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: privateDirMode });
  } catch (error) {
    throw new HookbridgeError('DATA_DIR_UNUSABLE', `Cannot create the data folder ${dataDir}: ${(error as Error).message}`);
  }
  if (platform === 'win32') return null;
  let tightened = 0;
  const tighten = (target: string, mode: number): void => {
    const stat = fs.lstatSync(target);
    if ((stat.mode & 0o777 & ~mode) === 0) return;
    fs.chmodSync(target, stat.mode & 0o777 & mode);
    tightened++;
  };
  const walk = (dir: string): void => {
    tighten(dir, privateDirMode);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) tighten(full, privateFileMode);
      // Symlinks are left alone: their targets are not ours to change.
    }
  };
  try {
    walk(dataDir);
  } catch (error) {
    throw new HookbridgeError('DATA_DIR_UNUSABLE', `Cannot make the data folder ${dataDir} private: ${(error as Error).message}`);
  }
  return tightened === 0
    ? null
    : `The data folder ${dataDir} could be read by other users of this computer; Hookbridge made it private (only you can read it now: the folder 0700, its files 0600).`;
}

export const lockFileName = 'hookbridge.lock';

interface LockContent {
  pid: number;
  hostname: string;
  startedAt: number;
}

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return null;
    return { pid: parsed.pid, hostname: parsed.hostname, startedAt: Number(parsed.startedAt ?? 0) };
  } catch {
    return null;
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * Takes the folder's lock or refuses with a message naming the process that holds it. A lock left by a
 * process that no longer runs (a crash, a SIGKILL) is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: privateDirMode });
  } catch (error) {
    throw new HookbridgeError('DATA_DIR_UNUSABLE', `Cannot create the data folder ${dataDir}: ${(error as Error).message}`);
  }
  const file = path.join(dataDir, lockFileName);
  const mine: LockContent = { pid: process.pid, hostname: os.hostname(), startedAt: Date.now() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: privateFileMode });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          const current = readLock(file);
          if (current?.pid === mine.pid && current.hostname === mine.hostname) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new HookbridgeError('DATA_DIR_UNUSABLE', `Cannot write the lock file ${file}: ${(error as Error).message}`);
      }
      const holder = readLock(file);
      const held = holder !== null && (holder.hostname !== mine.hostname || processAlive(holder.pid));
      if (held && holder) {
        throw new HookbridgeError(
          'DATA_DIR_LOCKED',
          `Another Hookbridge (pid ${holder.pid} on ${holder.hostname}) is already using ${dataDir}. ` +
            'Stop it first, or pass another --data-dir.',
          { pid: holder.pid },
        );
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new HookbridgeError('DATA_DIR_LOCKED', `Could not take the lock on ${dataDir}; another process keeps creating ${file}.`);
}
