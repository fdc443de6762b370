// The store failing for real: each failure is caused through SQLite itself (tests run as root, so file
// permissions would not stop a write). The promise under test: a 2xx only for what was committed, a 500 with
// a reason otherwise, the status says why, and capture resumes by itself once SQLite accepts writes again.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '../../../main/core/model';
import { databaseFileName } from '../../../main/core/store/store';
import { startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
let other: Database.Database | undefined;
afterEach(async () => {
  if (other?.open) other.close();
  other = undefined;
  await app?.stop();
  app = undefined;
});

interface Answer {
  status: number;
  body: { received?: boolean; id?: string; error?: { code: string; message: string } };
}

/** Sends one webhook like a provider would and keeps what it was told. */
async function sendWebhook(target: TestApp, body: string): Promise<Answer> {
  const response = await fetch(target.endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** A JSON body of about `bytes` bytes: big enough to need new database pages. */
function bigBody(bytes: number, tag: string): string {
  return JSON.stringify({ name: 'store.probe', tag, padding: 'x'.repeat(bytes) });
}

/** Rows in the file, read through a connection of its own: what would survive if Hookbridge died now. */
function committedRows(target: TestApp): number {
  const reader = new Database(path.join(target.dataDir, databaseFileName), { readonly: true });
  try {
    return (reader.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

/** Every status.changed message the app emits from now on. */
function watchStatus(target: TestApp): Status[] {
  const seen: Status[] = [];
  target.app.bus.subscribe((message) => {
    if (message.type === 'status.changed') seen.push(message.data);
  });
  return seen;
}

const is2xx = (answer: Answer): boolean => answer.status >= 200 && answer.status < 300;

describe('store failures: the provider is told 500 and retries, nothing half-stored', () => {
  it('answers 500 STORE_FULL and stores nothing when the database is full, then captures again once there is room', async () => {
    app = await startTestApp();
    const db = app.app.store.db;
    const answers: Answer[] = [];
    const statusMessages = watchStatus(app);
    const eventsBefore = (await app.app.api.listEvents({})).events.length;

    const roomy = db.pragma('max_page_count', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);

    const refused = await sendWebhook(app, bigBody(256 * 1024, 'while-full'));
    answers.push(refused);
    expect(refused.status).toBe(500);
    expect(refused.body.received).toBeUndefined();
    expect(refused.body.error?.code).toBe('STORE_FULL');
    expect(refused.body.error?.message).toMatch(/^The database is full .*Free disk space or lower the retention limits.*\.$/);
    expect(refused.body.error?.message).toMatch(/Nothing was stored; retry later\.$/);
    expect((await app.app.api.listEvents({})).events).toHaveLength(eventsBefore);

    const failing = await app.app.api.getStatus();
    expect(failing.store.ok).toBe(false);
    expect(failing.store.lastError?.code).toBe('STORE_FULL');
    expect(failing.store.lastError?.message).toMatch(/database is full/);
    expect(failing.store.failedWrites).toBe(1);
    expect(statusMessages.some((s) => !s.store.ok && s.store.lastError?.code === 'STORE_FULL')).toBe(true);

    db.pragma(`max_page_count = ${roomy}`);
    const accepted = await sendWebhook(app, bigBody(256 * 1024, 'after-room'));
    answers.push(accepted);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ received: true, id: expect.any(String) });
    const stored = await app.app.api.getEvent({ id: accepted.body.id as string });
    expect(stored.body).toContain('after-room');
    expect((await app.app.api.listEvents({})).events.map((e) => e.id)).toEqual([accepted.body.id]);

    const resumed = await app.app.api.getStatus();
    expect(resumed.store.ok).toBe(true);
    expect(resumed.store.lastError).toBeNull();
    // The UI hears that capture resumed, so its banner goes away.
    await vi.waitFor(() => expect(statusMessages.at(-1)?.store.ok).toBe(true), { timeout: 20_000 });

    expect(committedRows(app)).toBe(answers.filter(is2xx).length);
  });

  it('answers 500 STORE_BUSY when another program holds the write lock past the busy timeout, and 200 once it lets go', async () => {
    app = await startTestApp({ store: { busyTimeoutMs: 200 } });
    const answers: Answer[] = [];
    const statusMessages = watchStatus(app);

    other = new Database(path.join(app.dataDir, databaseFileName));
    other.exec('BEGIN IMMEDIATE');

    const refused = await sendWebhook(app, bigBody(100, 'while-locked'));
    answers.push(refused);
    expect(refused.status).toBe(500);
    expect(refused.body.error?.code).toBe('STORE_BUSY');
    expect(refused.body.error?.message).toMatch(/locked by another program.*Close whatever holds it/);
    const failing = await app.app.api.getStatus();
    expect(failing.store.ok).toBe(false);
    expect(failing.store.lastError?.code).toBe('STORE_BUSY');
    expect(statusMessages.some((s) => s.store.lastError?.code === 'STORE_BUSY')).toBe(true);

    other.exec('ROLLBACK');
    other.close();

    const accepted = await sendWebhook(app, bigBody(100, 'after-unlock'));
    answers.push(accepted);
    expect(accepted.status).toBe(200);
    expect((await app.app.api.getEvent({ id: accepted.body.id as string })).body).toContain('after-unlock');
    expect((await app.app.api.getStatus()).store.ok).toBe(true);

    expect(committedRows(app)).toBe(answers.filter(is2xx).length);
  });

  it('answers 500 STORE_READONLY when the database refuses writes, and 200 once it accepts them again', async () => {
    app = await startTestApp();
    const db = app.app.store.db;
    const answers: Answer[] = [];
    const statusMessages = watchStatus(app);

    // SQLite reports query_only as SQLITE_READONLY ("attempt to write a readonly database").
    db.pragma('query_only = ON');
    const refused = await sendWebhook(app, bigBody(100, 'while-readonly'));
    answers.push(refused);
    expect(refused.status).toBe(500);
    expect(refused.body.error?.code).toBe('STORE_READONLY');
    expect(refused.body.error?.message).toMatch(/cannot be written.*Check the data folder's permissions and disk/);
    const failing = await app.app.api.getStatus();
    expect(failing.store.ok).toBe(false);
    expect(failing.store.lastError?.code).toBe('STORE_READONLY');
    expect(statusMessages.some((s) => s.store.lastError?.code === 'STORE_READONLY')).toBe(true);

    db.pragma('query_only = OFF');
    const accepted = await sendWebhook(app, bigBody(100, 'after-readonly'));
    answers.push(accepted);
    expect(accepted.status).toBe(200);
    expect((await app.app.api.getEvent({ id: accepted.body.id as string })).body).toContain('after-readonly');
    expect((await app.app.api.getStatus()).store.ok).toBe(true);

    expect(committedRows(app)).toBe(answers.filter(is2xx).length);
  });

  it('keeps failing requests out of the feed while earlier captured events stay readable', async () => {
    app = await startTestApp();
    const db = app.app.store.db;
    const answers: Answer[] = [];

    const before = await sendWebhook(app, bigBody(100, 'before-full'));
    answers.push(before);
    expect(before.status).toBe(200);

    const roomy = db.pragma('max_page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    for (let i = 0; i < 3; i++) {
      const refused = await sendWebhook(app, bigBody(256 * 1024, `full-${i}`));
      answers.push(refused);
      expect(refused.status).toBe(500);
    }
    expect((await app.app.api.getStatus()).store.failedWrites).toBe(3);
    // The history is still there to look at while capture is failing.
    const feed = await app.app.api.listEvents({});
    expect(feed.events.map((e) => e.id)).toEqual([before.body.id]);
    expect(app.app.status().counters.stored).toBe(1);

    db.pragma(`max_page_count = ${roomy}`);
    const after = await sendWebhook(app, bigBody(256 * 1024, 'after-full'));
    answers.push(after);
    expect(after.status).toBe(200);
    expect((await app.app.api.listEvents({})).events.map((e) => e.id)).toEqual([after.body.id, before.body.id]);

    expect(committedRows(app)).toBe(answers.filter(is2xx).length);
    expect(committedRows(app)).toBe(2);
  });
});
