// The full-text index (FTS5 over event name, summary and body) is derived data, kept off the ingress's
// commit path: committed rows are indexed in large batches shortly afterwards, and always before a text
// search runs, so a search never misses a stored event. After a crash the index catches up from its mark.
import type { Database, Statement } from 'better-sqlite3';
import { readableText, type StoredReadable } from '../bodies';
import { writeTransaction } from './write-transaction';

/** How much of a body is indexed: enough to find ids and phone numbers, bounded for speed. */
const indexedBodyBytes = 64 * 1024;
const markKey = 'search_index_seq';
/**
 * The indexer runs behind the inserts in slices small enough not to hold the write lock for long (500 rows ≈ 5 ms
 * here), and a search always catches up first.
 */
export const indexSlice = 500;
/**
 * Its pace. FTS5 writes one segment per transaction and merges segments as they pile up, so every slice costs a
 * merge share whatever its size: slices every 25 ms held ~100 rows each under load, and the index cost 33–38 µs
 * per row against 25 in full slices (bench rowcost). After new rows the indexer waits `indexIntervalMs`, so that
 * under load a slice is a full one; while a full slice leaves a backlog, the next follows `indexBacklogMs` later
 * (up to 20,000 rows/s, well above what the ingress stores), with the ingress's commits in between.
 */
export const indexIntervalMs = 250;
export const indexBacklogMs = 25;
const vocabTable = 'requests_fts_terms';

interface PendingRow {
  seq: number;
  name: string | null;
  summary: string;
  /** substr() of an empty body is NULL. */
  body: Buffer | null;
  /** What a form, multipart or XML body holds (JSON), read at the ingress; null for other bodies. */
  readable: string | null;
}

/** A form's decoded fields, multipart's text parts and file names — else the body as text (XML's tags and text tokenize as they are). */
function bodyText(row: PendingRow): string {
  const readable = row.readable ? (JSON.parse(row.readable) as StoredReadable) : null;
  if (readable && readable.kind !== 'xml') return readableText(readable).slice(0, indexedBodyBytes);
  return row.body ? Buffer.from(row.body).toString('utf8') : '';
}

export class SearchIndex {
  private readonly pending: Statement<[number, number], PendingRow>;
  private readonly one: Statement<[number], PendingRow>;
  private readonly insert: Statement<[number, string | null, string, string]>;
  private readonly remove: Statement<[number]>;
  private readonly readMark: Statement<[], { value: string }>;
  private readonly writeMark: Statement<[string]>;
  private readonly indexBatch: (limit: number) => number;
  private terms: Statement<[string, string, number], string> | undefined;

  constructor(private readonly db: Database) {
    // The index's vocabulary, for spelling out a prefix. In the temp schema: nothing is written to the file,
    // so read-only connections (the CLI beside a running serve) get it too.
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocabTable} USING fts5vocab(main, requests_fts, row)`);
    this.pending = db.prepare(
      // Correlation keys ride along in the summary column, so "+49 151 …" finds "phone:+49151…".
      `SELECT seq, name, summary || ' ' || coalesce((SELECT group_concat(key, ' ') FROM request_keys k WHERE k.seq = r.seq), '') AS summary,
              substr(coalesce(decoded_body, body), 1, ${indexedBodyBytes}) AS body, readable
       FROM requests r WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
    this.one = db.prepare(
      `SELECT seq, name, summary || ' ' || coalesce((SELECT group_concat(key, ' ') FROM request_keys k WHERE k.seq = r.seq), '') AS summary,
              substr(coalesce(decoded_body, body), 1, ${indexedBodyBytes}) AS body, readable
       FROM requests r WHERE seq = ?`,
    );
    this.insert = db.prepare('INSERT INTO requests_fts (rowid, name, summary, body) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare('DELETE FROM requests_fts WHERE rowid = ?');
    this.readMark = db.prepare(`SELECT value FROM settings WHERE key = '${markKey}'`);
    this.writeMark = db.prepare(
      `INSERT INTO settings (key, value) VALUES ('${markKey}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.indexBatch = writeTransaction(db, (limit: number) => {
      const rows = this.pending.all(this.mark(), limit);
      for (const row of rows) {
        this.insert.run(row.seq, row.name, row.summary, bodyText(row));
      }
      const last = rows.at(-1);
      if (last) this.writeMark.run(String(last.seq));
      return rows.length;
    });
  }

  /**
   * How far the index goes, read inside the caller's write transaction: two connections index (the writer thread
   * behind the ingress, the main thread before a search), and each must see where the other stopped.
   */
  private mark(): number {
    return Number(this.readMark.get()?.value ?? 0);
  }

  /** Indexes committed rows not indexed yet, at most `limit` of them; returns how many it indexed. */
  catchUp(limit = Number.POSITIVE_INFINITY, batch = 2_000): number {
    let indexed = 0;
    while (indexed < limit) {
      // The mark moves only with the batch's commit: a failed commit (a full or failing disk) leaves those rows
      // to the next try instead of skipping them for good.
      const done = this.indexBatch(Math.min(batch, limit - indexed));
      indexed += done;
      if (done === 0) break;
    }
    return indexed;
  }

  /**
   * The indexed terms that start with `prefix`, the word itself included (it may match nothing); null when the
   * prefix is not plain ASCII letters and digits (the tokenizer's folding of anything else is its own business)
   * or when more than `max` terms share it — then the caller asks FTS5 for the prefix as it is.
   */
  termsStartingWith(prefix: string, max = 16): string[] | null {
    if (!/^[A-Za-z0-9]+$/.test(prefix)) return null;
    const word = prefix.toLowerCase();
    // From word + "0", not from the word: the vocabulary counts each term's documents as it goes, and the word's
    // own doclist may be huge (it treats `term > ?` as `>=`). Nothing sorts between: the tokenizer keeps only
    // letters and digits, and every ASCII character below "0" separates tokens.
    this.terms ??= this.db.prepare<[string, string, number], string>(`SELECT term FROM temp.${vocabTable} WHERE term >= ? AND term < ? ORDER BY term LIMIT ?`).pluck();
    const others = this.terms.all(`${word}0`, `${word}\u{10FFFF}`, max).filter((term) => term.startsWith(word));
    return others.length >= max ? null : [word, ...others];
  }

  /** Re-indexes one row whose description changed (inside the caller's transaction). */
  reindex(seq: number): void {
    if (seq > this.mark()) return; // not indexed yet: the indexer will read the new description
    this.remove.run(seq);
    const row = this.one.get(seq);
    if (row) this.insert.run(row.seq, row.name, row.summary, bodyText(row));
  }

  /** Forgets a row (inside the caller's transaction). Rows beyond the mark were never indexed. */
  forget(seq: number): void {
    if (seq <= this.mark()) this.remove.run(seq);
  }
}
