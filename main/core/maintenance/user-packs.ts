// The user's own provider packs: JSON files in <data folder>/providers/, read when Hookbridge starts and again
// whenever the folder changes. They are data, never executed. Each load says which packs it found and which
// files it could not use (the file and the path of each mistake); stored events a new, changed or removed
// pack may claim are re-described in the background.
import fs from 'node:fs';
import path from 'node:path';
import { HookbridgeError } from '../errors';
import { builtInProviderIds } from '../providers';
import { loadPack, type Pack } from '../providers/packs/format';
import { setUserPacks, userPacks } from '../providers/packs/user';

/** Bounds on what a folder can make Hookbridge read. */
const maxFiles = 100;
const maxFileBytes = 256 * 1024;

export interface UserPackState {
  folder: string;
  packs: { id: string; name: string; file: string }[];
  errors: { file: string; message: string }[];
}

/** Reads every *.json in the folder; a file it cannot use is reported, never fatal. */
export function readUserPacks(folder: string): { packs: Pack[]; state: UserPackState } {
  const state: UserPackState = { folder, packs: [], errors: [] };
  const packs: Pack[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') state.errors.push({ file: folder, message: `The folder cannot be read: ${(error as Error).message}` });
    return { packs, state };
  }
  if (names.length > maxFiles) state.errors.push({ file: folder, message: `More than ${maxFiles} pack files: only the first ${maxFiles} (by name) are read.` });
  for (const file of names.slice(0, maxFiles)) {
    try {
      const full = path.join(folder, file);
      if (fs.statSync(full).size > maxFileBytes) throw new Error(`Provider pack ${file} is larger than ${maxFileBytes / 1024} KiB.`);
      let content: unknown;
      try {
        content = JSON.parse(fs.readFileSync(full, 'utf8'));
      } catch (error) {
        throw new Error(`Provider pack ${file} is not JSON: ${(error as Error).message}`);
      }
      const pack = loadPack(file, content);
      if (builtInProviderIds.has(pack.id)) throw new Error(`Provider pack ${file}: id “${pack.id}” is a built-in provider's; give your pack its own id.`);
      const taken = state.packs.find((p) => p.id === pack.id);
      if (taken) throw new Error(`Provider pack ${file}: id “${pack.id}” is already used by ${taken.file}.`);
      packs.push(pack);
      state.packs.push({ id: pack.id, name: pack.name, file });
    } catch (error) {
      state.errors.push({ file, message: (error as Error).message });
    }
  }
  return { packs, state };
}

/** The ids whose description may change when `before` becomes `after`: added, changed and removed packs, and the fallback's rows. */
function changedIds(before: readonly Pack[], after: readonly Pack[]): string[] {
  const text = (packs: readonly Pack[]): Map<string, string> => new Map(packs.map((p) => [p.id, JSON.stringify(p)]));
  const was = text(before);
  const now = text(after);
  const ids = [...new Set([...was.keys(), ...now.keys()])].filter((id) => was.get(id) !== now.get(id));
  return ids.length === 0 ? [] : ['generic', ...ids];
}

export class UserPacks {
  private watcher: fs.FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private current: UserPackState;

  constructor(
    readonly folder: string,
    /** Stored events of these providers (and the fallback's) should be described again. */
    private readonly onChanged: (providers: string[]) => void,
  ) {
    this.current = { folder, packs: [], errors: [] };
  }

  /** Reads the folder (creating it), and follows its changes. */
  start(): void {
    // Private like the rest of the data folder: packs can name secrets' headers.
    fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    this.reload();
    try {
      this.watcher = fs.watch(this.folder, () => this.reloadSoon());
      this.watcher.on('error', () => undefined); // a folder deleted under us: the next start reads it again
    } catch {
      // No watching on this file system: packs load at start and on import.
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  state(): UserPackState {
    return this.current;
  }

  reload(): UserPackState {
    const before = userPacks();
    const { packs, state } = readUserPacks(this.folder);
    setUserPacks(packs);
    this.current = state;
    const changed = changedIds(before, packs);
    if (changed.length > 0) this.onChanged(changed);
    return state;
  }

  /** Writes a pack file the person chose (Settings → Providers → Import), checked first: a broken pack is refused, not saved. */
  import(fileName: string, content: string): UserPackState {
    const base = path.basename(fileName).replace(/[^\w.-]/g, '_');
    const file = base.endsWith('.json') ? base : `${base}.json`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      throw new HookbridgeError('INVALID_INPUT', `${file} is not JSON: ${(error as Error).message}`);
    }
    let pack: Pack;
    try {
      pack = loadPack(file, parsed);
    } catch (error) {
      throw new HookbridgeError('INVALID_INPUT', (error as Error).message);
    }
    if (builtInProviderIds.has(pack.id)) throw new HookbridgeError('INVALID_INPUT', `Provider pack ${file}: id “${pack.id}” is a built-in provider's; give your pack its own id.`);
    const other = this.current.packs.find((p) => p.id === pack.id && p.file !== file);
    if (other) throw new HookbridgeError('INVALID_INPUT', `Provider pack ${file}: id “${pack.id}” is already used by ${other.file}.`);
    fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(this.folder, file), `${JSON.stringify(parsed, null, 2)}\n`, { mode: 0o600 });
    return this.reload();
  }

  private reloadSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    // Editors write a file in several steps: read once they are done.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reload();
    }, 150);
  }
}
