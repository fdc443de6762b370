// Checks captured payloads against the providers' imported OpenAPI descriptions, behind the ingress. A row
// whose provider has a description is inserted "pending" (one small partial index); this loop reads pending
// rows in batches, has the schema worker thread check them, and records what it found. The ingress never
// waits for a check, and the check never runs on its thread unless the worker cannot start (then it runs
// here, in the same batches). Importing a description again re-checks that provider's stored events.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { readableJson, type StoredReadable } from '../bodies';
import { HookbridgeError } from '../errors';
import { SpecChecker } from '../schemas/check';
import { Checkers, type CheckItem, type CheckResult } from '../schemas/checkers';
import { readSpecs, removeSpec, writeSpec } from '../schemas/files';
import { importOpenApi } from '../schemas/import';
import type { FromSchemaWorker, SchemaWorkerData, ToSchemaWorker } from '../schemas/protocol';
import type { OpenApiSpecState, OpenApiSpecSummary } from '../model';
import { summarise } from '../schemas/spec';
import type { Store } from '../store/store';

/** Rows per batch: a batch of GitHub payloads is checked in a few milliseconds once its validators exist. */
const batchSize = 200;
/**
 * While webhooks keep arriving, checks take at most about a tenth of the time (on two cores the worker's CPU
 * is CPU the ingress does not get): after a batch that took T ms, the next waits 9 T (at most a second).
 * When arrivals stop, the backlog is checked back to back.
 */
const busyShare = 0.1;
const maxPauseMs = 1_000;
/** A batch not answered within this time means the worker hangs: it is ended and the main thread takes over. */
const batchWatchdogMs = 120_000;
/** Row ids per slice when a description's stored events are marked for a check (a few ms each). */
const followSliceRows = 5_000;
const followSliceGapMs = 10;

export interface SchemaChecksOptions {
  /** <data folder>/providers/openapi */
  folder: string;
  /** The built worker (dist/schema-worker.cjs); absent or missing: checks run on this thread. */
  script?: string | undefined;
  /** After results were written (the checkpointer's nudge). */
  onWrote?(): void;
  log?(line: string): void;
  /**
   * Resolves once every insert handed to the store's writer thread so far is committed (null: none outstanding).
   * A row prepared before a description arrived, committed after, is then inside the range followed.
   */
  writesSettled?(): Promise<void> | null;
}

interface Runner {
  check(batch: number, items: CheckItem[]): void;
  reload(): void;
  stop(): Promise<void>;
}

export class SchemaChecks {
  private state: OpenApiSpecState;
  private runner: Runner | null = null;
  /** Neither the worker nor this thread could load the checker: no checks until the next start. */
  private checksOff = false;
  private watcher: fs.FSWatcher | null = null;
  private reloadTimer: NodeJS.Timeout | null = null;
  /** The batch with the worker, if any; results of a batch sent before the last reload are dropped (re-read as pending). */
  private inFlight: number | null = null;
  private batches = 0;
  private batchStarted = 0;
  private insertsDuringBatch = 0;
  private pauseTimer: NodeJS.Timeout | null = null;
  /** Descriptions whose stored events are being marked (or cleared), slice by slice; importedAt null: removed. */
  private following: { provider: string; importedAt: number | null; cursor: number; end: number }[] = [];
  private followTimer: NodeJS.Timeout | null = null;
  private reloadedAt = 0;
  private stopped = false;

  constructor(
    private readonly store: Pick<Store, 'requests'>,
    private readonly options: SchemaChecksOptions,
  ) {
    this.state = { folder: options.folder, specs: [], errors: [] };
  }

  start(): void {
    fs.mkdirSync(this.options.folder, { recursive: true, mode: 0o700 });
    // The worker starts with the first rows to check (kick): a folder without descriptions costs no thread.
    this.load();
    try {
      this.watcher = fs.watch(this.options.folder, (_event, file) => {
        if (typeof file === 'string' && file.endsWith('.tmp')) return;
        this.reloadSoon();
      });
      this.watcher.on('error', () => undefined);
    } catch {
      // No watching here: descriptions load at start and on import.
    }
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    if (this.followTimer) clearTimeout(this.followTimer);
    await this.runner?.stop();
    this.runner = null;
  }

  list(): OpenApiSpecState {
    return this.state;
  }

  /** Imports a document (Settings → Providers or `hookbridge providers import-openapi`); a broken one is refused with a sentence. */
  import(input: { fileName: string; content: string; provider?: string | undefined; known: readonly { id: string; label: string }[] }): OpenApiSpecSummary {
    const spec = importOpenApi({ ...input, now: Math.max(Date.now(), this.reloadedAt + 1) });
    // Loaded once before it is saved: a description the validator cannot take is refused, never kept.
    try {
      new SpecChecker(spec);
    } catch (error) {
      throw new HookbridgeError('INVALID_INPUT', `${input.fileName} cannot be used to check payloads: ${(error as Error).message}`);
    }
    writeSpec(this.options.folder, spec);
    this.load();
    this.kick();
    return summarise(spec);
  }

  remove(provider: string): OpenApiSpecState {
    if (!removeSpec(this.options.folder, provider)) throw new HookbridgeError('NOT_FOUND', `No OpenAPI description is imported for ${provider}.`);
    this.load();
    return this.state;
  }

  /** After each stored request: a row may be waiting. */
  afterInsert(): void {
    this.insertsDuringBatch++;
    this.kick();
  }

  private load(): void {
    const { specs, errors } = readSpecs(this.options.folder);
    this.state = { folder: this.options.folder, specs: specs.map(summarise), errors };
    this.reloadedAt = Math.max(this.reloadedAt, ...specs.map((s) => s.importedAt));
    this.store.requests.schemaProviders = new Set(specs.map((s) => s.provider));
    this.runner?.reload();
    this.inFlight = null; // a batch checked against the old descriptions is read again
    this.follow(new Map(specs.map((s) => [s.provider, s.importedAt])));
  }

  /**
   * The stored events of a provider whose description is new or imported again wait for a check; those of a
   * removed one lose theirs. Done in slices of row ids (a million rows are not rewritten in one go on the thread
   * that answers webhooks); the first slice at once, so a small store shows it immediately. The description
   * counts as followed (schema_specs) only once the last slice is done: a stop halfway starts over next time.
   */
  private follow(specs: ReadonlyMap<string, number>): void {
    const settled = this.options.writesSettled?.();
    if (settled) void settled.then(() => this.stopped || this.followFrom(specs));
    else this.followFrom(specs);
  }

  private followFrom(specs: ReadonlyMap<string, number>): void {
    const followed = this.store.requests.followedSchemaSpecs();
    const end = this.store.requests.lastSeq();
    const jobs = new Map(this.following.map((j) => [j.provider, j]));
    for (const [provider, importedAt] of specs) {
      if (followed.get(provider) !== importedAt && jobs.get(provider)?.importedAt !== importedAt) jobs.set(provider, { provider, importedAt, cursor: 0, end });
    }
    for (const provider of followed.keys()) {
      if (!specs.has(provider) && jobs.get(provider)?.importedAt !== null) jobs.set(provider, { provider, importedAt: null, cursor: 0, end });
    }
    for (const [provider, job] of jobs) if (job.importedAt !== null && !specs.has(provider)) jobs.delete(provider);
    this.following = [...jobs.values()];
    this.followSlice();
  }

  private followSlice(): void {
    this.followTimer = null;
    if (this.stopped) return;
    const job = this.following[0];
    if (!job) return;
    try {
      const to = Math.min(job.cursor + followSliceRows, job.end);
      this.store.requests.followSchemaRange(job.provider, job.cursor, to, job.importedAt === null ? 'clear' : 'mark');
      job.cursor = to;
      if (job.cursor >= job.end) {
        this.store.requests.followedSchemaSpec(job.provider, job.importedAt);
        this.following.shift();
      }
      this.options.onWrote?.();
      this.kick();
    } catch (error) {
      this.log(`hookbridge: marking events for OpenAPI checks failed; trying again: ${(error as Error).message}`);
    }
    if (this.following.length > 0) {
      this.followTimer = setTimeout(() => this.followSlice(), followSliceGapMs);
      this.followTimer.unref();
    }
  }

  private reloadSoon(): void {
    if (this.reloadTimer || this.stopped) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      if (this.stopped) return;
      try {
        this.load();
        this.kick();
      } catch (error) {
        this.log(`hookbridge: reading the imported OpenAPI descriptions failed: ${(error as Error).message}`);
      }
    }, 200);
    this.reloadTimer.unref();
  }

  private kick(): void {
    if (this.inFlight !== null || this.pauseTimer !== null || this.stopped || this.checksOff || this.store.requests.schemaProviders.size === 0) return;
    let rows: ReturnType<Store['requests']['schemaPending']>;
    try {
      rows = this.store.requests.schemaPending(batchSize);
    } catch (error) {
      this.log(`hookbridge: reading events to check against OpenAPI descriptions failed: ${(error as Error).message}`);
      return;
    }
    if (rows.length === 0) return;
    let runner: Runner;
    try {
      runner = this.runner ??= this.startRunner();
    } catch (error) {
      this.checksOff = true; // the ingress keeps capturing; the rows stay pending for a later start
      this.log(`hookbridge: OpenAPI checks are off: ${(error as Error).message}`);
      return;
    }
    const items = rows.map((row): CheckItem => {
      const base = { seq: row.seq, provider: row.provider, name: row.name };
      // A handshake or a body cut at the limit is not a payload to check.
      if (row.handshake !== null || row.body_truncated === 1) return base;
      const readable = row.readable === null ? undefined : readableJson(JSON.parse(row.readable) as StoredReadable);
      return readable ? { ...base, value: readable } : { ...base, text: (row.decoded_body ?? row.body).toString('utf8') };
    });
    const batch = ++this.batches;
    this.inFlight = batch;
    this.batchStarted = performance.now();
    this.insertsDuringBatch = 0;
    runner.check(batch, items);
  }

  private done(batch: number, results: CheckResult[] | null, failure?: string): void {
    if (this.inFlight !== batch) return; // descriptions changed meanwhile: those rows are pending again
    this.inFlight = null;
    if (this.stopped) return;
    try {
      // A batch that failed as a whole is recorded as unchecked (null), so one bad row cannot stall the loop.
      const rows = results ?? [];
      if (failure) this.log(`hookbridge: checking events against OpenAPI descriptions failed: ${failure}`);
      this.store.requests.recordSchemaChecks(rows.map((r) => ({ seq: r.seq, check: r.check ? JSON.stringify(r.check) : null })));
      if (rows.length > 0) this.options.onWrote?.();
    } catch (error) {
      this.log(`hookbridge: recording OpenAPI checks failed; they are tried again: ${(error as Error).message}`);
      return;
    }
    // Webhooks arrived while this batch ran: leave the cores to the ingress for a while.
    const pause = this.insertsDuringBatch > 0 ? Math.min(maxPauseMs, ((performance.now() - this.batchStarted) * (1 - busyShare)) / busyShare) : 0;
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = null;
      this.kick();
    }, pause);
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => console.error(l)))(line);
  }

  private startRunner(): Runner {
    const script = this.options.script;
    if (script && fs.existsSync(script)) {
      try {
        return this.workerRunner(script);
      } catch (error) {
        this.log(`hookbridge: the schema worker did not start (${(error as Error).message}); OpenAPI checks run on the main thread.`);
      }
    }
    return this.inlineRunner();
  }

  /** Checks on this thread, one batch per turn of the event loop. */
  private inlineRunner(): Runner {
    const checkers = new Checkers(this.options.folder);
    return {
      check: (batch, items) => setImmediate(() => {
        try {
          this.done(batch, checkers.run(items));
        } catch (error) {
          this.done(batch, items.map((i) => ({ seq: i.seq, check: null })), (error as Error).message);
        }
      }),
      reload: () => checkers.reload(),
      stop: async () => undefined,
    };
  }

  private workerRunner(script: string): Runner {
    const data: SchemaWorkerData = { folder: this.options.folder };
    const worker = new Worker(script, { workerData: data });
    worker.unref();
    let pending: { batch: number; items: CheckItem[] } | null = null;
    let alive = true;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: FromSchemaWorker) => {
      if (watchdog && message.kind !== 'ready' && message.batch === pending?.batch) clearTimeout(watchdog);
      if (message.kind === 'checked') {
        if (message.batch === pending?.batch) pending = null;
        this.done(message.batch, message.results);
      } else if (message.kind === 'failed') {
        const items = pending?.items ?? [];
        pending = null;
        this.done(message.batch, items.map((i) => ({ seq: i.seq, check: null })), message.message);
      }
    });
    const fallBack = (reason: string): void => {
      if (!alive) return;
      alive = false;
      if (watchdog) clearTimeout(watchdog);
      if (this.stopped) return;
      this.log(`hookbridge: the schema worker stopped (${reason}); OpenAPI checks run on the main thread.`);
      try {
        this.runner = this.inlineRunner();
      } catch (error) {
        this.runner = null; // no checks at all, but the ingress keeps capturing
        this.checksOff = true;
        this.log(`hookbridge: OpenAPI checks are off: ${(error as Error).message}`);
      }
      pending = null;
      this.inFlight = null; // the rows of the lost batch are still pending in the store: read again
      this.kick();
    };
    // A batch the worker never answers (a hung validator) ends the worker; the main thread takes over.
    let watchdog: NodeJS.Timeout | null = null;
    const watch = (): void => {
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        this.log('hookbridge: the schema worker did not answer a batch within 2 minutes; restarting the checks on the main thread.');
        void worker.terminate();
      }, batchWatchdogMs);
      watchdog.unref();
    };
    worker.on('error', (error) => fallBack(error.message));
    worker.on('exit', (code) => fallBack(`exit code ${code}`));
    const post = (message: ToSchemaWorker): void => worker.postMessage(message);
    return {
      check: (batch, items) => {
        pending = { batch, items };
        watch();
        post({ kind: 'check', batch, items });
      },
      reload: () => post({ kind: 'reload' }),
      stop: async () => {
        alive = false;
        if (watchdog) clearTimeout(watchdog);
        post({ kind: 'stop' });
        const timer = setTimeout(() => void worker.terminate(), 2_000);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}
