// Replay: a stored request sent again to a URL — as received, or with an edited body and headers, and
// optionally signed again with the endpoint's secret and a fresh timestamp (Stripe-style signatures go stale
// after 300 s). Returns the delivery (the target's answer); the caller keeps it with the original.
import { HookbridgeError } from '../errors';
import { resign } from '../signatures';
import type { Delivery, HeaderPair } from '../model';
import type { Store } from '../store/store';
import { deliveryOf } from '../outbound/delivery';
import { send } from '../outbound/send';

export interface ReplayInput {
  id: string;
  url: string;
  /** Replaces the body (UTF-8 text); absent: the exact stored bytes. */
  body?: string | undefined;
  /** Replaces the headers; absent: the stored ones. */
  headers?: HeaderPair[] | undefined;
  resign?: boolean | undefined;
}

/** Reads the original from `store` (a read-only one will do) and sends it; nothing is written. */
export async function replay(store: Pick<Store, 'requests' | 'endpoints'>, input: ReplayInput, now = Date.now()): Promise<Delivery> {
  const original = store.requests.raw(input.id);
  if (original.bodyTruncated && input.body === undefined) {
    throw new HookbridgeError('INVALID_INPUT', 'This request was over the body limit, so only its first 64 KiB were kept: replaying it would send a cut body. Edit the body to send something else.');
  }
  const body = input.body === undefined ? original.body : Buffer.from(input.body, 'utf8');
  let headers = input.headers ?? original.headers;
  if (input.resign) {
    let endpoint;
    try {
      endpoint = store.endpoints.get(original.endpointId);
    } catch {
      throw new HookbridgeError('INVALID_INPUT', 'The endpoint this request came in on was deleted, so there is no secret to sign it with. Replay it without re-signing.');
    }
    if (endpoint.auth.kind === 'none') throw new HookbridgeError('INVALID_INPUT', `The endpoint “${endpoint.name}” has no auth or signature check, so there is nothing to sign with.`);
    headers = resign(endpoint.auth, headers, body, now);
  }
  const result = await send({ url: input.url, method: original.method, headers, body });
  const delivery = deliveryOf('replay', original.id, input.url, original.method, body, result, now, {
    edited: input.body !== undefined || input.headers !== undefined,
    resigned: input.resign === true,
  });
  return delivery;
}
