// Soak: 20 rounds of SIGKILL under load on the real `hookbridge serve`. After every restart, each request that
// was ever answered 2xx is in the database exactly once, and the file passes SQLite's integrity check.
// Bounded: 20 rounds × 150 requests, all to 127.0.0.1.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { startServe, type ServeProcess } from '../support/serve';

const rounds = 20;
const perRound = 150;

/** Fires `perRound` webhooks at once and SIGKILLs the server once `killAfter` of them were answered. */
async function loadAndKill(serve: ServeProcess, round: number, killAfter: number): Promise<Map<string, string>> {
  const url = `${serve.info.endpoints[0]?.url}/lox24`;
  const acknowledged = new Map<string, string>();
  let answered = 0;
  let killed = false;
  await Promise.all(
    Array.from({ length: perRound }, async (_, n) => {
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'soak.probe', round, n }) });
        const body = (await response.json()) as { id?: string };
        if (response.ok && body.id) acknowledged.set(`${round}:${n}`, body.id);
      } catch {
        // Cut off by the kill: never acknowledged; a provider would retry.
      }
      if (++answered >= killAfter && !killed) {
        killed = true;
        serve.child.kill('SIGKILL');
      }
    }),
  );
  if (!killed) serve.child.kill('SIGKILL');
  expect(await serve.exited).toBe('SIGKILL');
  return acknowledged;
}

describe('crash soak', () => {
  it(`keeps every 2xx-answered request exactly once through ${rounds} SIGKILLs under load`, async () => {
    const dataDir = tempDir();
    const everAcknowledged = new Map<string, string>();
    for (let round = 0; round < rounds; round++) {
      const serve = await startServe(['--data-dir', dataDir]);
      // Kill at a different point each round: early, mid-burst, late.
      const killAfter = Math.floor(perRound * (0.1 + ((round * 37) % 80) / 100));
      for (const [key, id] of await loadAndKill(serve, round, killAfter)) everAcknowledged.set(key, id);

      const db = new Database(path.join(dataDir, 'hookbridge.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const counts = new Map((db.prepare('SELECT id, count(*) AS n FROM requests GROUP BY id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]));
        for (const [key, id] of everAcknowledged) expect(counts.get(id), `request ${key}, answered 2xx as ${id}, after round ${round}`).toBe(1);
      } finally {
        db.close();
      }
    }
    expect(everAcknowledged.size).toBeGreaterThan(rounds * 10);
    // The folder still serves after all that.
    const last = await startServe(['--data-dir', dataDir]);
    try {
      const response = await fetch(last.info.endpoints[0]?.url ?? '', { method: 'POST', body: '{"name":"after.soak"}' });
      expect(response.status).toBe(200);
    } finally {
      last.child.kill('SIGTERM');
      await last.exited;
    }
  }, 240_000);
});
