// The store's writer thread: its own SQLite connection commits the rows the main thread prepared (group commit:
// whatever arrived in one turn of this thread's loop goes in one transaction), keeps alert decisions, and indexes
// committed rows for search in slices while it is otherwise idle. Built to dist/store-writer.cjs; see writer.ts.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { HookbridgeError } from '../errors';
import { configureConnection } from './open';
import { RequestRepository } from './requests';
import type { PreparedRow } from './row-writer';
import { indexBacklogMs, indexIntervalMs, indexSlice } from './search-index';
import { pruneOnce, type PruneTarget } from './store';
import type { AlertDecisions, FromWriter, NotWritten, ToWriter, WriterWorkerData } from './writer';

if (!parentPort) throw new Error('store-writer.cjs runs as a worker thread of Hookbridge, not on its own.');
const port = parentPort;
const { file, busyTimeoutMs } = workerData as WriterWorkerData;

const db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
configureConnection(db, busyTimeoutMs);
const requests = new RequestRepository(db);

const send = (message: FromWriter): void => port.postMessage(message);
let queue: ToWriter[] = [];
let draining = false;
let indexTimer: NodeJS.Timeout | null = null;
let stopping = false;
/** The prune under way: one slice of 500 per turn, so inserts that arrive meanwhile are committed in between. */
let pruning: { job: number; target: PruneTarget; deleted: number } | null = null;
const pruneBatch = 500;

/** A copied Buffer arrives as a plain Uint8Array: SQLite binds Buffers as blobs. */
const asBuffer = (bytes: Uint8Array | null): Buffer | null => (bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
const revive = ({ row, keys }: PreparedRow): PreparedRow => ({ row: { ...row, body: asBuffer(row.body) as Buffer, decoded_body: asBuffer(row.decoded_body) }, keys });

function drain(): void {
  draining = false;
  const messages = queue;
  queue = [];
  const inserts = messages.filter((m) => m.kind === 'insert');
  if (inserts.length > 0) {
    const results = requests.write(inserts.flatMap((m) => m.rows.map(revive)));
    let at = 0;
    for (const m of inserts) {
      const mine = results.slice(at, (at += m.rows.length));
      send({ kind: 'written', batch: m.batch, results: mine.map((r) => (r instanceof HookbridgeError ? ({ error: { code: r.code, message: r.message } } satisfies NotWritten) : r)) });
    }
    indexSoon();
  }
  const decisions: AlertDecisions = messages.flatMap((m) => (m.kind === 'alerts' ? m.decisions : []));
  if (decisions.length > 0) {
    try {
      requests.setAlerts(decisions);
    } catch (error) {
      send({ kind: 'failed', message: `could not store alert decisions: ${(error as Error).message}` });
    }
  }
  const asked = messages.find((m) => m.kind === 'prune');
  if (asked && !pruning) {
    pruning = { job: asked.job, target: asked.target, deleted: 0 };
    setImmediate(pruneStep);
  }
  if (stopping) {
    // A prune cut short by the stop reports what it deleted; the next start's prune goes on from there.
    if (pruning) send({ kind: 'pruned', job: pruning.job, deleted: pruning.deleted, error: null });
    pruning = null;
    if (indexTimer) clearTimeout(indexTimer);
    db.close();
    port.close();
  }
}

function pruneStep(): void {
  const job = pruning;
  if (!job || stopping) return;
  try {
    const deleted = pruneOnce(db, requests, job.target, job.deleted, pruneBatch);
    job.deleted += deleted;
    if (deleted > 0) {
      setImmediate(pruneStep);
      return;
    }
    send({ kind: 'pruned', job: job.job, deleted: job.deleted, error: null }); // done, or everything left is pinned
  } catch (error) {
    send({ kind: 'pruned', job: job.job, deleted: job.deleted, error: (error as Error).message });
  }
  pruning = null;
}

/** Keeps the full-text index close behind the inserts, in slices that never hold the write lock for long. */
function indexSoon(delayMs = indexIntervalMs): void {
  if (indexTimer || stopping) return;
  indexTimer = setTimeout(() => {
    indexTimer = null;
    if (stopping) return;
    try {
      const indexed = requests.searchIndex.catchUp(indexSlice);
      if (indexed > 0) send({ kind: 'indexed', rows: indexed });
      if (indexed === indexSlice) indexSoon(indexBacklogMs);
    } catch (error) {
      send({ kind: 'failed', message: `indexing for search failed; a search will retry: ${(error as Error).message}` });
    }
  }, delayMs);
}

port.on('message', (message: ToWriter) => {
  if (message.kind === 'autocheckpoint') {
    db.pragma(`wal_autocheckpoint = ${Math.floor(message.pages)}`);
    return;
  }
  if (message.kind === 'stop') stopping = true;
  queue.push(message);
  if (!draining) {
    draining = true;
    // After this turn's messages: every batch that arrived meanwhile joins one transaction.
    setImmediate(drain);
  }
});
indexSoon(); // whatever a crash left unindexed
send({ kind: 'ready' });
