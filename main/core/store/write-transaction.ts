// The one way the store opens a transaction that writes. BEGIN IMMEDIATE takes the write lock first, waiting up
// to the busy timeout; a deferred transaction (better-sqlite3's default) that reads before it writes — a duplicate
// lookup, an indexer slice, "the oldest unpinned rows" — fails at once with SQLITE_BUSY, without waiting, whenever
// another connection committed in between (its snapshot is stale). Measured: 187 of 600 webhooks answered 500
// while a second process wrote to the database (test/core/store/other-writer.test.ts).
import type { Database } from 'better-sqlite3';

export function writeTransaction<Args extends unknown[], Result>(db: Database, fn: (...args: Args) => Result): (...args: Args) => Result {
  const transaction = db.transaction(fn);
  return (...args) => transaction.immediate(...args);
}
