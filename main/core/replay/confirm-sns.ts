// "Confirm subscription" on a stored AWS SNS SubscriptionConfirmation: the person's click is the only thing that
// makes Hookbridge call a URL a sender gave it, and only an SNS host over HTTPS (outbound/sns-confirm.ts). The
// answer is kept as a delivery of the event; a 2xx marks the handshake confirmed.
import { HookbridgeError } from '../errors';
import { describeHandshake } from '../handshakes';
import type { Delivery, HandshakeHit } from '../model';
import { deliveryOf } from '../outbound/delivery';
import { checkSubscribeUrl, confirmSubscription } from '../outbound/sns-confirm';
import { meaningOf } from '../store/rows';
import type { Store } from '../store/store';

function subscribeUrlOf(body: Buffer): string {
  try {
    const message = JSON.parse(body.toString('utf8')) as { SubscribeURL?: unknown };
    if (typeof message.SubscribeURL === 'string') return message.SubscribeURL;
  } catch {
    // fall through: said below
  }
  throw new HookbridgeError('INVALID_INPUT', 'This SubscriptionConfirmation has no SubscribeURL to call.');
}

export async function confirmSns(store: Pick<Store, 'requests' | 'deliveries'>, id: string, fetchImpl?: typeof fetch, now = Date.now()): Promise<Delivery> {
  const event = store.requests.get(id);
  if (event.handshake?.id !== 'sns') throw new HookbridgeError('INVALID_INPUT', 'Only an AWS SNS SubscriptionConfirmation can be confirmed: this event is not one.');
  const checked = checkSubscribeUrl(subscribeUrlOf(meaningOf(store.requests.raw(id))));
  if ('refused' in checked) throw new HookbridgeError('INVALID_INPUT', checked.refused);
  const result = await confirmSubscription(checked.url, fetchImpl);
  const delivery = deliveryOf('confirm', id, checked.url, 'GET', Buffer.alloc(0), result, now, { edited: false, resigned: false });
  store.deliveries.insert(delivery);
  const status = result.response?.status ?? 0;
  if (status >= 200 && status < 300) {
    const hit: HandshakeHit = { id: 'sns', outcome: 'confirmed', note: `Confirmed on ${new Date(now).toISOString()}: SNS answered ${status}.` };
    store.requests.setHandshake(id, hit, describeHandshake(hit).summary);
  }
  return delivery;
}
