// The store's upkeep on a real database file: retention follows the inserts, a failed round never throws into
// the ingress, and nothing runs once it stopped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateEvents } from '../../../main/core/describing/generate';
import { Maintenance } from '../../../main/core/maintenance/maintenance';
import { Store, type PruneTarget } from '../../../main/core/store/store';
import { tempDir } from '../../support/app';

let store: Store | undefined;
let upkeep: Maintenance | undefined;
afterEach(() => {
  upkeep?.stop();
  store?.close();
  store = undefined;
  upkeep = undefined;
  vi.restoreAllMocks();
});

/** A store holding 130 generated events whose retention keeps 100: the next prune round deletes 30. */
function overfullStore(): Store {
  const dataDir = tempDir();
  generateEvents({ dataDir, count: 130, seed: 3 });
  const opened = Store.open(dataDir, { busyTimeoutMs: 5_000 });
  opened.updateSettings({ retention: { maxEvents: 100 } });
  return opened;
}

/** Lets the prune that afterInsert scheduled with setImmediate run. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('maintenance', () => {
  it('prunes after every N inserts, not before, and reports what it deleted', async () => {
    store = overfullStore();
    const pruned: number[] = [];
    const wrote = vi.fn();
    upkeep = new Maintenance(store, { retention: { everyInserts: 5, intervalMs: 3_600_000 }, onWrote: wrote, onPruned: () => pruned.push(store?.getRetention().events ?? -1) });
    for (let i = 0; i < 4; i++) upkeep.afterInsert();
    await nextTurn();
    expect(store.requests.count()).toBe(130);
    expect(pruned).toEqual([]);

    upkeep.afterInsert();
    await nextTurn();
    expect(store.requests.count()).toBe(100);
    expect(pruned).toEqual([100]);
    expect(wrote).toHaveBeenCalled();
  });

  it('keeps one prune on the writer thread at a time; a round asked for meanwhile follows it, counting what it deleted', async () => {
    const s = (store = overfullStore()); // 130 events, limit 100
    const asked: PruneTarget[] = [];
    const finishers: ((deleted: number) => void)[] = [];
    // The writer thread's side, held open: it reports deletions like StoreWriter does (the count first).
    const pruneElsewhere = (target: PruneTarget): Promise<number> => {
      asked.push(target);
      return new Promise((resolve) => finishers.push((deleted) => (s.notePruned(deleted), resolve(deleted))));
    };
    const onPruned = vi.fn();
    upkeep = new Maintenance(s, { retention: { everyInserts: 1, intervalMs: 3_600_000 }, onPruned, pruneElsewhere });
    upkeep.afterInsert();
    await nextTurn();
    expect(asked.map((t) => t.overCount)).toEqual([30]);
    upkeep.afterInsert(); // while the first is on the thread: waits, never a second target computed from a stale count
    await nextTurn();
    expect(asked).toHaveLength(1);
    finishers[0]?.(20); // it stopped short (say, Hookbridge was stopping)
    await nextTurn();
    expect(onPruned).toHaveBeenCalledTimes(1);
    expect(asked.map((t) => t.overCount)).toEqual([30, 10]);
  });

  it('prunes once at start, whatever the insert count', () => {
    store = overfullStore();
    const onPruned = vi.fn();
    upkeep = new Maintenance(store, { retention: { everyInserts: 1000, intervalMs: 3_600_000 }, onPruned });
    upkeep.start();
    expect(store.requests.count()).toBe(100);
    expect(onPruned).toHaveBeenCalledTimes(1);
  });

  it('logs a failed prune and keeps going: the ingress that called afterInsert never sees it', async () => {
    store = overfullStore();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(store, 'prune').mockImplementation(() => {
      throw new Error('database is locked');
    });
    upkeep = new Maintenance(store, { retention: { everyInserts: 1, intervalMs: 3_600_000 }, onPruned: () => undefined });
    expect(() => upkeep?.afterInsert()).not.toThrow();
    await nextTurn();
    expect(errors).toHaveBeenCalledWith('hookbridge: retention failed:', 'database is locked');
    expect(store.requests.count()).toBe(130);
  });

  it('does nothing once stopped, even for a prune it had already scheduled', async () => {
    store = overfullStore();
    const onPruned = vi.fn();
    upkeep = new Maintenance(store, { retention: { everyInserts: 1, intervalMs: 3_600_000 }, onPruned });
    upkeep.afterInsert();
    upkeep.stop();
    await nextTurn();
    expect(store.requests.count()).toBe(130);
    expect(onPruned).not.toHaveBeenCalled();
  });
});
