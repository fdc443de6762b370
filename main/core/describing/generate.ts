// Fills a data folder with N realistic events of both providers, described exactly as the ingress would,
// in large transactions, indexed for search as it goes: the source of the 100k / 1M stores for tests and benchmarks.
import { performance } from 'node:perf_hooks';
import { lockDataDir } from '../data-dir';
import { newUlid } from '../ids';
import { describeRequest, describerVersion } from '../providers';
import { lox24Sample, seededRandom, soyioSample } from '../samples';
import type { NewRequest } from '../store/requests';
import { Store } from '../store/store';

export interface GenerateOptions {
  dataDir: string;
  count: number;
  seed?: number;
  /** Events are spread evenly over this many days before now. */
  days?: number;
  onProgress?(done: number, total: number): void;
}

const batchSize = 5_000;

export function generateEvents(options: GenerateOptions): { count: number; ms: number } {
  const started = performance.now();
  const lock = lockDataDir(options.dataDir);
  const store = Store.open(options.dataDir, { busyTimeoutMs: 5_000 });
  try {
    const endpoint = store.endpoints.list()[0] ?? store.endpoints.create({ name: 'default' });
    // Generated history must survive the next start's retention pass.
    const retention = store.getSettings().retention;
    const wanted = store.requests.count() + options.count;
    if (retention.maxEvents < wanted) store.updateSettings({ retention: { maxEvents: wanted } });
    // About 2.2 KiB per generated event on disk, with room to spare: the size limit must not prune them either.
    const bytes = wanted * 4 * 1024;
    if (retention.maxDatabaseBytes < bytes) store.updateSettings({ retention: { maxDatabaseBytes: bytes } });
    const random = seededRandom(options.seed ?? 1);
    const span = (options.days ?? 30) * 86_400_000;
    const start = Date.now() - span;
    const step = span / options.count;
    let done = 0;
    const insertBatch = (n: number): void => {
      const batch: NewRequest[] = [];
      for (let i = 0; i < n; i++, done++) {
        const receivedAt = Math.floor(start + done * step);
        const isLox = random() < 0.6;
        const sample = isLox ? lox24Sample(random, receivedAt) : soyioSample(random, receivedAt);
        const body = Buffer.from(JSON.stringify(sample.body));
        const headers: [string, string][] = [
          ['Host', 'hookbridge.ngrok.app'],
          ['User-Agent', isLox ? 'LOX24-Webhooks/1.0' : 'Soyio-Webhooks'],
          ['Content-Type', 'application/json'],
          ['Content-Length', String(body.length)],
          ['X-Forwarded-For', `203.0.113.${Math.floor(random() * 250)}`],
        ];
        const id = newUlid(receivedAt);
        const responseBody = JSON.stringify({ received: true, id });
        const capture = {
          method: 'POST',
          path: isLox ? 'lox24' : 'soyio',
          query: '',
          headers,
          contentType: 'application/json',
          body,
          bodySize: body.length,
          flags: [],
          parseError: null,
          authCheck: null,
        };
        batch.push({
          ...capture,
          id,
          endpointId: endpoint.id,
          receivedAt,
          bodyTruncated: false,
          remoteAddress: '127.0.0.1',
          forwardedFor: headers[4]?.[1] ?? null,
          response: { status: 200, headers: [['Content-Type', 'application/json; charset=utf-8']], body: responseBody, durationMs: 0.4 },
          description: describeRequest({ ...capture, json: sample.body, endpointProvider: 'auto' }),
          describedBy: describerVersion,
        });
      }
      store.requests.insertAll(batch); // one transaction per batch
      // Indexed as it goes, as the running app would have: a generated store is ready to search, instead of
      // its first search paying for the whole history at once.
      store.requests.searchIndex.catchUp();
    };
    while (done < options.count) {
      insertBatch(Math.min(batchSize, options.count - done));
      options.onProgress?.(done, options.count);
    }
    return { count: options.count, ms: performance.now() - started };
  } finally {
    store.close();
    lock.release();
  }
}
