// The store's writer thread against a real SQLite file and the built script (dist/store-writer.cjs): webhooks are
// committed on the thread, each caller hears back only once its row is committed (another connection sees it),
// the thread keeps the search index and alert decisions, SQLite's refusals come back as the same store errors,
// and a thread that is missing or dies hands the writing back to the main thread without a 2xx nothing backs.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../main/core/describing/generate';
import { HookbridgeError } from '../../../main/core/errors';
import { GroupCommit } from '../../../main/core/store/group-commit';
import type { Inserted, NewRequest } from '../../../main/core/store/requests';
import { databaseFileName, Store } from '../../../main/core/store/store';
import { indexSlice } from '../../../main/core/store/search-index';
import { StoreWriter } from '../../../main/core/store/writer';
import { startTestApp, tempDir, waitUntil, type TestApp } from '../../support/app';
import { storedRequest } from '../../support/requests';

const script = path.resolve('dist/store-writer.cjs');
if (!fs.existsSync(script)) throw new Error(`${script} is missing: run npm run build (the test setup normally does).`);

/** A loaded machine can take seconds to start a thread: stop() must never terminate one that is on its way. */
const stopGraceMs = 20_000;

let store: Store | undefined;
let writer: StoreWriter | undefined;
let other: Database.Database | undefined;
let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  if (other?.inTransaction) other.exec('ROLLBACK');
  other?.close();
  await writer?.stop();
  store?.close();
  other = undefined;
  writer = undefined;
  store = undefined;
});

function open(busyTimeoutMs = 1_000): { store: Store; dataDir: string; endpointId: string; committed: () => number } {
  const dataDir = tempDir();
  const s = (store = Store.open(dataDir, { busyTimeoutMs }));
  const endpointId = s.endpoints.create({ name: 'default' }).id;
  const reader = new Database(path.join(dataDir, databaseFileName), { readonly: true });
  const count = reader.prepare('SELECT count(*) FROM requests').pluck();
  const committed = (): number => count.get() as number;
  return { store: s, dataDir, endpointId, committed };
}

async function started(s: Store, options: { script?: string; busyTimeoutMs?: number; gatherMs?: number } = {}): Promise<StoreWriter> {
  const w = (writer = StoreWriter.start(s, { script: options.script ?? script, busyTimeoutMs: options.busyTimeoutMs ?? 1_000, stopGraceMs, log: () => undefined, gatherMs: options.gatherMs ?? 0 }));
  await waitUntil(() => w.running, 'the writer thread to start');
  return w;
}

/** LOX24's example with its own envelope id: a distinct delivery each. */
const lox24 = JSON.parse(fs.readFileSync('test/fixtures/seeds/lox24.verify_code.channel.failed.json', 'utf8')) as Record<string, unknown>;
const webhook = (endpointId: string, n: number): NewRequest => storedRequest(endpointId, { ...lox24, id: `writer-probe-${n}` }, { path: '/lox24' });

describe('the store writer thread', () => {
  it('commits a burst on the thread; each caller hears back after its row is committed, with the feed row and links', async () => {
    const { store: s, endpointId, committed } = open();
    const w = await started(s);
    const writes = new GroupCommit(w);
    const seenAtResolve: number[] = [];
    const requests = Array.from({ length: 300 }, (_, n) => webhook(endpointId, n));
    // The same delivery twice, in the same burst: the second is a duplicate of the first.
    const again = { ...webhook(endpointId, 0), id: `${requests[0]?.id ?? ''}-again` };
    const all = [...requests, again].map((r) => writes.insert(r).then((inserted) => (seenAtResolve.push(committed()), inserted)));
    expect(committed()).toBe(0);
    const inserted: Inserted[] = await Promise.all(all);

    expect(w.stats.rows).toBe(301);
    expect(Math.min(...seenAtResolve)).toBeGreaterThanOrEqual(1);
    // Every caller saw its own row committed: the n-th answer came after at least n rows were in the file.
    inserted.forEach((ins, i) => expect(seenAtResolve[i]).toBeGreaterThanOrEqual(1 + inserted.filter((o) => o.seq < ins.seq).length));
    expect(new Set(inserted.map((i) => i.seq)).size).toBe(301);
    expect(committed()).toBe(301);
    const first = inserted[0] as Inserted;
    const duplicate = inserted[300] as Inserted;
    expect(duplicate.duplicateOf).toBe(requests[0]?.id);
    expect(duplicate.summary.duplicateOf).toBe(requests[0]?.id);
    expect((inserted[1] as Inserted).retryOf).toBe(requests[0]?.id); // the same LOX24 task: a later attempt
    expect(first.summary).toMatchObject({ id: requests[0]?.id, provider: 'lox24', seq: first.seq });
    // The main thread counts them and remembers their keys (serve --json prints them with each line).
    expect(s.getRetention().events).toBe(301);
    expect(s.requests.keysOf(first.seq)).toEqual(s.requests.get(first.summary.id).correlationKeys);
    expect(s.getHealth().ok).toBe(true);
  });

  it('keeps one batch with the thread: rows that arrive meanwhile go together as the next one', async () => {
    const { store: s, endpointId, committed } = open();
    const w = await started(s);
    const first = w.insertMany([webhook(endpointId, 0)]);
    // Three more calls while the first is with the thread: they wait, then travel (and commit) as one batch.
    const later = [1, 2, 3].map((n) => w.insertMany([webhook(endpointId, n), webhook(endpointId, n + 10)]));
    const results = await Promise.all([first, ...later]);
    expect(w.stats).toMatchObject({ batches: 2, rows: 7 });
    expect(results.flat().every((r) => !(r instanceof HookbridgeError))).toBe(true);
    expect(committed()).toBe(7);
    expect(w.settled()).toBeNull();
  });

  it('prunes on the thread in slices, committing the webhooks that arrive meanwhile first; pinned events stay', async () => {
    const dataDir = tempDir();
    generateEvents({ dataDir, count: 3_000, seed: 5 });
    const s = (store = Store.open(dataDir, { busyTimeoutMs: 1_000 }));
    const oldest = s.requests.list({}, null, 3_000).events.at(-1)?.id as string;
    s.requests.pin(oldest, true);
    s.updateSettings({ retention: { maxEvents: 100 } });
    const w = await started(s);
    const order: string[] = [];
    // 2,900 over the limit: six slices of up to 500, with a webhook posted after the prune was asked for.
    const pruning = (w.prune(s.pruneTarget()) as Promise<number>).then((n) => (order.push('pruned'), n));
    const endpointId = s.endpoints.list()[0]?.id as string;
    const inserted = (w.insertMany([webhook(endpointId, 1)]) as Promise<unknown[]>).then((r) => (order.push('inserted'), r));
    const [deleted] = await Promise.all([pruning, inserted]);
    expect(order).toEqual(['inserted', 'pruned']);
    expect(deleted).toBe(2_900);
    expect(s.requests.count()).toBe(101); // the limit, plus the webhook that came in during the prune
    expect(s.getRetention()).toMatchObject({ events: 101, lastPrunedCount: 2_900, totalPruned: 2_900 });
    expect(s.requests.get(oldest).pinned).toBe(true);
    // The next round takes the one event the webhook put over the limit; then there is nothing left to do.
    expect(await w.prune(s.pruneTarget())).toBe(1);
    expect(s.requests.count()).toBe(100);
    expect(await w.prune(s.pruneTarget())).toBe(0);
  });

  it('under load gathers the next batch for a while; stop() sends what is gathering at once and commits it', async () => {
    const { store: s, endpointId, committed } = open();
    // A gathering time far beyond this test: the second batch can only go early through stop().
    const w = await started(s, { gatherMs: 600_000 });
    const first = w.insertMany([webhook(endpointId, 0)]); // the first goes at once: nothing was sent before
    const second = w.insertMany([webhook(endpointId, 1), webhook(endpointId, 2)]);
    let secondDone = false;
    void Promise.resolve(second).then(() => (secondDone = true));
    await first;
    expect(committed()).toBe(1);
    expect(secondDone).toBe(false);
    await w.stop();
    writer = undefined;
    expect(secondDone).toBe(true);
    expect((await second).every((r) => !(r instanceof HookbridgeError))).toBe(true);
    expect(committed()).toBe(3);
    expect(w.stats).toMatchObject({ batches: 2, rows: 3, exitCode: 0 });
  });

  it('keeps the search index on its own (a backlog of several slices included), and stores alert decisions in its next transaction', async () => {
    const { store: s, dataDir, endpointId } = open();
    const w = await started(s);
    const writes = new GroupCommit(w);
    // More than two slices: after a full slice the indexer goes on by itself, with no further write to wake it.
    const inserted = await Promise.all(Array.from({ length: 2 * indexSlice + 1 }, (_, n) => writes.insert(webhook(endpointId, n))));
    const last = Math.max(...inserted.map((i) => i.seq));
    const reader = new Database(path.join(dataDir, databaseFileName), { readonly: true });
    try {
      const mark = reader.prepare("SELECT coalesce((SELECT value FROM settings WHERE key = 'search_index_seq'), 0)").pluck();
      // Nothing on the main thread indexes here: the mark moves because the thread indexed.
      await waitUntil(() => Number(mark.get()) === last, 'the writer thread to index the burst');
      const id = inserted[7]?.summary.id as string;
      w.setAlerts([{ id, decision: { outcome: 'paused', reason: 'failed' } }]);
      const alert = reader.prepare('SELECT alert FROM requests WHERE id = ?').pluck();
      await waitUntil(() => alert.get(id) !== null, 'the alert decision to be stored');
      expect(JSON.parse(alert.get(id) as string)).toEqual([{ outcome: 'paused', reason: 'failed' }]);
    } finally {
      reader.close();
    }
  });

  it('answers STORE_BUSY while another program holds the write lock past the busy timeout, and commits again once it lets go', async () => {
    const { store: s, dataDir, endpointId, committed } = open(200);
    const w = await started(s, { busyTimeoutMs: 200 });
    const writes = new GroupCommit(w);
    other = new Database(path.join(dataDir, databaseFileName));
    other.exec('BEGIN IMMEDIATE');
    const refused = await writes.insert(webhook(endpointId, 1)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(HookbridgeError);
    expect((refused as HookbridgeError).code).toBe('STORE_BUSY');
    expect((refused as HookbridgeError).message).toMatch(/locked by another program/);
    expect(s.getHealth()).toMatchObject({ ok: false, failedWrites: 1, lastError: { code: 'STORE_BUSY' } });
    other.exec('ROLLBACK');
    const accepted = await writes.insert(webhook(endpointId, 2));
    expect(accepted.seq).toBeGreaterThan(0);
    expect(s.getHealth().ok).toBe(true);
    expect(committed()).toBe(1);
  });

  it('writes on the main thread when the script is missing', async () => {
    const { store: s, endpointId, committed } = open();
    const lines: string[] = [];
    const w = (writer = StoreWriter.start(s, { script: path.join(tempDir(), 'gone.cjs'), busyTimeoutMs: 1_000, log: (l) => lines.push(l) }));
    expect(w.running).toBe(false);
    expect(lines.join('\n')).toMatch(/missing; the store writes on the main thread/);
    const result = w.insertMany([webhook(endpointId, 1)]);
    expect(Array.isArray(result)).toBe(true); // answered at once: committed on this thread
    expect(committed()).toBe(1);
  });

  it('a thread that dies with a batch gives those requests a store error, never a 2xx, and writing goes on here', async () => {
    const { store: s, endpointId, committed } = open();
    // A thread that says it is ready and dies on its first batch, before it could confirm anything.
    const dying = path.join(tempDir(), 'dying-writer.cjs');
    fs.writeFileSync(dying, "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ kind: 'ready' }); parentPort.on('message', (m) => { if (m.kind === 'insert') process.exit(3); });");
    const w = await started(s, { script: dying });
    const writes = new GroupCommit(w);
    const lost = await Promise.allSettled([writes.insert(webhook(endpointId, 1)), writes.insert(webhook(endpointId, 2))]);
    for (const outcome of lost) {
      expect(outcome.status).toBe('rejected');
      expect(((outcome as PromiseRejectedResult).reason as HookbridgeError).code).toBe('STORE_FAILED');
      expect(((outcome as PromiseRejectedResult).reason as HookbridgeError).message).toMatch(/writer thread stopped \(exit code 3\).*Retry it/);
    }
    expect(s.getHealth()).toMatchObject({ ok: false, failedWrites: 2 });
    expect(w.running).toBe(false);
    const after = await writes.insert(webhook(endpointId, 3));
    expect(after.seq).toBeGreaterThan(0);
    expect(committed()).toBe(1);
    expect(s.getHealth().ok).toBe(true);
  });

  it('stop() commits what the thread was given before it ends', async () => {
    const { store: s, endpointId, committed } = open();
    const w = await started(s);
    const pending = w.insertMany(Array.from({ length: 20 }, (_, n) => webhook(endpointId, n)));
    const stopped = w.stop();
    const results = await pending;
    await stopped;
    writer = undefined;
    expect(results.every((r) => !(r instanceof HookbridgeError))).toBe(true);
    expect(w.stats.exitCode).toBe(0);
    expect(committed()).toBe(20);
  });

  it('behind the ingress: webhooks answered 200 are stored, counted and found by search; a held lock answers 500 STORE_BUSY, then capture resumes', async () => {
    const a = (app = await startTestApp({ store: { busyTimeoutMs: 200 }, retention: { everyInserts: 1_000, intervalMs: 3_600_000 } }, tempDir(), { storeWriter: script }));
    const post = async (n: number): Promise<{ status: number; body: { id?: string; error?: { code: string } } }> => {
      const response = await fetch(`${a.endpoint.url}/lox24`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...lox24, id: `writerprobe${n}` }) });
      return { status: response.status, body: (await response.json()) as { id?: string; error?: { code: string } } };
    };
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => post(n)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect((await a.app.api.getStatus()).retention.events).toBe(40);
    const found = await a.app.api.listEvents({ filter: { text: 'writerprobe17' } });
    expect(found.events.map((e) => e.id)).toEqual([answers[17]?.body.id]);

    other = new Database(path.join(a.dataDir, databaseFileName));
    other.exec('BEGIN IMMEDIATE');
    const refused = await post(100);
    expect(refused.status).toBe(500);
    expect(refused.body.error?.code).toBe('STORE_BUSY');
    expect((await a.app.api.getStatus()).store).toMatchObject({ ok: false, lastError: { code: 'STORE_BUSY' } });
    other.exec('ROLLBACK');
    expect((await post(101)).status).toBe(200);
    expect((await a.app.api.getStatus()).store.ok).toBe(true);
    expect((await a.app.api.getStatus()).retention.events).toBe(41);

    // A lower limit in Settings: the prune runs on the thread, and the store comes down to the limit.
    const more = await Promise.all(Array.from({ length: 80 }, (_, n) => post(200 + n)));
    expect(more.every((r) => r.status === 200)).toBe(true);
    expect((await a.app.api.getStatus()).retention.events).toBe(121);
    await a.app.api.updateSettings({ retention: { maxEvents: 100 } });
    await waitUntil(async () => (await a.app.api.getStatus()).retention.events === 100, 'retention to prune down to 100 events');
    const status = await a.app.api.getStatus();
    expect(status.retention.totalPruned).toBe(21);
    expect((await a.app.api.countEvents({})).events).toBe(100);
  });
});
