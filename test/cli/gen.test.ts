import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { runCli, startServe } from '../support/serve';

describe('hookbridge gen', () => {
  it('fills a folder with realistic events of both providers that serve then lists', async () => {
    const dataDir = tempDir();
    const gen = await runCli(['gen', '--count', '300', '--data-dir', dataDir, '--seed', '7']);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('Generated 300 events');
    // Indexed for search as it was written: the first search does not pay for the whole history.
    const db = new Database(path.join(dataDir, 'hookbridge.db'), { readonly: true });
    try {
      const mark = db.prepare("SELECT value FROM settings WHERE key = 'search_index_seq'").pluck().get();
      expect(Number(mark)).toBe(db.prepare('SELECT max(seq) FROM requests').pluck().get());
      expect(db.prepare("SELECT count(*) FROM requests_fts WHERE requests_fts MATCH 'lox24'").pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }

    const serve = await startServe(['--data-dir', dataDir]);
    try {
      const call = async (input: unknown) => {
        const response = await fetch(`${new URL(serve.info.ui).origin}/api/listEvents`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` },
          body: JSON.stringify(input),
        });
        return (await response.json()) as { events: { name: string; receivedAt: number }[]; nextCursor: number | null };
      };
      const page = await call({ limit: 500 });
      expect(page.events).toHaveLength(300);
      const names = new Set(page.events.map((e) => e.name));
      expect([...names].some((n) => n.startsWith('verify_code.'))).toBe(true);
      expect([...names].some((n) => n.startsWith('validation_attempt.') || n.startsWith('auth_attempt.'))).toBe(true);
      // Spread over the past, newest first.
      const times = page.events.map((e) => e.receivedAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect((times[0] ?? 0) - (times.at(-1) ?? 0)).toBeGreaterThan(24 * 3600_000);
      // Searchable by body text.
      const search = await call({ filter: { text: 'LOX24' } });
      expect(search.events.length).toBeGreaterThan(0);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });

  it('refuses to write into a folder a running serve owns', async () => {
    const dataDir = tempDir();
    const serve = await startServe(['--data-dir', dataDir]);
    try {
      const gen = await runCli(['gen', '--count', '10', '--data-dir', dataDir]);
      expect(gen.code).toBe(1);
      expect(gen.stderr).toContain('Another Hookbridge');
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
