// Confirming an AWS SNS subscription: the one URL a sender hands Hookbridge that it ever calls, and only when the
// person clicks "Confirm subscription". The URL must be HTTPS to an SNS host (sns.<region>.amazonaws.com, or
// .amazonaws.com.cn in China); nothing — no flag, setting or API input — widens that list.
import type { SendResult } from './send';
import { send } from './send';

const snsHost = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** The SubscribeURL when it may be called; else why not, as a sentence. */
export function checkSubscribeUrl(text: string): { url: string } | { refused: string } {
  if (!URL.canParse(text)) return { refused: 'The SubscribeURL is not a URL.' };
  const url = new URL(text);
  if (url.protocol !== 'https:') return { refused: `The SubscribeURL must be https://, not ${url.protocol}//: Hookbridge calls only AWS SNS over HTTPS.` };
  if (url.username !== '' || url.password !== '') return { refused: 'The SubscribeURL carries a user name or password: that is not an AWS SNS URL.' };
  if (url.port !== '' || !snsHost.test(url.hostname)) {
    return { refused: `The SubscribeURL points at ${url.host}, not an AWS SNS host (sns.<region>.amazonaws.com): Hookbridge calls no other host for a sender.` };
  }
  return { url: url.href };
}

/** GETs the checked SubscribeURL (no redirects followed) and returns what SNS answered. */
export function confirmSubscription(url: string, fetchImpl: typeof fetch = fetch): Promise<SendResult> {
  return send({ url, method: 'GET', headers: [['Accept', 'application/xml, text/xml']], body: Buffer.alloc(0) }, 20_000, fetchImpl);
}
