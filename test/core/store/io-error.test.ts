// The disk itself failing or filling up: a real `hookbridge serve` whose writes to its database get EIO (a dying
// disk) or ENOSPC (a full one) from an LD_PRELOAD shim (test/support/io-fault.c) while the fault is on. The
// promises: no 2xx for anything that was not committed, a 500 with a sentence for each affected request, the
// status API says why, capture resumes by itself when the disk recovers, and the file is intact afterwards.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventSummary, Status } from '../../../main/core/model';
import { tempDir } from '../../support/app';
import { ioFault } from '../../support/io-fault';
import { serveApi, startServe, type ServeProcess } from '../../support/serve';

let serve: ServeProcess | undefined;
afterEach(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  serve = undefined;
});

const api = <T>(target: ServeProcess, method: string, input: unknown = {}): Promise<T> => serveApi<T>(target.info, method, input);

async function post(target: ServeProcess, tag: string): Promise<{ status: number; body: { id?: string; error?: { code: string; message: string } } }> {
  const response = await fetch(target.info.endpoints[0]?.url ?? '', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // Big enough to need new pages, so the write reaches the disk.
    body: JSON.stringify({ name: 'disk.probe', tag, padding: 'x'.repeat(20_000) }),
  });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: { code: string; message: string } } };
}

const faults = [
  {
    what: 'an I/O error on the database file',
    errno: 'EIO',
    code: 'STORE_IO',
    sentence: /^The disk reported an I\/O error while writing the database \(.*\)\. Check the disk; capture resumes by itself once writes succeed\./,
  },
  {
    what: 'a full disk under the database file',
    errno: 'ENOSPC',
    code: 'STORE_FULL',
    sentence: /^The database is full \(.*\)\. Free disk space or lower the retention limits; capture resumes by itself\./,
  },
] as const;

describe.each(faults)('$what', ({ errno, code, sentence }) => {
  it(`answers 500 ${code} for every request it hits, says so in the status, and captures again once the disk recovers`, async () => {
    const dataDir = tempDir();
    const fault = ioFault(path.join(dataDir, 'hookbridge.db'), errno);
    serve = await startServe(['--data-dir', dataDir], { env: fault.env });

    const before = await post(serve, 'before');
    expect(before.status).toBe(200);

    fault.on();
    const during = [];
    for (let i = 0; i < 5; i++) during.push(await post(serve, `during-${i}`));
    for (const answer of during) {
      expect(answer.status).toBe(500);
      expect(answer.body.id).toBeUndefined();
      expect(answer.body.error?.code).toBe(code);
      expect(answer.body.error?.message).toMatch(sentence);
    }
    const failing = await api<Status>(serve, 'getStatus');
    expect(failing.store.ok).toBe(false);
    expect(failing.store.lastError?.code).toBe(code);
    expect(failing.store.failedWrites).toBe(5);
    // What was captured before the fault is still there to look at.
    expect((await api<{ events: EventSummary[] }>(serve, 'listEvents')).events.map((e) => e.id)).toEqual([before.body.id]);

    fault.off();
    const after = await post(serve, 'after');
    expect(after.status).toBe(200);
    const resumed = await api<Status>(serve, 'getStatus');
    expect(resumed.store.ok).toBe(true);
    expect(resumed.store.lastError).toBeNull();
    const feed = await api<{ events: EventSummary[] }>(serve, 'listEvents');
    expect(feed.events.map((e) => e.id)).toEqual([after.body.id, before.body.id]);
    // The search index catches up over what the fault interrupted, too.
    const found = await api<{ events: EventSummary[] }>(serve, 'listEvents', { filter: { text: 'disk probe' } });
    expect(found.events.map((e) => e.id)).toEqual([after.body.id, before.body.id]);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    serve = undefined;
    const db = new Database(path.join(dataDir, 'hookbridge.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const bodies = (db.prepare('SELECT body FROM requests ORDER BY seq').all() as { body: Buffer }[]).map((r) => (JSON.parse(r.body.toString()) as { tag: string }).tag);
      expect(bodies).toEqual(['before', 'after']);
    } finally {
      db.close();
    }
  });
});
