// Deliveries table: each replay or forward of a stored request, with what the target answered. Deleted with
// the request (foreign key, cascade), so retention and deleteEvents need no extra step.
import type { Database, Statement } from 'better-sqlite3';
import type { Delivery, HeaderPair } from '../model';

interface DeliveryRow {
  id: string;
  request_id: string;
  kind: string;
  url: string;
  sent_at: number;
  edited: number;
  resigned: number;
  request_method: string;
  request_headers: string;
  request_body_size: number;
  response: string | null;
  duration_ms: number;
  error: string | null;
}

function fromRow(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    requestId: row.request_id,
    kind: row.kind as Delivery['kind'],
    url: row.url,
    sentAt: row.sent_at,
    edited: row.edited === 1,
    resigned: row.resigned === 1,
    request: { method: row.request_method, headers: JSON.parse(row.request_headers) as HeaderPair[], bodySize: row.request_body_size },
    response: row.response === null ? null : (JSON.parse(row.response) as Delivery['response']),
    durationMs: row.duration_ms,
    error: row.error,
  };
}

export class DeliveryRepository {
  private readonly insertRow: Statement<[DeliveryRow]>;
  private readonly byRequest: Statement<[string, number], DeliveryRow>;

  constructor(db: Database) {
    this.insertRow = db.prepare(`
      INSERT INTO deliveries (id, request_id, kind, url, sent_at, edited, resigned, request_method, request_headers, request_body_size, response, duration_ms, error)
      VALUES (@id, @request_id, @kind, @url, @sent_at, @edited, @resigned, @request_method, @request_headers, @request_body_size, @response, @duration_ms, @error)`);
    this.byRequest = db.prepare('SELECT * FROM deliveries WHERE request_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?');
  }

  insert(delivery: Delivery): void {
    this.insertRow.run({
      id: delivery.id,
      request_id: delivery.requestId,
      kind: delivery.kind,
      url: delivery.url,
      sent_at: delivery.sentAt,
      edited: delivery.edited ? 1 : 0,
      resigned: delivery.resigned ? 1 : 0,
      request_method: delivery.request.method,
      request_headers: JSON.stringify(delivery.request.headers),
      request_body_size: delivery.request.bodySize,
      response: delivery.response === null ? null : JSON.stringify(delivery.response),
      duration_ms: delivery.durationMs,
      error: delivery.error,
    });
  }

  /** Newest first. */
  forRequest(requestId: string, limit = 100): Delivery[] {
    return this.byRequest.all(requestId, limit).map(fromRow);
  }
}
