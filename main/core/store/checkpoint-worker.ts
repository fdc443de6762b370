// The checkpoint worker: a thread with its own SQLite connection that copies committed WAL pages into the database
// file (PASSIVE checkpoints: it never waits for, nor blocks, the writer), so the ingress's thread no longer stalls
// on copying pages and syncing the file every few megabytes. It runs only when nudged after writes, at most once
// per `minIntervalMs`: an idle app wakes no thread. Built to dist/checkpoint-worker.cjs; see checkpointer.ts.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointWorkerData, FromCheckpointWorker, ToCheckpointWorker } from './checkpointer';

const port = parentPort;
if (!port) throw new Error('checkpoint-worker.cjs runs as a worker thread of Hookbridge, not on its own.');
const { file, minIntervalMs, busyTimeoutMs } = workerData as CheckpointWorkerData;

const db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
db.pragma('synchronous = NORMAL'); // as the writer's connection: a checkpoint syncs the database file once
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let last = 0;
let timer: NodeJS.Timeout | null = null;
let lastError: string | null = null;

const send = (message: FromCheckpointWorker): void => port.postMessage(message);

function run(): void {
  timer = null;
  last = Date.now();
  try {
    const row = checkpoint.get() as { busy: number; log: number; checkpointed: number };
    lastError = null;
    send({ kind: 'done', log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    // A failing disk fails the writer too, which reports it; say it once here, and keep trying on later nudges.
    const message = (error as Error).message;
    if (message !== lastError) send({ kind: 'failed', message });
    lastError = message;
    send({ kind: 'done', log: -1, checkpointed: -1 });
  }
}

port.on('message', (message: ToCheckpointWorker) => {
  if (message === 'nudge') {
    if (!timer) timer = setTimeout(run, Math.max(0, last + minIntervalMs - Date.now()));
  } else if (message === 'stop') {
    if (timer) clearTimeout(timer);
    db.close();
    port.close();
  }
});
send({ kind: 'ready' });
