import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { tempDir } from '../support/app';
import { startServe } from '../support/serve';

describe('durability', () => {
  it('keeps every request that got a 2xx exactly once when the process is SIGKILLed mid-flight', async () => {
    const dataDir = tempDir();
    const first = await startServe(['--data-dir', dataDir]);
    const url = `${first.info.endpoints[0]?.url}/lox24`;
    const total = 400;
    const acknowledged = new Map<number, string>();
    let answered = 0;
    let killed = false;

    const sends = Array.from({ length: total }, async (_, n) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: 'durability.probe', n }),
        });
        const body = (await response.json()) as { id?: string };
        if (response.status >= 200 && response.status < 300 && body.id) acknowledged.set(n, body.id);
      } catch {
        // Cut off by the kill: never acknowledged, so the provider would retry. Nothing is owed.
      }
      answered++;
      if (answered >= total / 4 && !killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    });
    await Promise.all(sends);
    expect(await first.exited).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThan(0);

    // Restart on the same folder: the stale lock of the killed process is taken over.
    const second = await startServe(['--data-dir', dataDir]);
    try {
      const origin = new URL(second.info.ui).origin;
      const seen = new Map<string, number>();
      let cursor: number | null = null;
      do {
        const response = await fetch(`${origin}/api/listEvents`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${second.info.token}` },
          body: JSON.stringify({ limit: 500, cursor }),
        });
        const page = (await response.json()) as { events: { id: string }[]; nextCursor: number | null };
        for (const event of page.events) seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
        cursor = page.nextCursor;
      } while (cursor !== null);

      for (const [n, id] of acknowledged) {
        expect(seen.get(id), `request ${n} was answered 2xx as ${id}`).toBe(1);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const db = new Database(path.join(dataDir, 'hookbridge.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
