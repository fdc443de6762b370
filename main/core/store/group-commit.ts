// Group commit: webhooks that arrive in the same turn of the event loop are committed in one transaction,
// so a burst pays for one WAL append instead of one per request. Each caller still answers only after
// its own row is committed (the promise resolves after the transaction). With the writer thread, the next turn's
// batch is handed over while the previous one is still committing; the thread joins what queued up meanwhile.
import { HookbridgeError } from '../errors';
import type { Inserted, NewRequest } from './requests';
import { classifyWriteError } from './write-errors';

type Results = (Inserted | HookbridgeError)[];

/** The store on this thread (answers at once) or the writer thread (answers once its transaction committed). */
export interface BatchWriter {
  insertMany(requests: readonly NewRequest[]): Results | Promise<Results>;
}

interface Pending {
  request: NewRequest;
  resolve(inserted: Inserted): void;
  reject(error: HookbridgeError): void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  /** Batches committed and requests in them, for the benchmark's report. */
  readonly stats = { batches: 0, requests: 0, largest: 0 };

  constructor(
    private readonly writer: BatchWriter,
    private readonly maxBatch = 512,
  ) {}

  /** Resolves once the row is committed; rejects with the store's error if it was not. */
  insert(request: NewRequest): Promise<Inserted> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        // After this turn's I/O callbacks: every request parsed in this turn joins the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits whatever is queued, now. */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.stats.batches++;
    this.stats.requests += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    const settle = (results: Results): void =>
      batch.forEach((pending, i) => {
        const result = results[i];
        if (result instanceof HookbridgeError) pending.reject(result);
        else if (result) pending.resolve(result);
      });
    const results = this.writer.insertMany(batch.map((p) => p.request));
    if (Array.isArray(results)) settle(results);
    else void results.then(settle, (error: unknown) => batch.forEach((pending) => pending.reject(classifyWriteError(error))));
  }
}
