// Another process writing to the same database now and then (a DB browser, a script, sqlite3 on the command
// line): webhooks wait for its short transactions instead of failing. A deferred transaction that reads before
// it writes (the duplicate lookup) fails at once with SQLITE_BUSY when the other process committed in between;
// the ingress's inserts take the write lock first (BEGIN IMMEDIATE), so they wait within the busy timeout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseFileName } from '../../../main/core/store/store';
import { startTestApp, type TestApp } from '../../support/app';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

// A second process committing tiny transactions back to back for `seconds`, then printing how many it made.
const otherWriter = `
const Database = require(${JSON.stringify(path.resolve('node_modules/better-sqlite3'))});
const db = new Database(process.argv[1], { timeout: 5000 });
const write = db.prepare("INSERT INTO settings (key, value) VALUES ('other_writer_probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
const until = Date.now() + Number(process.argv[2]) * 1000;
let commits = 0;
const tick = () => {
  for (let i = 0; i < 20; i++) { write.run(String(commits++)); }
  if (Date.now() < until) setImmediate(tick); else { console.log(commits); db.close(); }
};
tick();
`;

describe('another process writing to the database', () => {
  it('makes webhooks and the search index wait, not fail: 600 LOX24 webhooks during its writes are all answered 200, stored and found', async () => {
    app = await startTestApp();
    const complaints = vi.spyOn(console, 'error');
    const payload = fs.readFileSync(path.resolve('test/fixtures/seeds/lox24.verify_code.channel.failed.json'));
    const child = spawn(process.execPath, ['-e', otherWriter, path.join(app.dataDir, databaseFileName), '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 200)); // it is writing

    const statuses: number[] = [];
    for (let wave = 0; wave < 20; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${app?.endpoint.url}/lox24`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload }).then((r) => r.status)),
      );
      statuses.push(...answers);
    }
    expect(await exited, err).toBe(0);
    expect(Number(out), 'the other process made no commits: the test proved nothing').toBeGreaterThan(1_000);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await app.app.api.countEvents({})).events).toBe(600);
    // The search indexer ran beside it all along (its slices read, then write): it never gave up on a slice.
    expect(complaints.mock.calls.map((args) => String(args[0]))).toEqual([]);
    expect((await app.app.api.countEvents({ filter: { text: 'Telegram' } })).events).toBe(600);
    complaints.mockRestore();
  }, 30_000);
});
