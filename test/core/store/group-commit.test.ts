// Group commit against a real SQLite file: webhooks that arrive in one turn of the event loop share one
// transaction, each caller hears back only once its own row is committed (a second connection sees it), a bad
// row costs the others nothing, and a batch size of 1 (serve --commit-batch 1, the benchmark's "before")
// commits each on its own.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HookbridgeError } from '../../../main/core/errors';
import { newUlid } from '../../../main/core/ids';
import { GroupCommit } from '../../../main/core/store/group-commit';
import type { NewRequest } from '../../../main/core/store/requests';
import { databaseFileName, Store } from '../../../main/core/store/store';
import { tempDir } from '../../support/app';
import { storedRequest } from '../../support/requests';

let store: Store | undefined;
let reader: Database.Database | undefined;
afterEach(() => {
  reader?.close();
  store?.close();
  reader = undefined;
  store = undefined;
});

function openStore(): { store: Store; endpointId: string; committed: () => number } {
  const dataDir = tempDir();
  store = Store.open(dataDir, { busyTimeoutMs: 1_000 });
  const endpointId = store.endpoints.create({ name: 'default' }).id;
  // Another connection on the same file: what it sees is what survives if Hookbridge dies now.
  reader = new Database(path.join(dataDir, databaseFileName), { readonly: true });
  const count = reader.prepare('SELECT count(*) FROM requests').pluck();
  return { store, endpointId, committed: () => count.get() as number };
}

const webhook = (endpointId: string, n: number, id = newUlid()): NewRequest => storedRequest(endpointId, { name: 'group.probe', n }, { id });

describe('group commit', () => {
  it('commits 100 webhooks of one turn in one transaction, and each caller hears back only after the commit', async () => {
    const { store, endpointId, committed } = openStore();
    const writes = new GroupCommit(store);
    const seenAtResolve: number[] = [];
    const all = Array.from({ length: 100 }, (_, n) => writes.insert(webhook(endpointId, n)).then((inserted) => (seenAtResolve.push(committed()), inserted)));
    expect(committed()).toBe(0); // nothing written while the turn is still queueing
    const inserted = await Promise.all(all);
    expect(writes.stats).toEqual({ batches: 1, requests: 100, largest: 100 });
    expect(new Set(inserted.map((i) => i.seq)).size).toBe(100);
    expect(Math.min(...seenAtResolve)).toBe(100);
  });

  it('with a batch size of 1 commits each webhook in its own transaction', async () => {
    const { store, endpointId, committed } = openStore();
    const writes = new GroupCommit(store, 1);
    const all = Array.from({ length: 20 }, (_, n) => writes.insert(webhook(endpointId, n)));
    expect(committed()).toBe(20); // each one committed as it was handed over
    await Promise.all(all);
    expect(writes.stats).toEqual({ batches: 20, requests: 20, largest: 1 });
  });

  it('splits a burst larger than the batch size into full batches plus the rest', async () => {
    const { store, endpointId, committed } = openStore();
    const writes = new GroupCommit(store, 64);
    await Promise.all(Array.from({ length: 150 }, (_, n) => writes.insert(webhook(endpointId, n))));
    expect(writes.stats).toEqual({ batches: 3, requests: 150, largest: 64 });
    expect(committed()).toBe(150);
  });

  it('rejects only the webhook SQLite refuses; the rest of its batch is committed', async () => {
    const { store, endpointId, committed } = openStore();
    const writes = new GroupCommit(store);
    const taken = newUlid();
    await writes.insert(webhook(endpointId, 0, taken));
    // The same id again breaks the UNIQUE constraint: that one row, not its neighbours.
    const results = await Promise.allSettled([writes.insert(webhook(endpointId, 1)), writes.insert(webhook(endpointId, 2, taken)), writes.insert(webhook(endpointId, 3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = (results[1] as PromiseRejectedResult).reason as unknown;
    expect(refused).toBeInstanceOf(HookbridgeError);
    expect((refused as HookbridgeError).message).toMatch(/\S/);
    expect(committed()).toBe(3);
    expect(store.getHealth().failedWrites).toBe(1);
  });
});
