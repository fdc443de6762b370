// When provider knowledge changes (describerVersion), stored descriptions are recomputed from the stored raw
// requests — in slices behind the ingress, like the search index — so filters and summaries follow the code.
import type { Statement } from 'better-sqlite3';
import type { EndpointProvider, HandshakeHit, ParseError, RequestFlag } from '../model';
import { describeHandshake } from '../handshakes';
import { readableJson, type StoredReadable } from '../bodies';
import { describeRequest, describerVersion } from '../providers';
import { parseBody } from './parse-body';
import { describedColumns, meaningOf, toRawRequest, type RawRow, type RequestRow } from '../store/rows';
import type { Store } from '../store/store';
import { writeTransaction } from '../store/write-transaction';

/** What a description is computed from: the request as received, and its endpoint's provider setting. */
type StaleRow = RawRow & Pick<RequestRow, 'seq' | 'body_size' | 'flags' | 'parse_error' | 'handshake' | 'readable'> & { endpoint_provider: string | null };

export class Redescriber {
  private readonly stale: Statement<[number, number], StaleRow>;
  private readonly update: Statement;
  private readonly slice: (limit: number) => number;
  private finished = false;
  private readonly defaultCountryCode: () => string | null;

  private readonly requests: Store['requests'];

  constructor(store: Pick<Store, 'db' | 'requests' | 'getSettings'>) {
    const { db } = store;
    this.requests = store.requests;
    this.defaultCountryCode = () => store.getSettings().defaultCountryCode;
    this.stale = db.prepare(`
      SELECT r.seq, r.id, r.endpoint_id, r.received_at, r.method, r.path, r.query, r.headers, r.content_type, r.body, r.decoded_body, r.body_size, r.body_truncated, r.flags,
             r.parse_error, r.handshake, r.readable, e.provider AS endpoint_provider
      FROM requests r LEFT JOIN endpoints e ON e.id = r.endpoint_id
      WHERE r.described_by = ? ORDER BY r.seq LIMIT ?`); // one old version at a time: an index range, in seq order
    this.update = db.prepare(`
      UPDATE requests SET provider = @provider, name = @name, title = @title, severity = @severity, summary = @summary,
        explanation = @explanation, issues = @issues, attempt_number = @attempt_number, attempt_total = @attempt_total,
        delivery_key = @delivery_key, body_hash = @body_hash, retry_group = @retry_group, duplicate_of = @duplicate_of,
        retry_of = @retry_of, claim = @claim, severity_reason = @severity_reason, described_by = @described_by,
        schema_pending = @schema_pending, schema_check = NULL
      WHERE seq = @seq`);
    this.slice = writeTransaction(db, (limit: number) => {
      for (let version = 0; version < describerVersion; version++) {
        const rows = this.stale.all(version, limit);
        for (const row of rows) this.redescribe(row);
        if (rows.length > 0) return rows.length;
      }
      return 0;
    });
  }

  private redescribe(row: StaleRow): void {
    const raw = toRawRequest(row);
    const { method, path, query, headers, contentType, bodyTruncated } = raw;
    const body = meaningOf(raw);
    const parsed = bodyTruncated ? ({ kind: 'other' } as const) : parseBody(contentType, body);
    // A registration handshake keeps its own description: it is what the ingress answered, not a webhook.
    const d = row.handshake ? describeHandshake(JSON.parse(row.handshake) as HandshakeHit) : describeRequest({
      method,
      path,
      query,
      headers,
      contentType,
      body,
      bodySize: row.body_size,
      json: parsed.kind === 'json' ? parsed.value : readableJson(row.readable ? (JSON.parse(row.readable) as StoredReadable) : null),
      flags: JSON.parse(row.flags) as RequestFlag[],
      parseError: row.parse_error ? (JSON.parse(row.parse_error) as ParseError) : null,
      endpointProvider: (row.endpoint_provider ?? 'auto') as EndpointProvider,
      defaultCountryCode: this.defaultCountryCode(),
    });
    // Linked to the rows before it only, as it was when it arrived.
    const links = this.requests.links.find(d, row.body, row.seq);
    // Described anew, it is checked anew against its provider's imported description (if it has one).
    this.update.run({ seq: row.seq, ...describedColumns(d, links), described_by: describerVersion, schema_pending: this.requests.schemaProviders.has(d.provider) ? 1 : null });
    this.requests.replaceKeys(row.seq, d.correlationKeys);
    this.requests.searchIndex.reindex(row.seq);
  }

  /** Marks the rows of these providers stale (a user pack appeared, changed or went): catchUp describes them again. */
  markStale(providers: readonly string[]): void {
    if (providers.length === 0) return;
    this.requests.markStale(providers);
    this.finished = false;
  }

  /** Recomputes up to `limit` stale descriptions; returns how many. */
  catchUp(limit = Number.POSITIVE_INFINITY, batch = 500): number {
    // New rows are always described by the current code: once nothing is stale, nothing will be.
    if (this.finished) return 0;
    let done = 0;
    while (done < limit) {
      const n = this.slice(Math.min(batch, limit - done));
      done += n;
      if (n === 0) {
        this.finished = true;
        break;
      }
    }
    return done;
  }
}
