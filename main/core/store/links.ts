// How a request relates to the ones before it, decided in one place for the insert and the re-describer alike:
// the same delivery identity with the same body is a duplicate (the provider sent it again); the same retry group
// otherwise is a retry (a later attempt of the same notification).
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Description } from '../model';
import type { Links } from './rows';

/** Short, stable hash of a body: with the delivery key it tells a duplicate from a retry. */
export function hashBody(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

export class DeliveryLinks {
  private readonly firstWithHash: Statement<[string, string, number], { id: string }>;
  private readonly firstOfGroup: Statement<[string, number], { id: string }>;

  constructor(db: Database) {
    // Both are one index probe (requests_delivery, requests_retry_group end in seq), however many repeats exist.
    // CAST(? AS TEXT), not a bare ?: better-sqlite3 builds SQLite with STAT4, and a bare parameter compared to an
    // indexed column with an ORDER BY lets SQLite weigh plans by the bound value, so it re-plans the statement on
    // every new binding — ~5 µs per probe, two probes per webhook (`npm run bench -- rowcost`: lookups +21 → +7 µs per row).
    // The plan stays the same index probe (test/core/store/links-plan.test.ts).
    this.firstWithHash = db.prepare('SELECT id FROM requests WHERE delivery_key = CAST(? AS TEXT) AND body_hash = CAST(? AS TEXT) AND seq < ? ORDER BY seq LIMIT 1');
    this.firstOfGroup = db.prepare('SELECT id FROM requests WHERE retry_group = CAST(? AS TEXT) AND seq < ? ORDER BY seq LIMIT 1');
  }

  /**
   * The links of a request described as `d` with this body, to rows stored before `beforeSeq` (a new row: all of
   * them; a re-described row: those older than itself).
   */
  find(d: Pick<Description, 'deliveryKey' | 'retryGroup'>, body: Buffer, beforeSeq = Number.MAX_SAFE_INTEGER): Links {
    const bodyHash = d.deliveryKey ? hashBody(body) : null;
    return { bodyHash, ...this.lookup(d.deliveryKey, bodyHash, d.retryGroup, beforeSeq) };
  }

  /** The same, from a row's columns (its body hash already computed where the row was made). */
  lookup(deliveryKey: string | null, bodyHash: string | null, retryGroup: string | null, beforeSeq = Number.MAX_SAFE_INTEGER): Omit<Links, 'bodyHash'> {
    const duplicateOf = deliveryKey && bodyHash ? (this.firstWithHash.get(deliveryKey, bodyHash, beforeSeq)?.id ?? null) : null;
    const retryOf = retryGroup && !duplicateOf ? (this.firstOfGroup.get(retryGroup, beforeSeq)?.id ?? null) : null;
    return { duplicateOf, retryOf };
  }
}
