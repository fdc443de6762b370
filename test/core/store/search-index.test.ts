import { afterEach, describe, expect, it } from 'vitest';
import type { NewRequest } from '../../../main/core/store/requests';
import { Store } from '../../../main/core/store/store';
import { startTestApp, tempDir, type TestApp } from '../../support/app';
import { storedRequest } from '../../support/requests';

const request = (endpointId: string, text: string): NewRequest => storedRequest(endpointId, { name: 'note.added', text }, { headers: [] });

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('full-text search index', () => {
  it('finds a webhook the moment it was answered, before the background indexer ran', async () => {
    app = await startTestApp();
    await fetch(app.endpoint.url, { method: 'POST', body: JSON.stringify({ name: 'x', note: 'marmalade' }) });
    const page = await app.app.api.listEvents({ filter: { text: 'marmalade' } });
    expect(page.events).toHaveLength(1);
  });

  it('an empty body (a GET, a ping) does not stop the index: events after it are still found', async () => {
    app = await startTestApp();
    expect((await fetch(app.endpoint.url, { method: 'POST' })).status).toBe(200);
    expect((await fetch(app.endpoint.url, { method: 'GET' })).status).toBe(200);
    await fetch(app.endpoint.url, { method: 'POST', body: JSON.stringify({ name: 'after', note: 'persimmon' }) });
    expect((await app.app.api.listEvents({ filter: { text: 'persimmon' } })).events).toHaveLength(1);
    expect(app.app.store.requests.searchIndex.catchUp()).toBe(0);
  });

  it('rows whose indexing failed to commit (a full disk) are indexed on the next try, not skipped for good', () => {
    const store = Store.open(tempDir(), { busyTimeoutMs: 1000 });
    try {
      const endpoint = store.endpoints.create({ name: 'default' });
      const rows = Array.from({ length: 200 }, (_, i) => request(endpoint.id, `capybara ${'words '.repeat(50)} ${i}`));
      store.insertMany(rows);
      const roomy = store.db.pragma('max_page_count', { simple: true }) as number;
      store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
      expect(() => store.requests.searchIndex.catchUp()).toThrow(/full/);
      store.db.pragma(`max_page_count = ${roomy}`);
      expect(store.requests.searchIndex.catchUp()).toBe(200);
      expect(store.requests.list({ text: 'capybara' }, null, 500).events).toHaveLength(200);
    } finally {
      store.close();
    }
  });

  it('a search finds what the plain FTS5 prefix query finds, however the last word is spelled out', () => {
    const store = Store.open(tempDir(), { busyTimeoutMs: 1000 });
    try {
      const endpoint = store.endpoints.create({ name: 'default' });
      const texts = ['telegram', 'Telegrams', 'TELEGRAMMED', 'telegraph', 'tele', 'televisión', 'Téléphone', 'sms', 'smsc', 'x_ray', '4915112345'];
      for (let i = 0; i < 40; i++) texts.push(`term${i} common`); // more than 16 terms share "term"
      store.insertMany(texts.map((text) => request(endpoint.id, text)));
      const ids = (text: string) => store.requests.list({ text }, null, 500).events.map((e) => e.seq);
      store.requests.searchIndex.catchUp();
      const plain = (prefix: string) =>
        (store.db.prepare('SELECT rowid FROM requests_fts WHERE requests_fts MATCH ? ORDER BY rowid DESC').pluck().all(prefix) as number[]);
      for (const [typed, fts] of [
        ['telegram', '"telegram"*'],
        ['Telegr', '"Telegr"*'],
        ['tele', '"tele"*'],
        ['téle', '"téle"*'],
        ['sms', '"sms"*'],
        ['x_r', '"x_r"*'],
        ['term', '"term"*'],
        ['common term1', '"common" "term1"*'],
        ['4915', '"4915"*'],
        ['zebra', '"zebra"*'],
      ] as const) {
        expect(ids(typed), typed).toEqual(plain(fts));
      }
      expect(ids('telegram')).toHaveLength(3);
      expect(store.requests.searchIndex.termsStartingWith('telegram')).toEqual(['telegram', 'telegrammed', 'telegrams']);
      expect(store.requests.searchIndex.termsStartingWith('term')).toBeNull();
      expect(store.requests.searchIndex.termsStartingWith('télé')).toBeNull();
    } finally {
      store.close();
    }
  });

  it('pages a search newest first by cursor, both ways, without gaps or repeats', async () => {
    const dataDir = tempDir();
    const store = Store.open(dataDir, { busyTimeoutMs: 1000 });
    try {
      const endpoint = store.endpoints.create({ name: 'default' });
      const wanted: string[] = [];
      const batch = Array.from({ length: 500 }, (_, i) => {
        const r = request(endpoint.id, i % 2 === 0 ? `quokka ${i}` : `wombat ${i}`);
        if (i % 2 === 0) wanted.push(r.id);
        return r;
      });
      store.insertMany(batch);
      const seen: string[] = [];
      let cursor: number | null = null;
      const cursors: number[] = [];
      do {
        const page = store.requests.list({ text: 'quokka' }, cursor, 100);
        seen.push(...page.events.map((e) => e.id));
        cursor = page.nextCursor;
        if (cursor !== null) cursors.push(cursor);
      } while (cursor !== null);
      expect(seen).toEqual([...wanted].reverse());
      // Climbing back up from the second page's cursor: the 100 matches just above it, newest first, and the same
      // page and cursor as the general query (text plus a filter that keeps everything) gives.
      const up = store.requests.list({ text: 'quokka' }, cursors[1] ?? null, 100, null, 'newer');
      const general = store.requests.list({ text: 'quokka', provider: 'generic' }, cursors[1] ?? null, 100, null, 'newer');
      expect(up.events.map((e) => e.id)).toEqual(seen.slice(99, 199));
      expect(up).toEqual(general);
      expect(store.requests.list({ text: 'quokka', provider: 'generic' }, null, 500).events.map((e) => e.id)).toEqual(seen);
    } finally {
      store.close();
    }
  });

  it('indexes after a restart what was committed but not yet indexed when the process died', async () => {
    const dataDir = tempDir();
    const store = Store.open(dataDir, { busyTimeoutMs: 1000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    store.insertMany([request(endpoint.id, 'quince'), request(endpoint.id, 'rhubarb')]);
    store.close(); // no catch-up: as if killed right after the commit

    app = await startTestApp({}, dataDir);
    expect((await app.app.api.listEvents({ filter: { text: 'quince' } })).events).toHaveLength(1);
    expect((await app.app.api.listEvents({ filter: { text: 'rhubarb' } })).events).toHaveLength(1);
  });

  it('forgets a deleted event whether or not it was indexed yet', async () => {
    const dataDir = tempDir();
    const store = Store.open(dataDir, { busyTimeoutMs: 1000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    const indexed = request(endpoint.id, 'gooseberry');
    store.insertMany([indexed]);
    store.requests.searchIndex.catchUp();
    const unindexed = request(endpoint.id, 'gooseberry');
    store.insertMany([unindexed]);
    expect(store.deleteRequests([indexed.id, unindexed.id])).toBe(2);
    expect(store.requests.list({ text: 'gooseberry' }, null, 10).events).toEqual([]);
    store.close();
  });
});
