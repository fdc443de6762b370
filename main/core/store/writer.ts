// The store's writer thread, seen from the main thread. Webhooks are turned into rows where they arrive (the
// main thread: parsing, describing, answering); the inserts, their commits, the alert decisions kept with them
// and the full-text indexer run on a thread of their own with its own SQLite connection (writer-worker.ts), so
// a commit no longer stalls every connection the ingress holds. One batch is with the thread at a time; rows
// that arrive meanwhile wait here and go together as the next one (under load, at least gatherMs after the
// last), so each commit takes all of them: fewer, larger transactions and messages. The promises stay: each
// caller hears back only after its row is committed, and one SQLite error costs only the rows it hit. If the thread cannot
// start or stops, writes go back to the main thread's connection; rows whose batch was with a thread that died
// are answered with a store error (a 500: the sender retries), never with a 2xx that nothing backs.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { HookbridgeError, type ErrorCode } from '../errors';
import type { AlertDecision } from '../model';
import type { BatchWriter } from './group-commit';
import type { Inserted, NewRequest } from './requests';
import type { PreparedRow, Written } from './row-writer';
import type { PruneTarget, Store } from './store';

export interface WriterWorkerData {
  file: string;
  busyTimeoutMs: number;
}

/** A row that was not written, as it crosses threads (a HookbridgeError does not survive the copy). */
export interface NotWritten {
  error: { code: ErrorCode; message: string };
}

export type AlertDecisions = readonly { id: string; decision: AlertDecision }[];

export type ToWriter =
  | { kind: 'insert'; batch: number; rows: readonly PreparedRow[] }
  | { kind: 'alerts'; decisions: AlertDecisions }
  | { kind: 'autocheckpoint'; pages: number }
  | { kind: 'prune'; job: number; target: PruneTarget }
  | { kind: 'stop' };

export type FromWriter =
  | { kind: 'ready' }
  | { kind: 'written'; batch: number; results: (Written | NotWritten)[] }
  | { kind: 'indexed'; rows: number }
  | { kind: 'pruned'; job: number; deleted: number; error: string | null }
  | { kind: 'failed'; message: string };

export interface WriterOptions {
  /** The built worker script (dist/store-writer.cjs). */
  script: string;
  busyTimeoutMs: number;
  log?: (line: string) => void;
  /** The thread committed something besides the inserts (the search index): the checkpointer may run. */
  onWrote?: () => void;
  /** How long stop() lets the thread finish its queue and close its connection before terminating it (default 5 s). */
  stopGraceMs?: number;
  /** The shortest time between two batches under load (default 10 ms; 0: each as soon as the last is answered). */
  gatherMs?: number;
}

/** The rows of one insertMany call and who waits for them. */
interface Waiting {
  prepared: readonly PreparedRow[];
  resolve(results: (Inserted | HookbridgeError)[]): void;
}

/** Most rows in one message (one transaction on the thread): a long backlog is committed in steps. */
const maxRowsPerMessage = 2_048;

/**
 * Under load, a batch goes to the thread no sooner than this after the one before it, so each commit takes more
 * rows: measured in two alternating runs against the same serve without it (and the main-thread writer), 28 →
 * 47 rows per commit, CPU per webhook −6 to −13 %, p99 −10 to −18 %. After a quiet moment a batch goes at once:
 * a trickle of webhooks waits for nothing.
 */
const defaultGatherMs = 10;

export class StoreWriter implements BatchWriter {
  private worker: Worker | null = null;
  private online = false;
  private nextBatch = 1;
  /** The batch with the thread (at most one: the next one gathers meanwhile, so each commit takes all of it). */
  private inFlight: { batch: number; groups: Waiting[] } | null = null;
  private waiting: Waiting[] = [];
  /** Every insertMany not answered yet, for settled(). */
  private readonly outstanding = new Set<Promise<unknown>>();
  /** The prune the thread is running, if any (one at a time). */
  private pruning: { job: number; done: Promise<number>; resolve(deleted: number): void; reject(error: Error): void } | null = null;
  private nextPrune = 1;
  /** When the last batch went to the thread, and the timer that sends the next once the gathering time is up. */
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private gatherTimer: NodeJS.Timeout | null = null;
  /** stop() was called: what waits goes without gathering. */
  private stopping = false;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: (line: string) => void;
  /** Batches and rows the thread wrote, and how it exited (0: after a clean stop); for tests and the bench. */
  readonly stats = { batches: 0, rows: 0, exitCode: null as number | null };

  private constructor(
    private readonly store: Store,
    private readonly options: WriterOptions,
  ) {
    this.log = options.log ?? ((line) => console.error(line));
  }

  /** Starts the thread; until it says it is ready (and if it never does) the main thread writes as before. */
  static start(store: Store, options: WriterOptions): StoreWriter {
    const writer = new StoreWriter(store, options);
    writer.spawn();
    return writer;
  }

  /** Whether inserts go to the thread (else to the main thread's connection). */
  get running(): boolean {
    return this.online;
  }

  private spawn(): void {
    if (!fs.existsSync(this.options.script)) {
      this.log(`hookbridge: ${this.options.script} is missing; the store writes on the main thread.`);
      return;
    }
    const data: WriterWorkerData = { file: this.store.file, busyTimeoutMs: this.options.busyTimeoutMs };
    const worker = new Worker(this.options.script, { workerData: data });
    this.worker = worker;
    worker.on('message', (message: FromWriter) => this.receive(message));
    worker.on('error', (error) => this.log(`hookbridge: the store's writer thread stopped (${error.message}); writes are back on the main thread.`));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        this.stats.exitCode = code;
        this.online = false;
        this.worker = null;
        this.abandon(code);
        resolve();
      });
    });
  }

  private receive(message: FromWriter): void {
    if (message.kind === 'ready') this.online = true;
    else if (message.kind === 'written') {
      const sent = this.inFlight;
      if (!sent || sent.batch !== message.batch) return;
      this.inFlight = null;
      this.stats.batches++;
      const results = message.results.map((r) => ('error' in r ? new HookbridgeError(r.error.code, r.error.message) : r));
      let at = 0;
      for (const group of sent.groups) {
        const mine = results.slice(at, (at += group.prepared.length));
        this.stats.rows += group.prepared.length;
        group.resolve(this.store.noteWrites(group.prepared, mine));
      }
      this.send();
    } else if (message.kind === 'pruned') {
      const job = this.pruning;
      if (!job || job.job !== message.job) return;
      this.pruning = null;
      // What was deleted counts even when a later slice failed: the rows are gone.
      this.store.notePruned(message.deleted);
      if (message.error === null) job.resolve(message.deleted);
      else job.reject(new Error(message.error));
    } else if (message.kind === 'indexed') this.options.onWrote?.();
    else this.log(`hookbridge: ${message.message}`);
  }

  /**
   * The thread is gone. The batch it never answered may or may not be committed, so no 2xx for it; what it was
   * never given is written here.
   */
  private abandon(code: number): void {
    this.pruning?.reject(new Error(`the store's writer thread stopped (exit code ${code}) during a prune; the next round tries again`));
    this.pruning = null;
    const sent = this.inFlight;
    this.inFlight = null;
    const error = new HookbridgeError('STORE_FAILED', `The store's writer thread stopped (exit code ${code}) before it confirmed this request. Retry it; capture goes on.`);
    for (const group of sent?.groups ?? []) group.resolve(this.store.noteWrites(group.prepared, group.prepared.map(() => error)));
    const never = this.waiting;
    this.waiting = [];
    for (const group of never) group.resolve(this.store.writePrepared(group.prepared));
  }

  /** Hands the waiting rows to the thread as one batch, unless one is already there (or, under load, was just sent). */
  private send(): void {
    const worker = this.worker;
    if (this.inFlight || !worker || this.waiting.length === 0) return;
    const wait = this.lastSentAt + (this.options.gatherMs ?? defaultGatherMs) - performance.now();
    if (wait > 0 && !this.stopping) {
      this.gatherTimer ??= setTimeout(() => {
        this.gatherTimer = null;
        this.send();
      }, wait);
      return;
    }
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
    this.lastSentAt = performance.now();
    const groups: Waiting[] = [];
    let rows = 0;
    while (this.waiting.length > 0 && (rows === 0 || rows + (this.waiting[0]?.prepared.length ?? 0) <= maxRowsPerMessage)) {
      const group = this.waiting.shift() as Waiting;
      groups.push(group);
      rows += group.prepared.length;
    }
    const batch = this.nextBatch++;
    this.inFlight = { batch, groups };
    worker.postMessage({ kind: 'insert', batch, rows: groups.flatMap((g) => g.prepared) } satisfies ToWriter);
  }

  /** Commits the requests in one transaction, on the thread when it runs; resolves per request once committed (or refused). */
  insertMany(requests: readonly NewRequest[]): (Inserted | HookbridgeError)[] | Promise<(Inserted | HookbridgeError)[]> {
    const worker = this.worker;
    if (!this.online || !worker) return this.store.insertMany(requests);
    const prepared = requests.map((r) => this.store.requests.prepare(r));
    const done = new Promise<(Inserted | HookbridgeError)[]>((resolve) => this.waiting.push({ prepared, resolve }));
    this.outstanding.add(done);
    void done.then(() => this.outstanding.delete(done));
    this.send();
    return done;
  }

  /** Keeps alert decisions with their events: on the thread, in its next transaction; else here, now. */
  setAlerts(decisions: AlertDecisions): void {
    if (this.online && this.worker) this.worker.postMessage({ kind: 'alerts', decisions } satisfies ToWriter);
    else this.store.requests.setAlerts(decisions);
  }

  /**
   * Prunes on the thread, in slices between its commits, until the retention limits hold; resolves with how many
   * events it deleted (the store's count follows). Null when the thread is not running: prune here instead. A
   * prune asked for while one runs gets that one.
   */
  prune(target: PruneTarget): Promise<number> | null {
    const worker = this.worker;
    if (!this.online || !worker) return null;
    if (this.pruning) return this.pruning.done;
    const job = this.nextPrune++;
    let resolve!: (deleted: number) => void;
    let reject!: (error: Error) => void;
    const done = new Promise<number>((res, rej) => ((resolve = res), (reject = rej)));
    this.pruning = { job, done, resolve, reject };
    worker.postMessage({ kind: 'prune', job, target } satisfies ToWriter);
    return done;
  }

  /** The thread's automatic checkpoint threshold, as the checkpointer decides it for the writing connection. */
  setAutoCheckpoint(pages: number): void {
    this.worker?.postMessage({ kind: 'autocheckpoint', pages } satisfies ToWriter);
  }

  /**
   * Resolves once every batch handed to the thread so far is answered; null when none is outstanding. For work
   * that reads "the newest row" and must not miss a row made before it but committed after.
   */
  settled(): Promise<void> | null {
    if (this.outstanding.size === 0) return null;
    return Promise.all(this.outstanding).then(() => undefined);
  }

  /** Lets the thread write what it was given and close its connection; terminates it after the grace period. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const timer = setTimeout(() => void worker.terminate(), this.options.stopGraceMs ?? 5_000);
    // Whatever was handed over is committed (or refused) first; rows still gathering go at once.
    this.stopping = true;
    this.send();
    await this.settled();
    worker.postMessage({ kind: 'stop' } satisfies ToWriter);
    await this.exited;
    clearTimeout(timer);
  }
}
