// The requests table's operations: insert (the ingress hot path), feed pages by cursor, counts and activity,
// one event, timelines, pin, delete and prune. Rows map to the model in rows.ts, links to earlier deliveries
// are decided in links.ts, and filters become SQL in search-queries.ts.
import type { Database, Statement } from 'better-sqlite3';
import { HookbridgeError } from '../errors';
import type { AlertDecision, EventFilter, EventSummary, HandshakeHit, Page } from '../model';
import { DeliveryLinks, hashBody } from './links';
import { RowWriter, type PreparedRow, type Written } from './row-writer';
import { insertedSummary, summaryColumns, toRawRequest, toRow, toStoredEvent, toSummary, type Inserted, type NewRequest, type RawRequest, type RequestRow, type SchemaPendingRow, type StoredEvent, type SummaryRow } from './rows';
import { normalizeKey, SearchQueries } from './search-queries';
import { SearchIndex } from './search-index';
import { writeTransaction } from './write-transaction';

export type { Inserted, NewRequest, RawRequest, StoredEvent } from './rows';

/** The insert's answer, with the feed row it makes: built after the commit, outside the write lock. */
export const insertedFrom = ({ row }: PreparedRow, { seq, duplicateOf, retryOf }: Written): Inserted => ({
  seq,
  duplicateOf,
  retryOf,
  summary: insertedSummary({ ...row, duplicate_of: duplicateOf, retry_of: retryOf }, seq),
});

/** How many events match a filter, how many of them failed, and the newest seq they were counted through. */
export interface EventCount {
  events: number;
  failed: number;
  throughSeq: number;
}

/** How many of the newest rows' keys stay in memory (between this and twice this). */
const recentKeysKept = 4096;

/**
 * seq → sorted keys of the newest rows, in two generations: when the young one is full it becomes the old one,
 * and the generation before goes all at once. (A Map trimmed from its front one entry at a time cost ~4 µs per
 * row here: V8's Map iteration steps over the holes that deletes leave until the table is rehashed.)
 */
class RecentKeys {
  private young = new Map<number, string[]>();
  private old = new Map<number, string[]>();

  constructor(private readonly kept: number) {}

  get(seq: number): string[] | undefined {
    return this.young.get(seq) ?? this.old.get(seq);
  }

  /** A seq whose keys are replaced is deleted first (replaceKeys); a young entry would shadow an old one anyway. */
  set(seq: number, keys: string[]): void {
    this.young.set(seq, keys);
    if (this.young.size >= this.kept) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(seq: number): void {
    this.young.delete(seq);
    this.old.delete(seq);
  }
}

export class RequestRepository {
  private readonly rows: RowWriter;
  private readonly insertKey: Statement<[string, number]>;
  private readonly detailById: Statement<[string], RequestRow>;
  private readonly seqById: Statement<[string], { seq: number }>;
  private readonly deleteBySeq: Statement<[number]>;
  private readonly setPinned: Statement<[number, string]>;
  private readonly setAlertDecision: Statement<[string, string]>;
  private readonly setHandshakeHit: Statement<[string, string, string]>;
  private readonly countAll: Statement<[], { n: number }>;
  private readonly oldestUnpinned: Statement<[number], { seq: number }>;
  private readonly keysBySeq: Statement<[number], { key: string }>;
  private readonly pageCache = new Map<string, Statement>();
  /** The keys of the newest rows written through this repository. */
  private readonly recentKeys = new RecentKeys(recentKeysKept);
  private readonly dropKeys: Statement<[number]>;
  private readonly queries: SearchQueries;

  /** Full-text search, indexed off the commit path (see search-index.ts). */
  readonly searchIndex: SearchIndex;
  /** Duplicates and retries of earlier deliveries. */
  readonly links: DeliveryLinks;

  private pendingRows: Statement | undefined;
  private recordCheck: Statement | undefined;
  /** Providers with an imported OpenAPI description: their new rows wait for a check against it (maintenance/schema-checks.ts). */
  schemaProviders: ReadonlySet<string> = new Set();

  constructor(private readonly db: Database) {
    this.searchIndex = new SearchIndex(db);
    this.queries = new SearchQueries(this.searchIndex);
    this.links = new DeliveryLinks(db);
    this.rows = new RowWriter(db);
    this.insertKey = db.prepare('INSERT OR IGNORE INTO request_keys (key, seq) VALUES (?, ?)');
    this.detailById = db.prepare('SELECT * FROM requests WHERE id = ?');
    this.seqById = db.prepare('SELECT seq FROM requests WHERE id = ?');
    this.deleteBySeq = db.prepare('DELETE FROM requests WHERE seq = ?');
    this.setPinned = db.prepare('UPDATE requests SET pinned = ? WHERE id = ?');
    // Appended: an event can be decided on twice (when it arrived, and when a forward of it failed).
    this.setAlertDecision = db.prepare("UPDATE requests SET alert = json_insert(coalesce(alert, '[]'), '$[#]', json(?)) WHERE id = ?");
    this.setHandshakeHit = db.prepare('UPDATE requests SET handshake = ?, summary = ? WHERE id = ?');
    this.countAll = db.prepare('SELECT count(*) AS n FROM requests');
    this.oldestUnpinned = db.prepare('SELECT seq FROM requests WHERE pinned = 0 ORDER BY seq LIMIT ?');
    this.keysBySeq = db.prepare('SELECT key FROM request_keys WHERE seq = ? ORDER BY key');
    this.dropKeys = db.prepare('DELETE FROM request_keys WHERE seq = ?');

  }

  /**
   * The row a request becomes, made on the thread that received it; what needs the database (links to earlier
   * rows, the seq) is decided by whoever inserts it (row-writer.ts), here or on the writer thread.
   */
  prepare(request: NewRequest): PreparedRow {
    const d = request.description;
    const links = { bodyHash: d.deliveryKey ? hashBody(request.body) : null, duplicateOf: null, retryOf: null };
    return { row: toRow(request, links, this.schemaProviders.has(d.provider)), keys: d.correlationKeys };
  }

  /** Inserts all requests in one transaction: all are committed, or none (it throws). */
  insertAll(requests: readonly NewRequest[]): Inserted[] {
    const prepared = requests.map((r) => this.prepare(r));
    return this.rows.insertAll(prepared).map((written, i) => this.inserted(prepared[i] as PreparedRow, written));
  }

  /** Inserts one request and commits before returning: the caller may answer 2xx after this. */
  insert(request: NewRequest): Inserted {
    const prepared = this.prepare(request);
    return this.inserted(prepared, this.rows.insert(prepared));
  }

  /** Group commit of prepared rows on this connection (see RowWriter.write). */
  write(prepared: readonly PreparedRow[]): (Written | HookbridgeError)[] {
    return this.rows.write(prepared);
  }

  /** The answer for a row committed (here or by the writer thread); its keys are remembered for keysOf. */
  inserted(prepared: PreparedRow, written: Written): Inserted {
    this.rememberKeys(written.seq, prepared.keys);
    return insertedFrom(prepared, written);
  }

  /** Events and failures per bucket of received time, for the filter's range (empty buckets left out). */
  activity(filter: EventFilter, bucket: 'minute' | 'hour' | 'day', defaultCountryCode: string | null = null) {
    const bucketMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[bucket];
    const where = this.queries.where(filter, null, defaultCountryCode);
    if (!where) return { bucketMs, buckets: [] };
    const buckets = this.statement(
      `SELECT (received_at / ${bucketMs}) * ${bucketMs} AS start, count(*) AS events, coalesce(sum(severity = 'failed'), 0) AS failed
       FROM requests ${where.sql} GROUP BY 1 ORDER BY 1`,
    ).all(...where.params) as { start: number; events: number; failed: number }[];
    return { bucketMs, buckets };
  }

  /**
   * All rows; or those matching a filter, how many of them failed, and the newest seq in the store when counted
   * (a live event with a higher seq is not in this count: a client adds those to it).
   */
  count(): number;
  count(filter: EventFilter, defaultCountryCode?: string | null): EventCount;
  count(filter?: EventFilter, defaultCountryCode: string | null = null): number | EventCount {
    if (!filter) return this.countAll.get()?.n ?? 0;
    const where = this.queries.where(filter, null, defaultCountryCode);
    const newest = '(SELECT coalesce(max(seq), 0) FROM requests)';
    if (!where) return { events: 0, failed: 0, throughSeq: (this.statement(`SELECT ${newest} AS n`).get() as { n: number }).n };
    return this.statement(`SELECT count(*) AS events, coalesce(sum(severity = 'failed'), 0) AS failed, ${newest} AS throughSeq FROM requests ${where.sql}`).get(
      ...where.params,
    ) as EventCount;
  }

  /**
   * One page, newest first. `older` (the default) pages down from `cursor`; `newer` returns the rows just above
   * `cursor` (a feed window that slid down climbs back up), and its nextCursor is the newest seq of the page
   * while still newer rows exist.
   */
  list(filter: EventFilter, cursor: number | null, limit: number, defaultCountryCode: string | null = null, direction: 'older' | 'newer' = 'older'): Page {
    const order = direction === 'older' ? 'DESC' : 'ASC';
    let rows: SummaryRow[];
    if (filter.text !== undefined && Object.keys(filter).every((key) => key === 'text')) {
      // Text alone (the search box): the index walks its own rowids newest first and stops at the page, instead
      // of collecting every match of a common word (a million-event store has hundreds of thousands) first.
      const match = this.queries.ftsMatch(filter.text, defaultCountryCode);
      if (match === null) return { events: [], nextCursor: null };
      const bound = cursor === null ? '' : direction === 'older' ? 'AND rowid < ?' : 'AND rowid > ?';
      const sql = `SELECT ${summaryColumns} FROM requests WHERE seq IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ? ${bound} ORDER BY rowid ${order} LIMIT ?) ORDER BY seq ${order}`;
      rows = this.statement(sql).all(match, ...(cursor === null ? [] : [cursor]), limit + 1) as SummaryRow[];
    } else {
      const where = this.queries.where(filter, cursor, defaultCountryCode, direction);
      if (!where) return { events: [], nextCursor: null };
      const sql = `SELECT ${summaryColumns} FROM requests ${where.sql} ORDER BY seq ${order} LIMIT ?`;
      rows = this.statement(sql).all(...where.params, limit + 1) as SummaryRow[];
    }
    const events = rows.slice(0, limit).map(toSummary);
    const edge = events.at(-1);
    const nextCursor = rows.length > limit && edge ? edge.seq : null;
    return { events: direction === 'older' ? events : events.reverse(), nextCursor };
  }

  /** The request as received, bytes and all: for replays and exports. */
  raw(id: string): RawRequest {
    return toRawRequest(this.row(id));
  }

  /** One event with everything stored; its explanation as the catalogue key the provider chose (api/ words it). */
  get(id: string): StoredEvent {
    const row = this.row(id);
    return toStoredEvent(row, this.keysBySeq.all(row.seq).map((k) => k.key));
  }

  /** Replaces a row's correlation keys (the re-describer, after provider knowledge changed). */
  replaceKeys(seq: number, keys: readonly string[]): void {
    this.recentKeys.delete(seq);
    this.dropKeys.run(seq);
    this.addKeys(seq, keys);
  }

  private addKeys(seq: number, keys: readonly string[]): void {
    for (const key of keys) this.insertKey.run(key, seq);
    this.rememberKeys(seq, keys);
  }

  private rememberKeys(seq: number, keys: readonly string[]): void {
    // The newest rows' keys, kept in memory: `serve --json` prints them for every webhook as it arrives, and
    // reading them back cost 8 % of ingest's CPU (a --cpu-prof of the ingest bench).
    this.recentKeys.set(seq, [...new Set(keys)].sort());
  }

  private row(id: string): RequestRow {
    const row = this.detailById.get(id);
    if (!row) throw new HookbridgeError('NOT_FOUND', `There is no event with id ${id}. It may have been deleted or pruned.`);
    return row;
  }

  /** Every event sharing a correlation key, oldest first. */
  timeline(key: string, limit: number, defaultCountryCode: string | null = null): EventSummary[] {
    const rows = this.statement(
      `SELECT ${summaryColumns} FROM requests WHERE seq IN (SELECT seq FROM request_keys WHERE key = ?) ORDER BY seq ASC LIMIT ?`,
    ).all(normalizeKey(key, defaultCountryCode), limit) as SummaryRow[];
    return rows.map(toSummary);
  }

  pin(id: string, pinned: boolean): void {
    const result = this.setPinned.run(pinned ? 1 : 0, id);
    if (result.changes === 0) throw new HookbridgeError('NOT_FOUND', `There is no event with id ${id}.`);
  }

  /** The correlation keys of the event at `seq`, sorted. */
  keysOf(seq: number): string[] {
    return this.recentKeys.get(seq) ?? this.keysBySeq.all(seq).map((k) => k.key);
  }

  /** Keeps what the alert policy decided for events, in one transaction (an event pruned meanwhile keeps nothing). */
  setAlerts(decisions: readonly { id: string; decision: AlertDecision }[]): void {
    writeTransaction(this.db, () => {
      for (const { id, decision } of decisions) this.setAlertDecision.run(JSON.stringify(decision), id);
    })();
  }

  /** Marks the rows of these providers as described by no version, so the re-describer takes them again. */
  markStale(providers: readonly string[]): void {
    const mark = this.db.prepare('UPDATE requests SET described_by = 0 WHERE provider = ?');
    writeTransaction(this.db, () => {
      for (const provider of providers) mark.run(provider);
    })();
  }

  /** The imported descriptions the store last followed to the end: provider → when it was imported. */
  followedSchemaSpecs(): Map<string, number> {
    return new Map((this.db.prepare('SELECT provider, imported_at FROM schema_specs').all() as { provider: string; imported_at: number }[]).map((r) => [r.provider, r.imported_at]));
  }

  /**
   * One slice of following a description: the provider's events with seq in (fromSeq, toSeq] wait for a check
   * (`mark`), or lose theirs (`clear`: the description was removed). A range of row ids, not of the provider's
   * rows, so each slice costs the same however far it got. Returns the rows changed.
   */
  followSchemaRange(provider: string, fromSeq: number, toSeq: number, mode: 'mark' | 'clear'): number {
    const sql =
      mode === 'mark'
        ? 'UPDATE requests SET schema_pending = 1, schema_check = NULL WHERE seq > ? AND seq <= ? AND provider = ?'
        : 'UPDATE requests SET schema_pending = NULL, schema_check = NULL WHERE seq > ? AND seq <= ? AND provider = ? AND (schema_pending IS NOT NULL OR schema_check IS NOT NULL)';
    const statement = this.statement(sql);
    return writeTransaction(this.db, () => statement.run(fromSeq, toSeq, provider).changes)();
  }

  /** Records that a description was followed to the end (or, with null, that its removal was). */
  followedSchemaSpec(provider: string, importedAt: number | null): void {
    if (importedAt === null) this.statement('DELETE FROM schema_specs WHERE provider = ?').run(provider);
    else this.statement('INSERT INTO schema_specs (provider, imported_at) VALUES (?, ?) ON CONFLICT (provider) DO UPDATE SET imported_at = excluded.imported_at').run(provider, importedAt);
  }

  /** The newest row's seq (0 when empty). */
  lastSeq(): number {
    return (this.statement('SELECT coalesce(max(seq), 0) AS seq FROM requests').get() as { seq: number }).seq;
  }

  /** Rows waiting for a check against their provider's imported description, oldest first. */
  schemaPending(limit: number): SchemaPendingRow[] {
    this.pendingRows ??= this.db.prepare(
      `SELECT seq, provider, name, content_type, body, decoded_body, body_truncated, readable, handshake FROM requests WHERE schema_pending = 1 ORDER BY seq LIMIT ?`,
    );
    return this.pendingRows.all(limit) as SchemaPendingRow[];
  }

  /** Records checks (a JSON SchemaCheck each, or null for nothing to check) in one transaction. */
  recordSchemaChecks(results: readonly { seq: number; check: string | null }[]): void {
    this.recordCheck ??= this.db.prepare('UPDATE requests SET schema_check = ?, schema_pending = NULL WHERE seq = ? AND schema_pending = 1');
    const record = this.recordCheck;
    writeTransaction(this.db, () => {
      for (const r of results) record.run(r.check, r.seq);
    })();
  }

  /** Records what became of a handshake after it arrived (an SNS subscription confirmed on a click), with the summary that says so. */
  setHandshake(id: string, hit: HandshakeHit, summary: string): void {
    const result = this.setHandshakeHit.run(JSON.stringify(hit), summary, id);
    if (result.changes === 0) throw new HookbridgeError('NOT_FOUND', `There is no event with id ${id}.`);
  }

  /** Deletes the given events (pinned ones too: the user asked); returns how many existed. */
  delete(ids: readonly string[]): number {
    return writeTransaction(this.db, () => {
      let deleted = 0;
      for (const id of ids) {
        const row = this.seqById.get(id);
        if (!row) continue;
        this.deleteSeq(row.seq);
        deleted++;
      }
      return deleted;
    })();
  }

  /** Deletes up to `batch` of the oldest unpinned events; returns how many. */
  pruneOldest(batch: number): number {
    return writeTransaction(this.db, () => {
      const rows = this.oldestUnpinned.all(batch);
      for (const row of rows) this.deleteSeq(row.seq);
      return rows.length;
    })();
  }

  private deleteSeq(seq: number): void {
    this.searchIndex.forget(seq);
    this.deleteBySeq.run(seq);
  }

  private statement(sql: string): Statement {
    let statement = this.pageCache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.pageCache.set(sql, statement);
    }
    return statement;
  }
}

