// The store: one SQLite file in the data folder, its repositories, write health and retention.
import fs from 'node:fs';
import path from 'node:path';
import Database, { type Database as SqliteDatabase } from 'better-sqlite3';
import { HookbridgeError } from '../errors';
import type { Settings } from '../model';
import { DeliveryRepository } from './deliveries';
import { EndpointRepository } from './endpoints';
import { latestSchemaVersion } from './migrations';
import { openDatabase } from './open';
import { RequestRepository, type Inserted, type NewRequest } from './requests';
import { SettingsRepository, type SettingsPatch } from './settings';
import type { PreparedRow, Written } from './row-writer';

export const databaseFileName = 'hookbridge.db';

export interface StoreOptions {
  busyTimeoutMs: number;
}

export interface StoreHealth {
  ok: boolean;
  lastError: { code: string; message: string; at: number } | null;
  failedWrites: number;
}

/** A prune's goal: this many events fewer (at least), and the database under this many bytes. */
export interface PruneTarget {
  overCount: number;
  maxBytes: number;
}

/** Bytes of a database actually in use (free pages left by pruning do not count). */
export function usedBytes(db: SqliteDatabase): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

/** How many of the oldest unpinned events the next prune slice deletes, having deleted `pruned` so far; 0: done. */
export function pruneSlice(target: PruneTarget, pruned: number, bytes: number, batch: number): number {
  const overCount = target.overCount - pruned;
  if (overCount > 0) return Math.min(batch, overCount);
  return bytes > target.maxBytes ? batch : 0;
}

/**
 * One prune slice on a connection (the main thread's or the writer thread's): deletes the oldest unpinned events
 * the slice calls for; how many it deleted (0: the target is met, or everything left is pinned).
 */
export function pruneOnce(db: SqliteDatabase, requests: RequestRepository, target: PruneTarget, pruned: number, batch: number): number {
  const slice = pruneSlice(target, pruned, usedBytes(db), batch);
  return slice > 0 ? requests.pruneOldest(slice) : 0;
}

export interface RetentionReport {
  lastPrunedAt: number | null;
  lastPrunedCount: number;
  totalPruned: number;
}

export class Store {
  readonly endpoints: EndpointRepository;
  readonly requests: RequestRepository;
  /** Replays and forwards of stored requests. */
  readonly deliveries: DeliveryRepository;
  readonly settings: SettingsRepository;
  private cachedSettings: Settings | null = null;
  readonly warnings: string[];
  readonly file: string;
  private eventCount: number;
  private health: StoreHealth = { ok: true, lastError: null, failedWrites: 0 };
  private retention: RetentionReport = { lastPrunedAt: null, lastPrunedCount: 0, totalPruned: 0 };

  private constructor(
    readonly db: SqliteDatabase,
    file: string,
    warnings: string[],
  ) {
    this.file = file;
    this.warnings = warnings;
    this.endpoints = new EndpointRepository(db);
    this.requests = new RequestRepository(db);
    this.deliveries = new DeliveryRepository(db);
    this.settings = new SettingsRepository(db);
    this.eventCount = this.requests.count();
  }

  static open(dataDir: string, options: StoreOptions): Store {
    const file = path.join(dataDir, databaseFileName);
    const { db, warnings } = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
    return new Store(db, file, warnings);
  }

  /**
   * Opens the folder's database for reading only, without the writer's lock: for CLI commands that read what a
   * running serve or app is writing (SQLite's WAL lets readers and one writer share a file).
   */
  static openReadOnly(dataDir: string): Store {
    const file = path.join(dataDir, databaseFileName);
    if (!fs.existsSync(file)) throw new HookbridgeError('NOT_FOUND', `There is no Hookbridge database in ${dataDir}. Start hookbridge serve (or the app) on it first, or pass --data-dir.`);
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== latestSchemaVersion) {
      db.close();
      throw new HookbridgeError(
        version > latestSchemaVersion ? 'DB_TOO_NEW' : 'INVALID_INPUT',
        version > latestSchemaVersion
          ? `The database in ${dataDir} was written by a newer Hookbridge (schema ${version}); upgrade Hookbridge.`
          : `The database in ${dataDir} is from an older Hookbridge (schema ${version}); start hookbridge serve on it once to upgrade it.`,
      );
    }
    return new Store(db, file, []);
  }

  /**
   * Commits one request. Throws a HookbridgeError (STORE_*) when SQLite refuses the write; health records it
   * until a later write succeeds, which is how capture "resumes by itself".
   */
  insertRequest(request: NewRequest): Inserted {
    const [result] = this.insertMany([request]);
    if (!result || result instanceof HookbridgeError) throw result ?? new HookbridgeError('STORE_FAILED', 'Nothing was inserted.');
    return result;
  }

  /**
   * Commits many requests in one transaction on this thread (group commit; see RowWriter.write). Returns, per
   * request, its seq or the error that kept it out.
   */
  insertMany(requests: readonly NewRequest[]): (Inserted | HookbridgeError)[] {
    return this.writePrepared(requests.map((r) => this.requests.prepare(r)));
  }

  /** Commits rows already made (by insertMany, or for a writer thread that is gone) on this thread's connection. */
  writePrepared(prepared: readonly PreparedRow[]): (Inserted | HookbridgeError)[] {
    return this.noteWrites(prepared, this.requests.write(prepared));
  }

  /**
   * What became of prepared rows, written here or by the writer thread: the answers, with the count and write
   * health kept up to date (a failure is remembered until a later write succeeds: capture "resumes by itself").
   */
  noteWrites(prepared: readonly PreparedRow[], results: readonly (Written | HookbridgeError)[]): (Inserted | HookbridgeError)[] {
    const failures = results.filter((r) => r instanceof HookbridgeError);
    const lastFailure = failures.at(-1);
    if (lastFailure) {
      const { code, message } = lastFailure;
      this.health = { ok: false, lastError: { code, message, at: Date.now() }, failedWrites: this.health.failedWrites + failures.length };
    } else if (!this.health.ok) {
      this.health = { ...this.health, ok: true, lastError: null };
    }
    this.eventCount += results.length - failures.length;
    return results.map((result, i) => (result instanceof HookbridgeError ? result : this.requests.inserted(prepared[i] as PreparedRow, result)));
  }

  deleteRequests(ids: readonly string[]): number {
    const deleted = this.requests.delete(ids);
    this.eventCount -= deleted;
    return deleted;
  }

  getHealth(): StoreHealth {
    return this.health;
  }

  getRetention(): RetentionReport & { events: number; databaseBytes: number } {
    return { ...this.retention, events: this.eventCount, databaseBytes: this.usedBytes() };
  }

  /** Cached: the ingress reads it on every webhook. */
  getSettings(): Settings {
    this.cachedSettings ??= this.settings.get();
    return this.cachedSettings;
  }

  updateSettings(patch: SettingsPatch): Settings {
    this.cachedSettings = this.settings.update(patch);
    return this.cachedSettings;
  }

  /** Bytes of the database actually in use (free pages left by pruning do not count). */
  usedBytes(): number {
    return usedBytes(this.db);
  }

  /** What a prune must delete: events over the count limit (0 or more), and the byte limit to get under. */
  pruneTarget(limits: Settings['retention'] = this.getSettings().retention): PruneTarget {
    return { overCount: Math.max(0, this.eventCount - limits.maxEvents), maxBytes: limits.maxDatabaseBytes };
  }

  /**
   * Prunes the oldest unpinned events until both retention limits hold, on this thread. Runs off the ingress hot
   * path, in small transactions so a long prune never holds the write lock for long.
   */
  prune(limits: Settings['retention'] = this.settings.get().retention, batch = 500): number {
    const target = this.pruneTarget(limits);
    let pruned = 0;
    let deleted: number;
    while ((deleted = pruneOnce(this.db, this.requests, target, pruned, batch)) > 0) pruned += deleted;
    return this.notePruned(pruned);
  }

  /** What a prune deleted (here or on the writer thread): the count and the retention report follow. */
  notePruned(pruned: number): number {
    if (pruned > 0) {
      this.eventCount -= pruned;
      this.retention = {
        lastPrunedAt: Date.now(),
        lastPrunedCount: pruned,
        totalPruned: this.retention.totalPruned + pruned,
      };
    }
    return pruned;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
