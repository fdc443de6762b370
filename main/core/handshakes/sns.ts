// AWS SNS: x-amz-sns-message-type: SubscriptionConfirmation with a JSON body (sent as text/plain) holding
// SubscribeURL. A sender never makes Hookbridge fetch a URL: it is answered as a webhook and kept, and the
// inspector's "Confirm subscription" calls the SubscribeURL only on the person's click (outbound/sns-confirm.ts).
import { isObject, isString, type HandshakeModule } from './types';

export const sns: HandshakeModule = {
  id: 'sns',
  name: 'sns.subscription_confirmation',
  title: 'SNS subscription confirmation',
  recognise({ method, header, json }) {
    if (method !== 'POST' || header('x-amz-sns-message-type') !== 'SubscriptionConfirmation') return null;
    if (!isObject(json) || json.Type !== 'SubscriptionConfirmation' || !isString(json.SubscribeURL) || !isString(json.TopicArn) || !isString(json.Token)) return null;
    return { outcome: 'awaiting-confirmation', note: 'Confirm it with “Confirm subscription” in the inspector: Hookbridge never calls a URL a sender gives it on its own.' };
  },
};
