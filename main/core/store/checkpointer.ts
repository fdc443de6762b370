// Moves WAL checkpoints off the thread that commits webhooks. SQLite's writer connection checkpoints by itself
// once the WAL passes `wal_autocheckpoint` pages (1,000 by default, ~4 MB): it copies those pages into the
// database file and syncs it, inside whichever commit crossed the line — a stall of 10–20 ms every few hundred
// webhooks under load. With the worker running, the writer's threshold is raised to a backstop (10,000 pages)
// and the worker's own connection checkpoints shortly after writes. If the worker cannot start or stops, the
// writer's threshold goes back to the default: checkpoints never stop, they only move back to the main thread.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

export interface CheckpointWorkerData {
  file: string;
  minIntervalMs: number;
  busyTimeoutMs: number;
}
export type ToCheckpointWorker = 'nudge' | 'stop';
export type FromCheckpointWorker = { kind: 'ready' } | { kind: 'done'; log: number; checkpointed: number } | { kind: 'failed'; message: string };

/** SQLite's default threshold, used whenever the worker is not running. */
export const defaultAutoCheckpointPages = 1_000;
/** The writer's own threshold while the worker runs: a bound on the WAL if the worker falls behind. */
export const backstopAutoCheckpointPages = 10_000;

/**
 * A checkpoint follows writes at most this often. Each one copies the pages written since the last (a page written
 * many times in between is copied once) and syncs the database file, so fewer of them do less work; at 100 ms the
 * WAL stays within a few megabytes under load. Against 20 ms, the ingest CPU was within this machine's noise in a
 * controlled A/B (README, Performance); 250 ms and 1 s raised p99 (larger syncs).
 */
export const checkpointIntervalMs = 100;

export interface CheckpointerOptions {
  /** The built worker script (dist/checkpoint-worker.cjs). */
  script: string;
  /** The database file. */
  file: string;
  minIntervalMs?: number;
  busyTimeoutMs: number;
  log?: (line: string) => void;
  /** The threshold also applies to another connection that writes (the store's writer thread). */
  onThreshold?: (pages: number) => void;
  /** How long stop() lets the worker close its connection and end before terminating it (default 2 s). */
  stopGraceMs?: number;
}

export class Checkpointer {
  private worker: Worker | null = null;
  private online = false;
  /** A nudge is with the worker and its checkpoint has not reported back. */
  private pending = false;
  /** Something was written while a nudge was pending: one more checkpoint after it. */
  private dirty = false;
  private exited: Promise<void> = Promise.resolve();
  /** Checkpoints the worker ran, and how it exited (0: after a clean stop); for tests. */
  readonly stats = { checkpoints: 0, exitCode: null as number | null };

  private constructor(
    private readonly db: Database,
    private readonly options: CheckpointerOptions,
  ) {}

  /** Starts the worker; until it says it is ready (and if it never does) the writer checkpoints as before. */
  static start(db: Database, options: CheckpointerOptions): Checkpointer {
    const checkpointer = new Checkpointer(db, options);
    checkpointer.spawn();
    return checkpointer;
  }

  get running(): boolean {
    return this.online;
  }

  private spawn(): void {
    const log = this.options.log ?? ((line: string) => console.error(line));
    if (!fs.existsSync(this.options.script)) {
      log(`hookbridge: ${this.options.script} is missing; checkpoints stay on the main thread.`);
      return;
    }
    const data: CheckpointWorkerData = { file: this.options.file, minIntervalMs: this.options.minIntervalMs ?? checkpointIntervalMs, busyTimeoutMs: this.options.busyTimeoutMs };
    const worker = new Worker(this.options.script, { workerData: data });
    this.worker = worker;
    worker.unref(); // never what keeps the process alive
    worker.on('message', (message: FromCheckpointWorker) => {
      if (message.kind === 'ready') {
        this.online = true;
        this.setWriterThreshold(backstopAutoCheckpointPages);
      } else if (message.kind === 'done') {
        this.pending = false;
        if (message.log >= 0) this.stats.checkpoints++;
        if (this.dirty) {
          this.dirty = false;
          this.nudge(); // what was committed during that checkpoint must not wait for the next write
        }
      } else {
        log(`hookbridge: a background checkpoint failed (it is retried after the next write): ${message.message}`);
      }
    });
    worker.on('error', (error) => log(`hookbridge: the checkpoint worker stopped (${error.message}); checkpoints are back on the main thread.`));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        this.stats.exitCode = code;
        this.online = false;
        this.worker = null;
        this.setWriterThreshold(defaultAutoCheckpointPages);
        resolve();
      });
    });
  }

  private setWriterThreshold(pages: number): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${pages}`);
    this.options.onThreshold?.(pages);
  }

  /** Something was committed: the worker checkpoints soon (once per interval, however often this is called). */
  nudge(): void {
    if (!this.online || !this.worker) return;
    if (this.pending) {
      this.dirty = true;
      return;
    }
    this.pending = true;
    this.worker.postMessage('nudge' satisfies ToCheckpointWorker);
  }

  /** Stops the worker (its connection closes first); the writer's threshold is back to the default after. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage('stop' satisfies ToCheckpointWorker);
    const timer = setTimeout(() => void worker.terminate(), this.options.stopGraceMs ?? 2_000);
    await this.exited;
    clearTimeout(timer);
  }
}
