// Another process writing to the same database now and then (a DB browser, a script, sqlite3 on the command
// line): webhooks wait for its short transactions instead of failing. A deferred transaction that reads before
// it writes (the duplicate lookup) fails at once with SQLITE_BUSY when the other process committed in between;
// the ingress's inserts take the write lock first (BEGIN IMMEDIATE), so they wait within the busy timeout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseFileName } from '../../../main/core/store/store';
import { startTestApp, waitUntil, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

// A second process committing tiny transactions back to back from before the first webhook until after the last:
// it says "writing" once it has committed, and stops (printing how many it made) when its stdin closes.
const otherWriter = `
const Database = require(${JSON.stringify(path.resolve('node_modules/better-sqlite3'))});
const db = new Database(process.argv[1], { timeout: 5000 });
const write = db.prepare("INSERT INTO settings (key, value) VALUES ('other_writer_probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
let commits = 0;
let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();
const tick = () => {
  for (let i = 0; i < 20; i++) { write.run(String(commits++)); }
  if (commits === 20) console.log('writing');
  if (!stop) setImmediate(tick); else { console.log(commits); db.close(); }
};
tick();
`;

describe('another process writing to the database', () => {
  it('makes webhooks and the search index wait, not fail: 600 LOX24 webhooks during its writes are all answered 200, stored and found', async () => {
    app = await startTestApp();
    const complaints = vi.spyOn(console, 'error');
    const payload = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'));
    const child = spawn(process.execPath, ['-e', otherWriter, path.join(app.dataDir, databaseFileName)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitUntil(() => out.startsWith('writing\n') || child.exitCode !== null, 'the other process to be writing');
    const db = app.app.store.db;
    const probe = (): number => Number(db.prepare("SELECT value FROM settings WHERE key = 'other_writer_probe'").pluck().get());
    const before = probe();

    const statuses: number[] = [];
    for (let wave = 0; wave < 20; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${app?.endpoint.url}/lox24`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload }).then((r) => r.status)),
      );
      statuses.push(...answers);
    }
    const after = probe();
    child.stdin.end(); // it writes until now, however long the webhooks took
    expect(await exited, err).toBe(0);
    expect(out, err).toMatch(/^writing\n\d+\n$/);
    expect(after, 'the other process made no commits while the webhooks came in: the test proved nothing').toBeGreaterThan(before);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await app.app.api.countEvents({})).events).toBe(600);
    // The search indexer ran beside it all along (its slices read, then write): it never gave up on a slice.
    expect(complaints.mock.calls.map((args) => String(args[0]))).toEqual([]);
    expect((await app.app.api.countEvents({ filter: { text: 'Telegram' } })).events).toBe(600);
    complaints.mockRestore();
  }, 30_000);
});
