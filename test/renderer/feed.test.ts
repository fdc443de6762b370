// The feed's store against a real engine in this process: real webhooks through the real ingress, the bus as
// the stream, the frames run by hand so a burst's batching can be seen.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeed, type FeedOptions, type FeedStore } from '../../renderer/src/feed';
import { startTestApp, waitUntil, type TestApp } from '../support/app';
import { holding, localClient } from '../support/local-client';

const seed = (file: string): string => fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8');
const lox24Failed = seed('lox24.verify_code.channel.failed.json');
const soyioOk = seed('soyio.auth_attempt.successful.json');

let app: TestApp | undefined;
let feed: FeedStore | undefined;
afterEach(async () => {
  feed?.dispose();
  await app?.stop();
  app = feed = undefined;
});

async function post(body: string, suffix = ''): Promise<void> {
  const response = await fetch(`${app?.endpoint.url ?? ''}${suffix}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(response.status).toBe(200);
}

/** Animation frames, run when the test says. */
function frames(): { schedule: FeedOptions['schedule']; waiting(): number; run(): void } {
  let queue: (() => void)[] = [];
  return {
    schedule: (update) => void queue.push(update),
    waiting: () => queue.length,
    run: () => {
      const due = queue;
      queue = [];
      for (const update of due) update();
    },
  };
}

const names = (store: FeedStore): string[] => store.rows.value.map((row) => row.provider);
const loaded = (store: FeedStore): Promise<void> => waitUntil(() => !store.loading.value, 'the first page');

describe('the feed store', () => {
  it('reads the first page, then puts a burst of live events on top in one update per frame', async () => {
    app = await startTestApp();
    await post(soyioOk);
    const frame = frames();
    feed = createFeed(localClient(app.app), {}, { schedule: frame.schedule });
    await loaded(feed);
    expect(names(feed)).toEqual(['soyio']);

    let updates = 0;
    const stop = feed.rows.subscribe(() => updates++);
    updates = 0;
    for (let i = 0; i < 3; i++) await post(lox24Failed);
    await waitUntil(() => frame.waiting() > 0, 'a frame asked for');
    expect(frame.waiting()).toBe(1); // three events, one frame
    expect(names(feed)).toEqual(['soyio']); // nothing shown before the frame
    frame.run();
    stop();
    expect(updates).toBe(1);
    expect(names(feed)).toEqual(['lox24', 'lox24', 'lox24', 'soyio']);
    expect(feed.received.value).toBe(3);
  });

  it('counts what the filter may hold but cannot show as pending, and skips what it excludes', async () => {
    app = await startTestApp();
    const frame = frames();
    feed = createFeed(localClient(app.app), { severity: ['failed'] }, { schedule: frame.schedule });
    await loaded(feed);
    await post(soyioOk); // not a failure: not this view's
    await post(lox24Failed);
    await waitUntil(() => frame.waiting() > 0, 'a frame');
    frame.run();
    expect(names(feed)).toEqual(['lox24']);
    expect(feed.pending.value).toBe(0);

    feed.setPaused(true);
    await post(lox24Failed);
    await waitUntil(() => frame.waiting() > 0, 'a frame');
    frame.run();
    expect(feed.rows.value).toHaveLength(1);
    expect(feed.pending.value).toBe(1);
    expect(feed.received.value).toBe(3); // the chart redraws for every event, shown or not

    feed.setPaused(false);
    const toTop = feed.toTop.value;
    feed.showPending();
    await waitUntil(() => feed!.rows.value.length === 2, 'the pending event shown');
    expect(feed.pending.value).toBe(0);
    expect(feed.toTop.value).toBe(toTop + 1);
  });

  it('a changed filter reloads; patching drops emptied fields', async () => {
    app = await startTestApp();
    await post(soyioOk);
    await post(lox24Failed);
    feed = createFeed(localClient(app.app), {}, { schedule: frames().schedule });
    await waitUntil(() => feed!.rows.value.length === 2, 'both events');
    feed.patchFilter({ provider: 'soyio', text: '' });
    expect(feed.filter.value).toEqual({ provider: 'soyio' });
    await waitUntil(() => names(feed!).join() === 'soyio', 'the soyio event alone');
    feed.patchFilter({ provider: undefined });
    expect(feed.filter.value).toEqual({});
    await waitUntil(() => feed!.rows.value.length === 2, 'both events again');
  });

  it('a page read before a webhook committed does not take the live row off the feed', async () => {
    app = await startTestApp();
    const frame = frames();
    const { api, release } = holding(app.app.api, 'listEvents');
    feed = createFeed(localClient(app.app, api), {}, { schedule: frame.schedule });
    await post(lox24Failed); // commits after the page was read, arrives over the stream first
    await waitUntil(() => frame.waiting() > 0, 'a frame');
    frame.run();
    release();
    await loaded(feed);
    expect(names(feed)).toEqual(['lox24']);
  });

  it('holds a bounded window while paging down to the oldest event and back up to the newest', async () => {
    app = await startTestApp();
    for (let i = 0; i < 12; i++) await post(lox24Failed);
    feed = createFeed(localClient(app.app), {}, { schedule: frames().schedule, pageSize: 3, windowSize: 5 });
    await loaded(feed);
    const seqs = (): number[] => feed!.rows.value.map((row) => row.seq);
    const newest = seqs()[0] ?? 0;
    expect(seqs()).toHaveLength(3);

    while (feed.hasOlder.value) {
      await feed.loadOlder();
      expect(seqs().length).toBeLessThanOrEqual(5);
    }
    expect(seqs()).toEqual([newest - 7, newest - 8, newest - 9, newest - 10, newest - 11]);
    expect(feed.shift.value.rows).toBeLessThan(0); // rows above the view were dropped: the view keeps its place

    for (let i = 0; i < 10 && seqs()[0] !== newest; i++) await feed.loadNewer();
    expect(seqs()[0]).toBe(newest);
    expect(seqs().length).toBeLessThanOrEqual(5);
  });

  it('an older page that lands after the filter changed is dropped', async () => {
    app = await startTestApp();
    for (let i = 0; i < 3; i++) await post(lox24Failed);
    await post(soyioOk);
    const { api, release } = holding(app.app.api, 'listEvents', 2); // the second read: the first loadOlder
    feed = createFeed(localClient(app.app, api), {}, { schedule: frames().schedule, pageSize: 2 });
    await loaded(feed);
    const older = feed.loadOlder();
    feed.setFilter({ provider: 'soyio' });
    await waitUntil(() => names(feed!).join() === 'soyio', 'the soyio page');
    release();
    await older;
    expect(names(feed)).toEqual(['soyio']);
  });
});
