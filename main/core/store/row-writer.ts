// The insert itself, shared by the writer thread (writer-worker.ts) and the main thread (when that thread is not
// running): a request arrives here already turned into its row on the thread that received it, and only what
// needs the database is decided here — its links to earlier deliveries, its seq, its correlation keys.
import type { Database, Statement } from 'better-sqlite3';
import type { HookbridgeError } from '../errors';
import { DeliveryLinks } from './links';
import { insertRowSql, type NewRow } from './rows';
import { classifyWriteError } from './write-errors';
import { writeTransaction } from './write-transaction';

/** A request as its row (links still empty) and its correlation keys: what travels to the writer. */
export interface PreparedRow {
  row: NewRow;
  keys: readonly string[];
}

/** What one insert decided and got. */
export interface Written {
  seq: number;
  duplicateOf: string | null;
  retryOf: string | null;
}

export class RowWriter {
  private readonly links: DeliveryLinks;
  private readonly insertRow: Statement;
  private readonly insertKey: Statement<[string, number]>;
  private readonly one: (prepared: PreparedRow) => Written;
  private readonly all: (prepared: readonly PreparedRow[]) => Written[];

  constructor(db: Database) {
    this.links = new DeliveryLinks(db);
    this.insertRow = db.prepare(insertRowSql);
    this.insertKey = db.prepare('INSERT OR IGNORE INTO request_keys (key, seq) VALUES (?, ?)');
    // One row, no transaction of its own: the callers below wrap it (a nested transaction would cost a SAVEPOINT per row).
    const insertOne = ({ row, keys }: PreparedRow): Written => {
      // Earlier rows of the same batch are visible here: a duplicate inside one burst is still caught.
      const { duplicateOf, retryOf } = this.links.lookup(row.delivery_key, row.body_hash, row.retry_group);
      const seq = Number(this.insertRow.run({ ...row, duplicate_of: duplicateOf, retry_of: retryOf }).lastInsertRowid);
      for (const key of keys) this.insertKey.run(key, seq);
      return { seq, duplicateOf, retryOf };
    };
    this.one = writeTransaction(db, insertOne);
    this.all = writeTransaction(db, (prepared: readonly PreparedRow[]) => prepared.map(insertOne));
  }

  /** Inserts all rows in one transaction: all are committed, or none (it throws). */
  insertAll(prepared: readonly PreparedRow[]): Written[] {
    return this.all(prepared);
  }

  /** Inserts one row and commits before returning. */
  insert(prepared: PreparedRow): Written {
    return this.one(prepared);
  }

  /**
   * Group commit: all rows in one transaction (one WAL append for the lot). If that transaction fails, each row is
   * tried on its own, so one bad row never costs the others their commit. Per row: what was written, or why not.
   */
  write(prepared: readonly PreparedRow[]): (Written | HookbridgeError)[] {
    try {
      return this.insertAll(prepared);
    } catch (error) {
      if (prepared.length === 1) return [classifyWriteError(error)];
      return prepared.map((p) => {
        try {
          return this.insert(p);
        } catch (single) {
          return classifyWriteError(single);
        }
      });
    }
  }
}
