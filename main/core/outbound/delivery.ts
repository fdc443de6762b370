// What one send to a URL becomes in the store: a delivery of a stored request (a replay) or of a live one
// (a forward), with the target's answer or why there was none.
import { newUlid } from '../ids';
import type { Delivery } from '../model';
import type { SendResult } from './send';

/** The delivery record of one send, for replays and forwards alike. */
export function deliveryOf(kind: Delivery['kind'], requestId: string, url: string, method: string, body: Buffer, result: SendResult, sentAt: number, flags: { edited: boolean; resigned: boolean }): Delivery {
  return {
    id: newUlid(sentAt),
    requestId,
    kind,
    url,
    sentAt,
    ...flags,
    request: { method, headers: result.headers, bodySize: body.length },
    response: result.response,
    durationMs: result.durationMs,
    error: result.error,
  };
}

