// Retention (oldest unpinned first, pinned never) and the feed's filters and pages, on a real app over a
// real folder filled by the generator or through the real ingress.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newUlid } from '../../../main/core/ids';
import { describeRequest, describerVersion } from '../../../main/core/providers';
import { generateEvents } from '../../../main/core/describing/generate';
import type { NewRequest } from '../../../main/core/store/requests';
import { databaseFileName } from '../../../main/core/store/store';
import { startTestApp, tempDir, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A folder holding `count` generated events, and the app started on it. */
async function appWithEvents(count: number): Promise<TestApp> {
  const dataDir = tempDir();
  generateEvents({ dataDir, count, seed: 11 });
  return startTestApp({}, dataDir);
}

/** Every event id in the file, oldest first, read through a connection of its own. */
function idsInFile(target: TestApp): { id: string; pinned: boolean }[] {
  const reader = new Database(path.join(target.dataDir, databaseFileName), { readonly: true });
  try {
    return (reader.prepare('SELECT id, pinned FROM requests ORDER BY seq').all() as { id: string; pinned: number }[]).map((r) => ({
      id: r.id,
      pinned: r.pinned === 1,
    }));
  } finally {
    reader.close();
  }
}

/** Walks the feed page by page, like the UI scrolling down, and returns every id in the order shown. */
async function walkFeed(target: TestApp, limit: number, filter = {}): Promise<string[]> {
  const seen: string[] = [];
  let cursor: number | null = null;
  do {
    const page = await target.app.api.listEvents({ filter, cursor, limit });
    expect(page.events.length).toBeLessThanOrEqual(limit);
    seen.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return seen;
}

async function sendWebhook(target: TestApp, body: unknown): Promise<string> {
  const response = await fetch(target.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe('retention: the oldest unpinned events go first, pinned ones never', () => {
  it('prunes the oldest unpinned events down to the limit and keeps pinned ones even when they are the oldest', async () => {
    app = await appWithEvents(130);
    const before = idsInFile(app);
    expect(before).toHaveLength(130);
    const pinned = before.slice(0, 5).map((e) => e.id);
    for (const id of pinned) await app.app.api.pinEvent({ id });

    await app.app.api.updateSettings({ retention: { maxEvents: 100 } });

    const after = idsInFile(app).map((e) => e.id);
    expect(after).toHaveLength(100);
    // The 5 pinned oldest stay; the next 30 oldest (unpinned) are gone; the newest 95 stay.
    expect(after).toEqual([...pinned, ...before.slice(35).map((e) => e.id)]);
    for (const id of before.slice(5, 35).map((e) => e.id)) {
      await expect(app.app.api.getEvent({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await app.app.api.getStatus()).retention.events).toBe(100);
  });

  it('keeps every pinned event when the pinned ones alone are over the limit, and prunes all the unpinned', async () => {
    app = await appWithEvents(130);
    const before = idsInFile(app);
    const pinned = before.slice(0, 110).map((e) => e.id);
    for (const id of pinned) await app.app.api.pinEvent({ id });

    await app.app.api.updateSettings({ retention: { maxEvents: 100 } });

    const after = idsInFile(app);
    expect(after.map((e) => e.id)).toEqual(pinned);
    expect(after.every((e) => e.pinned)).toBe(true);
    const status = await app.app.api.getStatus();
    expect(status.retention.events).toBe(110);
    expect(status.retention.lastPrunedCount).toBe(20);

    // Capture keeps working over the limit; the new unpinned event is the next to go, not a pinned one.
    const fresh = await sendWebhook(app, { name: 'after.pinned.overflow' });
    app.app.store.prune();
    expect(idsInFile(app).map((e) => e.id)).toEqual(pinned);
    await expect(app.app.api.getEvent({ id: fresh })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports what it pruned and when in getStatus().retention, adding up across prunes', async () => {
    app = await appWithEvents(130);
    const fresh = await app.app.api.getStatus();
    expect(fresh.retention).toMatchObject({ events: 130, lastPrunedAt: null, lastPrunedCount: 0, totalPruned: 0 });

    const beforeFirst = Date.now();
    await app.app.api.updateSettings({ retention: { maxEvents: 120 } });
    const first = (await app.app.api.getStatus()).retention;
    expect(first).toMatchObject({ events: 120, lastPrunedCount: 10, totalPruned: 10 });
    expect(first.lastPrunedAt).toBeGreaterThanOrEqual(beforeFirst);
    expect(first.lastPrunedAt).toBeLessThanOrEqual(Date.now());

    await app.app.api.updateSettings({ retention: { maxEvents: 100 } });
    const second = (await app.app.api.getStatus()).retention;
    expect(second).toMatchObject({ events: 100, lastPrunedCount: 20, totalPruned: 30 });
    expect(second.lastPrunedAt).toBeGreaterThanOrEqual(first.lastPrunedAt as number);

    // A limit that already holds prunes nothing and leaves the report as it was.
    await app.app.api.updateSettings({ retention: { maxEvents: 500 } });
    expect((await app.app.api.getStatus()).retention).toEqual(second);
  });

  it('applies a saved limit on the next start', async () => {
    app = await appWithEvents(130);
    const dataDir = app.dataDir;
    const newest = idsInFile(app).slice(-100).map((e) => e.id);
    await app.app.api.updateSettings({ retention: { maxEvents: 100 } });
    await app.stop();

    app = await startTestApp({}, dataDir);
    expect((await app.app.api.getSettings()).retention.maxEvents).toBe(100);
    expect(idsInFile(app).map((e) => e.id)).toEqual(newest);
  });
});

describe('the feed: search, correlation keys and pages', () => {
  it('finds an event by a word of its body, and by the start of a word', async () => {
    app = await startTestApp();
    const wanted = await sendWebhook(app, { name: 'sms.incoming', text: 'Your parcel marmalade-7731 is on its way' });
    await sendWebhook(app, { name: 'sms.incoming', text: 'Your parcel is delayed' });
    await sendWebhook(app, { name: 'verify_code.success', phone: '+4915112345678' });

    const byWord = await app.app.api.listEvents({ filter: { text: 'marmalade' } });
    expect(byWord.events.map((e) => e.id)).toEqual([wanted]);
    const byPrefix = await app.app.api.listEvents({ filter: { text: 'marmal' } });
    expect(byPrefix.events.map((e) => e.id)).toEqual([wanted]);
    const twoWords = await app.app.api.listEvents({ filter: { text: 'parcel 7731' } });
    expect(twoWords.events.map((e) => e.id)).toEqual([wanted]);
    expect((await app.app.api.listEvents({ filter: { text: 'parcel' } })).events).toHaveLength(2);
    expect((await app.app.api.listEvents({ filter: { text: 'nowhere-to-be-found' } })).events).toEqual([]);
    // FTS syntax typed by a person is taken as words, not an error: every word must appear.
    expect((await app.app.api.listEvents({ filter: { text: '"(marmalade*' } })).events.map((e) => e.id)).toEqual([wanted]);
    expect((await app.app.api.listEvents({ filter: { text: 'marmalade OR delayed' } })).events).toEqual([]);
  });

  it('does not find a deleted event by its words', async () => {
    app = await startTestApp();
    const gone = await sendWebhook(app, { note: 'quokka' });
    const kept = await sendWebhook(app, { note: 'quokka again' });
    await app.app.api.deleteEvents({ ids: [gone] });
    expect((await app.app.api.listEvents({ filter: { text: 'quokka' } })).events.map((e) => e.id)).toEqual([kept]);
  });

  it('lists only the events that share a correlation key, newest first', async () => {
    app = await startTestApp();
    // No provider module yields correlation keys yet (the generic one yields none), so these events are
    // stored the way the ingress stores them, with the keys a provider module would give.
    const store = app.app.store;
    const endpointId = app.endpoint.id;
    const insert = (keys: string[], name: string): string => {
      const body = Buffer.from(JSON.stringify({ name }));
      const request: NewRequest = {
        id: newUlid(),
        endpointId,
        receivedAt: Date.now(),
        method: 'POST',
        path: 'lox24',
        query: '',
        headers: [['Content-Type', 'application/json']],
        contentType: 'application/json',
        body,
        bodySize: body.length,
        bodyTruncated: false,
        remoteAddress: '127.0.0.1',
        forwardedFor: null,
        flags: [],
        parseError: null,
        authCheck: null,
        response: { status: 200, headers: [], body: '{"received":true}', durationMs: 0.1 },
        description: {
          ...describeRequest({
            method: 'POST',
            path: 'lox24',
            query: '',
            headers: [],
            contentType: 'application/json',
            body,
            bodySize: body.length,
            json: { name },
            flags: [],
            parseError: null,
            endpointProvider: 'auto',
          }),
          correlationKeys: keys,
        },
        describedBy: describerVersion,
      };
      store.insertRequest(request);
      return request.id;
    };
    const sent = insert(['lox24:verify:abc', 'phone:+4915112345678'], 'verify_code.sent');
    insert(['lox24:verify:other'], 'verify_code.sent');
    const success = insert(['lox24:verify:abc'], 'verify_code.success');
    const sms = insert(['phone:+4915112345678'], 'sms.incoming');

    const story = await app.app.api.listEvents({ filter: { correlationKey: 'lox24:verify:abc' } });
    expect(story.events.map((e) => e.id)).toEqual([success, sent]);
    const phone = await app.app.api.listEvents({ filter: { correlationKey: 'phone:+4915112345678' } });
    expect(phone.events.map((e) => e.id)).toEqual([sms, sent]);
    expect((await app.app.api.listEvents({ filter: { correlationKey: 'lox24:verify:none' } })).events).toEqual([]);
    expect((await app.app.api.getEvent({ id: sent })).correlationKeys).toEqual(['lox24:verify:abc', 'phone:+4915112345678']);
  });

  it('pages through every event exactly once, newest first', async () => {
    app = await appWithEvents(130);
    const newestFirst = idsInFile(app)
      .map((e) => e.id)
      .reverse();

    for (const limit of [1, 7, 13, 130, 500]) {
      expect(await walkFeed(app, limit), `pages of ${limit}`).toEqual(newestFirst);
    }
  });

  it('shows no duplicates and skips nothing when webhooks arrive while the user pages down', async () => {
    app = await appWithEvents(50);
    const existing = idsInFile(app)
      .map((e) => e.id)
      .reverse();

    const seen: string[] = [];
    let cursor: number | null = null;
    let arrived = 0;
    do {
      const page = await app.app.api.listEvents({ cursor, limit: 8 });
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
      // A new webhook lands between every two pages: it is newer than anything below the cursor.
      await sendWebhook(app, { name: 'arrived.while.paging', n: arrived++ });
    } while (cursor !== null);

    expect(seen).toEqual(existing);
    const firstPage = await app.app.api.listEvents({ limit: arrived });
    expect(firstPage.events.every((e) => e.name === 'arrived.while.paging')).toBe(true);
  });

  it('pages a filtered feed exactly once too', async () => {
    app = await appWithEvents(130);
    const all = await walkFeed(app, 500);
    const lox = await walkFeed(app, 500, { text: 'LOX24' });
    expect(lox.length).toBeGreaterThan(10);
    expect(lox.length).toBeLessThan(all.length);
    expect(await walkFeed(app, 7, { text: 'LOX24' })).toEqual(lox);
  });
});
