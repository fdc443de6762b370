// What one webhook costs the store's writer, piece by piece: the real RowWriter, SearchIndex and alert decisions on
// a real SQLite file, rows made from the LOX24 example as the ingress makes them, committed in batches of 64 (group
// commit), with no HTTP and no thread hops. Each variant takes something away (or adds the work behind the commit),
// so the differences say where the writer's time goes. CPU is this process's user + system time per row; every
// variant runs `rounds` times, alternating, on a fresh database each, and the lowest is kept.
// Bundled and run by bench/run.mjs (`npm run bench -- rowcost`); prints one JSON line.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newUlid } from '../main/core/ids';
import { describeRequest, describerVersion } from '../main/core/providers';
import type { PreparedRow } from '../main/core/store/row-writer';
import type { NewRequest } from '../main/core/store/rows';
import { indexSlice } from '../main/core/store/search-index';
import { Store } from '../main/core/store/store';

const rows = Number(process.env.ROWCOST_ROWS ?? 10_000);
const rounds = Number(process.env.ROWCOST_ROUNDS ?? 5);
const batch = 64;
const payloadFile = process.argv[2];
if (!payloadFile) throw new Error('usage: row-cost <payload.json>');
const example = JSON.parse(fs.readFileSync(payloadFile, 'utf8')) as Record<string, unknown>;

/** A webhook: the LOX24 example with its own envelope id (a UUID, as LOX24 sends it), as the ingress stores it. */
function request(endpointId: string): NewRequest {
  const json = { ...example, id: randomUUID() };
  const body = Buffer.from(JSON.stringify(json));
  const capture = { method: 'POST', path: '/lox24', query: '', headers: [['Content-Type', 'application/json'] as [string, string]], contentType: 'application/json', body, bodySize: body.length, flags: [], parseError: null, authCheck: null };
  return {
    ...capture,
    id: newUlid(),
    endpointId,
    receivedAt: Date.now(),
    bodyTruncated: false,
    remoteAddress: '127.0.0.1',
    forwardedFor: null,
    response: { status: 200, headers: [], body: '{"received":true}', durationMs: 0.1 },
    description: describeRequest({ ...capture, json, endpointProvider: 'auto' }),
    describedBy: describerVersion,
  };
}

interface Variant {
  label: string;
  /** A lever (or the state before one) measured on top of the full line, not a step of the breakdown. */
  lever?: boolean;
  /** Changes the fresh database before the rows go in. */
  setup?: (store: Store) => void;
  /** Changes a prepared row before it is written. */
  row?: (prepared: PreparedRow) => PreparedRow;
  /** The search indexer behind the inserts, in full slices as it runs under load. */
  index?: boolean;
  /** The indexer's slice after every batch instead (its pace before 7f9354e: every 25 ms, ~100 rows a slice). */
  indexEachBatch?: boolean;
  alerts?: boolean;
  /** Alert decisions as rows of a narrow table of their own instead of an update of the event's row. */
  alertsTable?: boolean;
}

/** The full-text table as the migrations make it, with extra FTS5 options (the database is empty here). */
function recreateFts(store: Store, options: string): void {
  store.db.exec(`DROP TABLE requests_fts; CREATE VIRTUAL TABLE requests_fts USING fts5(name, summary, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'${options})`);
}

const secondaryIndexes = (store: Store): string[] =>
  (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL").pluck().all() as string[]);

const variants: Variant[] = [
  { label: 'the row alone: no secondary index, no links, no keys', setup: (s) => secondaryIndexes(s).forEach((name) => s.db.exec(`DROP INDEX ${name}`)), row: (p) => ({ row: { ...p.row, delivery_key: null, body_hash: null, retry_group: null }, keys: [] }) },
  { label: '+ the secondary indexes', row: (p) => ({ row: { ...p.row, delivery_key: null, body_hash: null, retry_group: null }, keys: [] }) },
  {
    label: '+ the link columns (two more indexes), not looked up',
    row: (p) => ({ ...p, keys: [] }),
    // The bench's own seam: the lookups answer "none" without asking SQLite.
    setup: (s) => Object.assign((s.requests as unknown as { rows: { links: object } }).rows.links, { lookup: () => ({ duplicateOf: null, retryOf: null }) }),
  },
  { label: '+ duplicate and retry lookups', row: (p) => ({ ...p, keys: [] }) },
  { label: '+ correlation keys (as shipped: the insert)' },
  { label: '+ the search indexer behind it', index: true },
  { label: '+ alert decisions (a failure, as in the ingest bench)', index: true, alerts: true },
  // Levers, each on top of the line above.
  {
    label: 'before: lookups with a bare ? (re-planned per binding)',
    lever: true,
    index: true,
    alerts: true,
    setup: (s) => {
      const dup = s.db.prepare('SELECT id FROM requests WHERE delivery_key = ? AND body_hash = ? AND seq < ? ORDER BY seq LIMIT 1').pluck();
      const group = s.db.prepare('SELECT id FROM requests WHERE retry_group = ? AND seq < ? ORDER BY seq LIMIT 1').pluck();
      const max = Number.MAX_SAFE_INTEGER;
      Object.assign((s.requests as unknown as { rows: { links: object } }).rows.links, {
        lookup: (key: string | null, hash: string | null, retryGroup: string | null) => {
          const duplicateOf = key && hash ? ((dup.get(key, hash, max) as string | undefined) ?? null) : null;
          const retryOf = retryGroup && !duplicateOf ? ((group.get(retryGroup, max) as string | undefined) ?? null) : null;
          return { duplicateOf, retryOf };
        },
      });
    },
  },
  { label: 'before: indexing after every batch (old pace)', lever: true, index: true, indexEachBatch: true, alerts: true },
  { label: 'lever: no foreign-key checks on the writing connection', lever: true, index: true, alerts: true, setup: (s) => s.db.pragma('foreign_keys = OFF') },
  {
    label: 'lever: alert decisions in a narrow table of their own',
    lever: true,
    index: true,
    alertsTable: true,
    setup: (s) => s.db.exec('CREATE TABLE request_alerts (seq INTEGER NOT NULL REFERENCES requests(seq) ON DELETE CASCADE, decision TEXT NOT NULL); CREATE INDEX request_alerts_seq ON request_alerts(seq);'),
  },
  // (columnsize=0 is no lever: FTS5 refuses it beside contentless_delete=1, which retention's deletes need.)
  {
    label: 'lever: FTS5 with column-level detail (detail=column)',
    lever: true,
    index: true,
    alerts: true,
    setup: (s) => recreateFts(s, ', detail=column'),
  },
  { label: 'lever: FTS5 pgsz 8000 (default 1000)', lever: true, index: true, alerts: true, setup: (s) => s.db.exec("INSERT INTO requests_fts (requests_fts, rank) VALUES ('pgsz', 8000)") },
];

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function measure(variant: Variant): { writerMicros: number; prepareMicros: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-rowcost-'));
  const store = Store.open(dir, { busyTimeoutMs: 5_000 });
  try {
    const endpointId = store.endpoints.create({ name: 'default' }).id;
    variant.setup?.(store);
    const requests = Array.from({ length: rows }, () => request(endpointId));
    // What the main thread does per row before it hands the row over (toRow, the body's hash).
    const preparedAt = cpuMicros();
    const prepared = requests.map((r) => store.requests.prepare(r));
    const prepareMicros = (cpuMicros() - preparedAt) / rows;
    const changed = variant.row ? prepared.map(variant.row) : prepared;
    const started = cpuMicros();
    let unindexed = 0;
    for (let at = 0; at < rows; at += batch) {
      const slice = changed.slice(at, at + batch);
      const written = store.requests.write(slice);
      if (variant.alerts) {
        store.requests.setAlerts(slice.map((p) => ({ id: p.row.id, decision: { outcome: 'alerted' as const, reason: 'failed' as const } })));
      }
      if (variant.alertsTable) {
        const add = store.db.prepare('INSERT INTO request_alerts (seq, decision) SELECT seq, ? FROM requests WHERE id = ?');
        store.db.transaction(() => slice.forEach((p) => add.run(JSON.stringify({ outcome: 'alerted', reason: 'failed' }), p.row.id))).immediate();
      }
      unindexed += slice.length;
      if (variant.index && (variant.indexEachBatch || unindexed >= indexSlice)) unindexed -= store.requests.searchIndex.catchUp(indexSlice);
      if (written.some((w) => w instanceof Error)) throw new Error(`a row was refused: ${String(written.find((w) => w instanceof Error))}`);
    }
    if (variant.index) store.requests.searchIndex.catchUp();
    return { writerMicros: (cpuMicros() - started) / rows, prepareMicros };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const best = variants.map(() => ({ writerMicros: Number.POSITIVE_INFINITY, prepareMicros: Number.POSITIVE_INFINITY }));
for (let round = 0; round < rounds; round++) {
  variants.forEach((variant, i) => {
    const m = measure(variant);
    const b = best[i] as { writerMicros: number; prepareMicros: number };
    b.writerMicros = Math.min(b.writerMicros, m.writerMicros);
    b.prepareMicros = Math.min(b.prepareMicros, m.prepareMicros);
  });
}
console.log(JSON.stringify({ rows, rounds, batch, variants: variants.map((v, i) => ({ label: v.label, lever: v.lever === true, ...best[i] })) }));
