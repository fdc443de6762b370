// The schema worker: a thread that checks captured payloads against imported OpenAPI descriptions, so that
// compiling a validator (up to a quarter of a second for GitHub's largest webhooks) and validating a large
// payload never hold up the thread that answers webhooks. It holds no database connection: rows come in
// and results go out as messages (maintenance/schema-checks.ts). Built to dist/schema-worker.cjs.
import { parentPort, workerData } from 'node:worker_threads';
import { Checkers } from './checkers';
import type { FromSchemaWorker, SchemaWorkerData, ToSchemaWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('schema-worker.cjs runs as a worker thread of Hookbridge, not on its own.');
const { folder } = workerData as SchemaWorkerData;
const checkers = new Checkers(folder);
const send = (message: FromSchemaWorker): void => port.postMessage(message);

port.on('message', (message: ToSchemaWorker) => {
  if (message.kind === 'reload') {
    checkers.reload(); // never throws: a description it cannot load is skipped
  } else if (message.kind === 'check') {
    try {
      send({ kind: 'checked', batch: message.batch, results: checkers.run(message.items) });
    } catch (error) {
      send({ kind: 'failed', batch: message.batch, message: (error as Error).message });
    }
  } else {
    port.close();
  }
});
send({ kind: 'ready' });
