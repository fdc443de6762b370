// Requests table: insert (the ingress hot path), feed pages by cursor, one event, timelines, pin, delete.
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { HookbridgeError } from '../errors';
import { toE164 } from '../phone';
import { writeTransaction } from './write-transaction';
import { SearchIndex } from './search-index';
import type {
  AnsweredBy,
  AuthCheck,
  Description,
  EventDetail,
  EventFilter,
  EventSummary,
  HeaderPair,
  Page,
  ParseError,
  RequestFlag,
} from '../model';

/** Everything the ingress hands the store for one request. */
export interface NewRequest {
  id: string;
  endpointId: string;
  receivedAt: number;
  method: string;
  path: string;
  query: string;
  headers: HeaderPair[];
  contentType: string | null;
  body: Buffer;
  bodySize: number;
  bodyTruncated: boolean;
  remoteAddress: string;
  forwardedFor: string | null;
  flags: RequestFlag[];
  parseError: ParseError | null;
  /** The endpoint's auth or signature check; null when it has none. */
  authCheck: AuthCheck | null;
  /** The response rule that answered; absent or null for the default answer. */
  answeredBy?: AnsweredBy | null;
  response: { status: number; headers: HeaderPair[]; body: string; durationMs: number };
  description: Description;
  describedBy: number;
}

/** A stored request as it was received, bytes and all (replays and exports read this). */
export type RawRequest = Pick<NewRequest, 'id' | 'endpointId' | 'receivedAt' | 'method' | 'path' | 'query' | 'headers' | 'contentType' | 'body' | 'bodyTruncated'>;

/** One event as the store keeps it: the API's EventDetail, with the explanation still a key into the catalogue. */
export type StoredEvent = Omit<EventDetail, 'explanation'> & { explanationKey: string | null };

/** What the store decided while inserting: the row's seq and its links to earlier deliveries. */
export interface Inserted {
  seq: number;
  /** The earlier request this one repeats exactly (same delivery identity, same body). */
  duplicateOf: string | null;
  /** The first request of this one's retry group (same notification or event, a later attempt). */
  retryOf: string | null;
}

interface SummaryRow {
  seq: number;
  id: string;
  endpoint_id: string;
  received_at: number;
  method: string;
  path: string;
  content_type: string | null;
  body_size: number;
  response_status: number;
  provider: string;
  name: string | null;
  title: string;
  severity: string;
  summary: string;
  attempt_number: number | null;
  attempt_total: number | null;
  flags: string;
  duplicate_of: string | null;
  retry_of: string | null;
  pinned: number;
  auth_check: string | null;
  answered_by: string | null;
}

interface DetailRow extends SummaryRow {
  query: string;
  headers: string;
  body: Buffer;
  body_truncated: number;
  remote_address: string;
  forwarded_for: string | null;
  parse_error: string | null;
  response_headers: string;
  response_body: string;
  duration_ms: number;
  explanation: string | null;
  issues: string;
}

const summaryColumns =
  'seq, id, endpoint_id, received_at, method, path, content_type, body_size, response_status, provider, name, title, severity, summary, attempt_number, attempt_total, flags, duplicate_of, retry_of, pinned, auth_check, answered_by';


function toSummary(row: SummaryRow): EventSummary {
  return {
    id: row.id,
    seq: row.seq,
    endpointId: row.endpoint_id,
    receivedAt: row.received_at,
    method: row.method,
    path: row.path,
    contentType: row.content_type,
    bodySize: row.body_size,
    status: row.response_status,
    provider: row.provider as EventSummary['provider'],
    name: row.name,
    title: row.title,
    severity: row.severity as EventSummary['severity'],
    summary: row.summary,
    attempt:
      row.attempt_number !== null && row.attempt_total !== null
        ? { number: row.attempt_number, total: row.attempt_total }
        : null,
    flags: JSON.parse(row.flags) as RequestFlag[],
    duplicateOf: row.duplicate_of,
    retryOf: row.retry_of,
    pinned: row.pinned === 1,
    authCheck: row.auth_check ? (JSON.parse(row.auth_check) as AuthCheck) : null,
    answeredBy: row.answered_by ? (JSON.parse(row.answered_by) as AnsweredBy) : null,
  };
}

// ignoreBOM: the inspector shows the body exactly as sent, byte order mark included.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function encodeBody(body: Buffer): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  try {
    return { body: strictUtf8.decode(body), bodyEncoding: 'utf8' };
  } catch {
    return { body: body.toString('base64'), bodyEncoding: 'base64' };
  }
}

/** "phone:0049 151 …" and "phone:+49151…" are one key. */
function normalizeKey(key: string, defaultCountryCode: string | null): string {
  if (!key.startsWith('phone:')) return key;
  const e164 = toE164(key.slice('phone:'.length), defaultCountryCode);
  return e164 ? `phone:${e164}` : key;
}

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every word must appear, the last
 * as a prefix. `expand` may spell that prefix out as the index's own terms (see SearchIndex.termsStartingWith):
 * FTS5 answers `"telegram"*` by merging the whole doclist first, but an OR of exact terms walks newest first and
 * stops at the page — the difference between 16 ms and 0.1 ms on a million events.
 */
export function toFtsQuery(text: string, expand?: (prefix: string) => string[] | null): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .map((word, i) => {
      if (i < words.length - 1) return `"${word}"`;
      const terms = expand?.(word);
      if (!terms) return `"${word}"*`;
      return terms.length === 1 ? `"${terms[0]}"` : `(${terms.map((term) => `"${term}"`).join(' OR ')})`;
    })
    .join(' AND '); // explicit: FTS5 takes no implicit AND before a parenthesis
}


export class RequestRepository {
  private readonly insertRow: Statement;
  private readonly insertKey: Statement<[string, number]>;
  private readonly detailById: Statement<[string], DetailRow>;
  private readonly seqById: Statement<[string], { seq: number }>;
  private readonly deleteBySeq: Statement<[number]>;
  private readonly setPinned: Statement<[number, string]>;
  private readonly countAll: Statement<[], { n: number }>;
  private readonly oldestUnpinned: Statement<[number], { seq: number }>;
  private readonly keysBySeq: Statement<[number], { key: string }>;
  private readonly pageCache = new Map<string, Statement>();
  private readonly insertTx: (request: NewRequest) => Inserted;
  private readonly insertAllTx: (requests: readonly NewRequest[]) => Inserted[];
  private readonly findDuplicate: Statement<[string, string], { id: string }>;
  private readonly findGroupFirst: Statement<[string], { id: string }>;

  /** Full-text search, indexed off the commit path (see search-index.ts). */
  readonly searchIndex: SearchIndex;

  constructor(private readonly db: Database) {
    this.searchIndex = new SearchIndex(db);
    this.insertRow = db.prepare(`
      INSERT INTO requests (id, endpoint_id, received_at, method, path, query, headers, content_type, body, body_size,
        body_truncated, remote_address, forwarded_for, flags, parse_error, response_status, response_headers,
        response_body, duration_ms, provider, name, title, severity, summary, explanation, issues, attempt_number,
        attempt_total, described_by, duplicate_of, retry_of, delivery_key, body_hash, retry_group, auth_check, answered_by)
      VALUES (@id, @endpoint_id, @received_at, @method, @path, @query, @headers, @content_type, @body, @body_size,
        @body_truncated, @remote_address, @forwarded_for, @flags, @parse_error, @response_status, @response_headers,
        @response_body, @duration_ms, @provider, @name, @title, @severity, @summary, @explanation, @issues,
        @attempt_number, @attempt_total, @described_by, @duplicate_of, @retry_of, @delivery_key, @body_hash, @retry_group, @auth_check, @answered_by)`);
    this.findDuplicate = db.prepare('SELECT id FROM requests WHERE delivery_key = ? AND body_hash = ? ORDER BY seq LIMIT 1');
    this.findGroupFirst = db.prepare('SELECT id FROM requests WHERE retry_group = ? ORDER BY seq LIMIT 1');
    this.insertKey = db.prepare('INSERT OR IGNORE INTO request_keys (key, seq) VALUES (?, ?)');
    this.detailById = db.prepare('SELECT * FROM requests WHERE id = ?');
    this.seqById = db.prepare('SELECT seq FROM requests WHERE id = ?');
    this.deleteBySeq = db.prepare('DELETE FROM requests WHERE seq = ?');
    this.setPinned = db.prepare('UPDATE requests SET pinned = ? WHERE id = ?');
    this.countAll = db.prepare('SELECT count(*) AS n FROM requests');
    this.oldestUnpinned = db.prepare('SELECT seq FROM requests WHERE pinned = 0 ORDER BY seq LIMIT ?');
    this.keysBySeq = db.prepare('SELECT key FROM request_keys WHERE seq = ? ORDER BY key');

    // One row, no transaction of its own: the callers below wrap it (a nested transaction would cost a SAVEPOINT per row).
    const insertOne = (request: NewRequest): Inserted => {
      const d = request.description;
      // Earlier rows of the same batch are visible here: a duplicate inside one burst is still caught.
      const bodyHash = d.deliveryKey ? hashBody(request.body) : null;
      const duplicateOf = d.deliveryKey && bodyHash ? (this.findDuplicate.get(d.deliveryKey, bodyHash)?.id ?? null) : null;
      const retryOf = d.retryGroup && !duplicateOf ? (this.findGroupFirst.get(d.retryGroup)?.id ?? null) : null;
      const result = this.insertRow.run({
        id: request.id,
        endpoint_id: request.endpointId,
        received_at: request.receivedAt,
        method: request.method,
        path: request.path,
        query: request.query,
        headers: JSON.stringify(request.headers),
        content_type: request.contentType,
        body: request.body,
        body_size: request.bodySize,
        body_truncated: request.bodyTruncated ? 1 : 0,
        remote_address: request.remoteAddress,
        forwarded_for: request.forwardedFor,
        flags: JSON.stringify(request.flags),
        parse_error: request.parseError ? JSON.stringify(request.parseError) : null,
        auth_check: request.authCheck ? JSON.stringify(request.authCheck) : null,
        answered_by: request.answeredBy ? JSON.stringify(request.answeredBy) : null,
        response_status: request.response.status,
        response_headers: JSON.stringify(request.response.headers),
        response_body: request.response.body,
        duration_ms: request.response.durationMs,
        ...describedColumns(d, { bodyHash, duplicateOf, retryOf }),
        described_by: request.describedBy,
      });
      const seq = Number(result.lastInsertRowid);
      for (const key of d.correlationKeys) this.insertKey.run(key, seq);
      return { seq, duplicateOf, retryOf };
    };
    this.insertTx = writeTransaction(db, insertOne);
    this.insertAllTx = writeTransaction(db, (requests: readonly NewRequest[]) => requests.map(insertOne));
  }

  /** Inserts all requests in one transaction: all are committed, or none (it throws). */
  insertAll(requests: readonly NewRequest[]): Inserted[] {
    return this.insertAllTx(requests);
  }

  /** Inserts one request and commits before returning: the caller may answer 2xx after this. */
  insert(request: NewRequest): Inserted {
    return this.insertTx(request);
  }

  /** Events and failures per bucket of received time, for the filter's range (empty buckets left out). */
  activity(filter: EventFilter, bucket: 'minute' | 'hour' | 'day', defaultCountryCode: string | null = null) {
    const bucketMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[bucket];
    const where = this.where(filter, null, defaultCountryCode);
    if (!where) return { bucketMs, buckets: [] };
    const buckets = this.statement(
      `SELECT (received_at / ${bucketMs}) * ${bucketMs} AS start, count(*) AS events, coalesce(sum(severity = 'failed'), 0) AS failed
       FROM requests ${where.sql} GROUP BY 1 ORDER BY 1`,
    ).all(...where.params) as { start: number; events: number; failed: number }[];
    return { bucketMs, buckets };
  }

  /** All rows, or those matching a filter with how many of them failed. */
  count(): number;
  count(filter: EventFilter, defaultCountryCode?: string | null): { events: number; failed: number };
  count(filter?: EventFilter, defaultCountryCode: string | null = null): number | { events: number; failed: number } {
    if (!filter) return this.countAll.get()?.n ?? 0;
    const where = this.where(filter, null, defaultCountryCode);
    if (!where) return { events: 0, failed: 0 };
    const row = this.statement(`SELECT count(*) AS events, coalesce(sum(severity = 'failed'), 0) AS failed FROM requests ${where.sql}`).get(...where.params) as {
      events: number;
      failed: number;
    };
    return row;
  }

  /** The WHERE clause of a filter; null when the filter can match nothing (e.g. a search without words). */
  private where(
    filter: EventFilter,
    cursor: number | null,
    defaultCountryCode: string | null,
    direction: 'older' | 'newer' = 'older',
  ): { sql: string; params: (string | number)[] } | null {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (cursor !== null) {
      where.push(direction === 'older' ? 'seq < ?' : 'seq > ?');
      params.push(cursor);
    }
    if (filter.endpointId !== undefined) {
      where.push('endpoint_id = ?');
      params.push(filter.endpointId);
    }
    if (filter.provider !== undefined) {
      where.push('provider = ?');
      params.push(filter.provider);
    }
    if (filter.name !== undefined) {
      // A trailing ".*" (or ".") selects a family: "verify_code.channel.*".
      const family = filter.name.match(/^(.*)\.\*?$/);
      if (family) {
        where.push('(name = ? OR name LIKE ? ESCAPE \'\\\')');
        params.push(family[1] ?? '', `${(family[1] ?? '').replace(/[\\%_]/g, '\\$&')}.%`);
      } else {
        where.push('name = ?');
        params.push(filter.name);
      }
    }
    if (filter.severity !== undefined) {
      where.push(`severity IN (${filter.severity.map(() => '?').join(', ')})`);
      params.push(...filter.severity);
    }
    if (filter.from !== undefined) {
      where.push('received_at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('received_at <= ?');
      params.push(filter.to);
    }
    if (filter.correlationKey !== undefined) {
      where.push('seq IN (SELECT seq FROM request_keys WHERE key = ?)');
      params.push(normalizeKey(filter.correlationKey, defaultCountryCode));
    }
    if (filter.text !== undefined) {
      const match = this.ftsMatch(filter.text, defaultCountryCode);
      if (match === null) return null;
      where.push('seq IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?)');
      params.push(match);
    }
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  /** The FTS5 query for a search text (null: nothing to search for), with the index caught up first. */
  private ftsMatch(text: string, defaultCountryCode: string | null): string | null {
    // A phone number in any spelling searches as its E.164 digits (indexed with the correlation keys).
    const phone = toE164(text, defaultCountryCode);
    if (!phone && toFtsQuery(text) === null) return null;
    this.searchIndex.catchUp(); // a search sees every committed event (and the expansion every term)
    return phone ? `"${phone.slice(1)}"` : toFtsQuery(text, (prefix) => this.searchIndex.termsStartingWith(prefix));
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
      const match = this.ftsMatch(filter.text, defaultCountryCode);
      if (match === null) return { events: [], nextCursor: null };
      const bound = cursor === null ? '' : direction === 'older' ? 'AND rowid < ?' : 'AND rowid > ?';
      const sql = `SELECT ${summaryColumns} FROM requests WHERE seq IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ? ${bound} ORDER BY rowid ${order} LIMIT ?) ORDER BY seq ${order}`;
      rows = this.statement(sql).all(match, ...(cursor === null ? [] : [cursor]), limit + 1) as SummaryRow[];
    } else {
      const where = this.where(filter, cursor, defaultCountryCode, direction);
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
    const row = this.detailById.get(id);
    if (!row) throw new HookbridgeError('NOT_FOUND', `There is no event with id ${id}. It may have been deleted or pruned.`);
    return {
      id: row.id,
      endpointId: row.endpoint_id,
      receivedAt: row.received_at,
      method: row.method,
      path: row.path,
      query: row.query,
      headers: JSON.parse(row.headers) as HeaderPair[],
      contentType: row.content_type,
      body: row.body,
      bodyTruncated: row.body_truncated === 1,
    };
  }

  /** One event with everything stored; its explanation as the catalogue key the provider chose (api/ words it). */
  get(id: string): StoredEvent {
    const row = this.detailById.get(id);
    if (!row) throw new HookbridgeError('NOT_FOUND', `There is no event with id ${id}. It may have been deleted or pruned.`);
    const parseError = row.parse_error === null ? null : (JSON.parse(row.parse_error) as ParseError);
    return {
      ...toSummary(row),
      query: row.query,
      headers: JSON.parse(row.headers) as HeaderPair[],
      ...encodeBody(row.body),
      bodyTruncated: row.body_truncated === 1,
      remoteAddress: row.remote_address,
      forwardedFor: row.forwarded_for,
      parseError,
      response: {
        status: row.response_status,
        headers: JSON.parse(row.response_headers) as HeaderPair[],
        body: row.response_body,
        durationMs: row.duration_ms,
      },
      correlationKeys: this.keysBySeq.all(row.seq).map((k) => k.key),
      issues: JSON.parse(row.issues) as EventDetail['issues'],
      explanationKey: row.explanation,
    };
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

/** Short, stable hash of a body: with the delivery key it tells a duplicate from a retry. */
export function hashBody(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

/** The columns a description fills, as the insert and the re-describer both write them. */
export function describedColumns(d: Description, links: { bodyHash: string | null; duplicateOf: string | null; retryOf: string | null }) {
  return {
    provider: d.provider,
    name: d.name,
    title: d.title,
    severity: d.severity,
    summary: d.summary,
    explanation: d.explanation,
    issues: JSON.stringify(d.issues),
    attempt_number: d.attempt?.number ?? null,
    attempt_total: d.attempt?.total ?? null,
    delivery_key: d.deliveryKey,
    body_hash: links.bodyHash,
    retry_group: d.retryGroup,
    duplicate_of: links.duplicateOf,
    retry_of: links.retryOf,
  };
}

/** The feed row for a request just inserted, without reading it back. */
export function summaryOf(request: NewRequest, inserted: Inserted): EventSummary {
  const d = request.description;
  return {
    id: request.id,
    seq: inserted.seq,
    endpointId: request.endpointId,
    receivedAt: request.receivedAt,
    method: request.method,
    path: request.path,
    contentType: request.contentType,
    bodySize: request.bodySize,
    status: request.response.status,
    provider: d.provider,
    name: d.name,
    title: d.title,
    severity: d.severity,
    summary: d.summary,
    attempt: d.attempt,
    flags: request.flags,
    duplicateOf: inserted.duplicateOf,
    retryOf: inserted.retryOf,
    pinned: false,
    authCheck: request.authCheck,
    answeredBy: request.answeredBy ?? null,
  };
}
