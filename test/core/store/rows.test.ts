// Rows and the model meet in one place (store/rows.ts): what an insert hands the feed is what reading it back
// gives, and the insert writes every column the migrations created.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRowSql } from '../../../main/core/store/rows';
import { Store } from '../../../main/core/store/store';
import { tempDir } from '../../support/app';
import { storedRequest } from '../../support/requests';

const seed = (file: string): unknown => JSON.parse(fs.readFileSync(path.resolve('test/fixtures/seeds', file), 'utf8'));

let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('requests rows', () => {
  it('the feed row an insert returns is the row a page read gives back, field for field', () => {
    store = Store.open(tempDir(), { busyTimeoutMs: 5_000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    const request = {
      ...storedRequest(endpoint.id, seed('lox24.verify_code.channel.failed.json'), { flags: ['auth_failed'], status: 401 }),
      authCheck: { scheme: 'header', result: 'invalid', reason: 'header value differs', enforced: true } as const,
      answeredBy: { ruleId: 'r1', name: 'fail twice', delayMs: 0, dropped: false },
    };
    const first = store.requests.insert(request);
    const plain = storedRequest(endpoint.id, seed('soyio.auth_attempt.failed.json'));
    const delivered = store.requests.insert(plain);
    const again = store.requests.insert({ ...plain, id: `${plain.id.slice(0, -1)}${plain.id.endsWith('Z') ? 'Y' : 'Z'}` });

    const page = store.requests.list({}, null, 10);
    expect(page.events).toEqual([again.summary, delivered.summary, first.summary]);
    expect(first.summary).toMatchObject({ id: request.id, status: 401, flags: ['auth_failed'], severity: request.description.severity, pinned: false, answeredBy: request.answeredBy, authCheck: request.authCheck });
    // The second delivery of the same body is linked to the first, in the insert's answer and on the page alike.
    expect(again.duplicateOf).toBe(plain.id);
    expect(again.summary.duplicateOf).toBe(plain.id);
  });

  it('an event read back has the headers, body bytes, answer and correlation keys it was stored with', () => {
    store = Store.open(tempDir(), { busyTimeoutMs: 5_000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    const request = storedRequest(endpoint.id, seed('soyio.auth_attempt.failed.json'), { headers: [['X-Trace', 'a b']] });
    store.requests.insert(request);
    const event = store.requests.get(request.id);
    expect(event).toMatchObject({
      headers: [['X-Trace', 'a b']],
      body: request.body.toString('utf8'),
      bodyEncoding: 'utf8',
      response: request.response,
      correlationKeys: [...request.description.correlationKeys].sort(),
      explanationKey: request.description.explanation,
    });
    expect(store.requests.raw(request.id).body.equals(request.body)).toBe(true);
  });

  it('the insert names every column the migrations created, but the two the database fills (seq, pinned) and the two written after it (alert decision, schema check)', () => {
    store = Store.open(tempDir(), { busyTimeoutMs: 5_000 });
    const columns = (store.db.prepare("SELECT name FROM pragma_table_info('requests')").all() as { name: string }[]).map((c) => c.name);
    const inserted = /^INSERT INTO requests \(([^)]+)\) VALUES/.exec(insertRowSql)?.[1]?.split(', ') ?? [];
    expect([...inserted].sort()).toEqual(columns.filter((c) => !['seq', 'pinned', 'alert', 'schema_check'].includes(c)).sort());
  });

  it('the keys of a new row, answered from memory, are the keys a fresh connection reads back; replaced keys too', () => {
    const dir = tempDir();
    store = Store.open(dir, { busyTimeoutMs: 5_000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    const { seq } = store.requests.insert(storedRequest(endpoint.id, seed('lox24.verify_code.channel.failed.json')));
    const remembered = store.requests.keysOf(seq);
    expect(remembered.length).toBeGreaterThan(1);
    const stored = (store.db.prepare('SELECT key FROM request_keys WHERE seq = ? ORDER BY key').all(seq) as { key: string }[]).map((row) => row.key);
    expect(remembered).toEqual(stored);
    store.requests.replaceKeys(seq, ['b:2', 'a:1', 'a:1']);
    const replaced = store.requests.keysOf(seq);
    store.close();
    store = Store.open(dir, { busyTimeoutMs: 5_000 });
    expect(store.requests.keysOf(seq)).toEqual(replaced);
    expect(replaced).toEqual(['a:1', 'b:2']);
    expect(remembered).toEqual([...remembered].sort());
  });

  it('answers every row its own keys after many more rows: the newest from memory, older ones from the database', () => {
    store = Store.open(tempDir(), { busyTimeoutMs: 5_000 });
    const endpoint = store.endpoints.create({ name: 'default' });
    const example = seed('lox24.verify_code.channel.failed.json') as { data: Record<string, unknown> };
    // Each row its own verify id (a key of its own), more rows than the memory keeps (4,096 to 8,192).
    const requests = Array.from({ length: 9_000 }, (_, n) =>
      storedRequest(endpoint.id, { ...example, data: { ...example.data, id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` } }),
    );
    const inserted = store.insertMany(requests).map((r) => {
      if (r instanceof Error) throw r;
      return r;
    });
    const stored = store.db.prepare('SELECT key FROM request_keys WHERE seq = ? ORDER BY key').pluck();
    for (const n of [0, 1, 4_095, 4_096, 4_097, 8_191, 8_192, 8_999]) {
      const { seq } = inserted[n] as { seq: number };
      const keys = store.requests.keysOf(seq);
      expect(keys).toContain(`lox24:verify:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
      expect(keys).toEqual(stored.all(seq));
    }
  });
});
