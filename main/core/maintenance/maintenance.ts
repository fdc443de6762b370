// The store's upkeep behind the ingress: retention (every N inserts and on an interval), the full-text index
// (unless the writer thread keeps it) and redescription of rows written by older provider code (in small slices
// soon after writes), and nudging the checkpointer after each. None of it ever fails a webhook: a failed round is logged and tried again.
import { Redescriber } from '../describing/redescribe';
import { indexBacklogMs, indexIntervalMs, indexSlice } from '../store/search-index';
import { pruneSlice, type PruneTarget, type Store } from '../store/store';

export interface MaintenanceOptions {
  /** A prune round after this many inserts, and at least every intervalMs. */
  retention: { everyInserts: number; intervalMs: number };
  /** Told after rows were written or deleted (the checkpointer), if any. */
  onWrote?(): void;
  /** After a prune deleted something: the status changed. */
  onPruned(): void;
  /** True while the store's writer thread keeps the search index (then this thread does only the re-describing). */
  indexedElsewhere?(): boolean;
  /** Prunes on the store's writer thread; null when it is not running (then the prune runs here). */
  pruneElsewhere?(target: PruneTarget): Promise<number> | null;
}


/** A failed prune is retried on the next round; the ingress keeps working. */
const retentionFailed = (error: unknown): void => console.error('hookbridge: retention failed:', (error as Error).message);

export class Maintenance {
  private readonly redescriber: Redescriber;
  private retentionTimer: NodeJS.Timeout | null = null;
  private indexTimer: NodeJS.Timeout | null = null;
  private insertsSincePrune = 0;
  private pruneScheduled = false;
  /** A prune is on the writer thread: the next round waits for it (its target counts what that one deleted). */
  private pruneRunning = false;
  private pruneWanted = false;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly options: MaintenanceOptions,
  ) {
    this.redescriber = new Redescriber(store);
  }

  /** Catches up with whatever a crash left unindexed, prunes once, then every interval. */
  start(): void {
    this.indexSoon();
    this.prune();
    this.retentionTimer = setInterval(() => this.prune(), this.options.retention.intervalMs);
    this.retentionTimer.unref();
  }

  /** After each stored request. */
  afterInsert(): void {
    this.options.onWrote?.();
    if (!this.options.indexedElsewhere?.()) this.indexSoon();
    if (++this.insertsSincePrune >= this.options.retention.everyInserts && !this.pruneScheduled) {
      this.pruneScheduled = true;
      setImmediate(() => this.prune());
    }
  }

  /** Provider knowledge changed for these providers (a user pack): their stored events are described again, in slices. */
  providersChanged(providers: readonly string[]): void {
    this.redescriber.markStale(providers);
    this.indexSoon();
  }

  stop(): void {
    this.stopped = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.retentionTimer = null;
    this.indexTimer = null;
  }

  /** A prune round now (after the retention limits changed, too); when one runs on the writer thread, right after it. */
  prune(): void {
    this.pruneScheduled = false;
    this.insertsSincePrune = 0;
    if (this.stopped) return;
    if (this.pruneRunning) {
      this.pruneWanted = true;
      return;
    }
    try {
      const limits = this.store.getSettings().retention;
      const target = this.store.pruneTarget(limits);
      if (pruneSlice(target, 0, this.store.usedBytes(), 1) === 0) return; // both limits hold
      const elsewhere = this.options.pruneElsewhere?.(target);
      if (elsewhere) {
        this.pruneRunning = true;
        void elsewhere.then(
          (deleted) => this.pruneFinished(deleted),
          (error: unknown) => this.pruneFinished(0, error),
        );
      } else this.pruned(this.store.prune(limits));
    } catch (error) {
      retentionFailed(error);
    }
  }

  private pruneFinished(deleted: number, error?: unknown): void {
    this.pruneRunning = false;
    if (error === undefined) this.pruned(deleted);
    else retentionFailed(error);
    if (this.pruneWanted) {
      this.pruneWanted = false;
      this.prune();
    }
  }

  private pruned(deleted: number): void {
    if (deleted === 0 || this.stopped) return;
    this.options.onWrote?.();
    this.options.onPruned();
  }

  private indexSoon(delayMs = indexIntervalMs): void {
    if (this.indexTimer || this.stopped) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null;
      if (this.stopped) return;
      try {
        // Old descriptions first (the index then reads the new ones), then whatever is not indexed yet.
        const redescribed = this.redescriber.catchUp(indexSlice);
        const indexed = this.options.indexedElsewhere?.() ? 0 : this.store.requests.searchIndex.catchUp(indexSlice);
        if (redescribed > 0 || indexed > 0) this.options.onWrote?.();
        if (redescribed === indexSlice || indexed === indexSlice) this.indexSoon(indexBacklogMs);
      } catch (error) {
        console.error('hookbridge: indexing for search failed; a search will retry:', (error as Error).message);
      }
    }, delayMs);
  }
}
