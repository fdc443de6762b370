// The duplicate and retry lookups run twice per webhook: each must stay one probe of its index (never a scan of
// the requests table), with their parameters written as CAST(? AS TEXT) so that SQLite (built with STAT4 by
// better-sqlite3) does not re-plan them on every binding.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryLinks } from '../../../main/core/store/links';
import { Store } from '../../../main/core/store/store';
import { tempDir } from '../../support/app';

let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

/** Every statement the lookups prepare, with the plan SQLite picks for it. */
function plansOf(db: Database.Database): { sql: string; plan: string[] }[] {
  const prepared: string[] = [];
  const recording = new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'prepare') return (sql: string) => (prepared.push(sql), target.prepare(sql));
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  new DeliveryLinks(recording);
  return prepared.map((sql) => {
    const params = (sql.match(/\?/g) ?? []).map((_, i, all) => (i === all.length - 1 ? 10 : 'x'));
    return { sql, plan: (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail) };
  });
}

describe('delivery links', () => {
  it('look up by one index probe each, with parameters SQLite does not re-plan for', () => {
    store = Store.open(tempDir(), { busyTimeoutMs: 1_000 });
    const plans = plansOf(store.db);
    expect(plans).toHaveLength(2);
    for (const { sql, plan } of plans) {
      expect(plan).toEqual([expect.stringMatching(/^SEARCH requests USING INDEX requests_(delivery|retry_group) \(/)]);
      expect(sql).not.toMatch(/= \?/); // a bare parameter compared to an indexed column
    }
  });
});
