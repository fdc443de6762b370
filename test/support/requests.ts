// A request as the ingress stores it, for tests that write to a Store directly: a POST with a JSON body,
// described by the real provider modules (or by `describe`, e.g. an older describer).
import { newUlid } from '../../main/core/ids';
import type { Description, EventSummary, HeaderPair, RequestFlag } from '../../main/core/model';
import { describeRequest, describerVersion } from '../../main/core/providers';
import type { CapturedRequest } from '../../main/core/providers/types';
import { insertedSummary, toRow, type Links, type NewRequest } from '../../main/core/store/rows';

export interface StoredRequestOptions {
  /** The body as sent; JSON.stringify(json) when absent. */
  body?: Buffer;
  path?: string;
  headers?: HeaderPair[];
  id?: string;
  describe?: (captured: CapturedRequest) => Description;
  describedBy?: number;
  /** What the ingress flagged (e.g. auth_failed); none when absent. */
  flags?: RequestFlag[];
  /** The status Hookbridge answered; 200 when absent. */
  status?: number;
}

export function storedRequest(endpointId: string, json: unknown, options: StoredRequestOptions = {}): NewRequest {
  const body = options.body ?? Buffer.from(JSON.stringify(json));
  const capture = {
    method: 'POST',
    path: options.path ?? '',
    query: '',
    headers: options.headers ?? [['Content-Type', 'application/json']],
    contentType: 'application/json',
    body,
    bodySize: body.length,
    flags: options.flags ?? [],
    parseError: null,
    authCheck: null,
  };
  return {
    ...capture,
    id: options.id ?? newUlid(),
    endpointId,
    receivedAt: Date.now(),
    bodyTruncated: false,
    remoteAddress: '127.0.0.1',
    forwardedFor: null,
    response: { status: options.status ?? 200, headers: [], body: '{"received":true}', durationMs: 0.1 },
    description: (options.describe ?? describeRequest)({ ...capture, json, endpointProvider: 'auto' }),
    describedBy: options.describedBy ?? describerVersion,
  };
}

/** The feed row `request` makes once stored as `seq` with these links: the store's own mapping (rows.ts). */
export function summaryOf(request: NewRequest, stored: Links & { seq: number }): EventSummary {
  return insertedSummary(toRow(request, stored, false), stored.seq);
}
