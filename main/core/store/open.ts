// Opens the SQLite file: durability pragmas, migrations, and the two bad cases a user can hit —
// a database written by a newer Hookbridge, and a corrupt file — each with a message and a backup.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HookbridgeError } from '../errors';
import { latestSchemaVersion, migrate } from './migrations';

export interface OpenOptions {
  /** How long a write waits for a lock held by another connection before failing. */
  busyTimeoutMs: number;
  /** Stop migrating at this version (tests of older schemas). */
  targetVersion?: number;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Things the user must be told about, e.g. that a corrupt file was moved aside. */
  warnings: string[];
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

export const newDatabasePageSize = 8192;

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function backupPath(file: string, reason: string): string {
  const { dir, name, ext } = path.parse(file);
  return path.join(dir, `${name}.${reason}-${stamp()}${ext}`);
}

function looksLikeSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = fs.readSync(fd, head, 0, 16, 0);
    return read === 0 || head.equals(sqliteMagic);
  } finally {
    fs.closeSync(fd);
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

/** Moves the database and its WAL side files aside; returns where the main file went. */
function moveAside(file: string, reason: string): string {
  const target = backupPath(file, reason);
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

function configure(db: Database.Database, options: OpenOptions): void {
  // Read the version before anything that writes (journal_mode = WAL does): a database from a newer
  // Hookbridge must stay exactly as it is.
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > latestSchemaVersion) {
    throw new HookbridgeError(
      'DB_TOO_NEW',
      `This database was written by a newer Hookbridge (schema version ${version}; this version knows up to ${latestSchemaVersion}). ` +
        'Upgrade Hookbridge, or start with another --data-dir.',
      { version, supported: latestSchemaVersion },
    );
  }
  // A new database gets 8 KiB pages (only possible before its first table): a captured request is typically a
  // 1–3 KB row, and with SQLite's default 4 KiB pages a row just over half a page takes a page of its own.
  // Measured on the LOX24 seed example: 4.7 → 2.8 KB per row and 64 → 57 µs per insert. An existing
  // database keeps its page size (changing it would need a VACUUM of the whole file).
  if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma(`page_size = ${newDatabasePageSize}`);
  // WAL + NORMAL: a committed transaction survives a crash of this process (the OS holds the pages);
  // the last transactions before a power cut may be lost. README states this.
  db.pragma('journal_mode = WAL');
  configureConnection(db, options.busyTimeoutMs);
  migrate(db, options.targetVersion);
  // Reading the schema touches every page of sqlite_master: a mangled file fails here, not on the first webhook.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
}

/** What every connection that writes sets (the main thread's and the writer thread's; journal_mode is the file's). */
export function configureConnection(db: Database.Database, busyTimeoutMs: number): void {
  db.pragma('synchronous = NORMAL');
  // A WAL that grew under load (up to the checkpoint backstop, ~40 MB) is cut back to this when it is recycled.
  db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
}

/**
 * Creates the database file owner-only before SQLite opens it: SQLite would create it with the default umask,
 * and gives its -wal and -shm files the same mode as the database file.
 */
function createPrivately(file: string): void {
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
}

export function openDatabase(file: string, options: OpenOptions): OpenedDatabase {
  const warnings: string[] = [];
  if (fs.existsSync(file) && !looksLikeSqlite(file)) {
    const moved = moveAside(file, 'corrupt');
    warnings.push(`The database ${file} was not a SQLite file. It was moved to ${moved} and a new, empty database was started.`);
  }

  createPrivately(file);
  let db = new Database(file, { timeout: options.busyTimeoutMs });
  try {
    configure(db, options);
  } catch (error) {
    db.close();
    if (error instanceof HookbridgeError && error.code === 'DB_TOO_NEW') {
      const copy = backupPath(file, 'newer');
      fs.copyFileSync(file, copy);
      throw new HookbridgeError(error.code, `${error.message} The file was left as it is; a copy is at ${copy}.`, error.details);
    }
    if (!isCorruption(error)) throw error;
    const moved = moveAside(file, 'corrupt');
    warnings.push(`The database ${file} was corrupt (${(error as Error).message}). It was moved to ${moved} and a new, empty database was started.`);
    createPrivately(file);
    db = new Database(file, { timeout: options.busyTimeoutMs });
    configure(db, options);
  }
  return { db, warnings };
}
