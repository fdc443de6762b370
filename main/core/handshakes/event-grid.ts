// Azure Event Grid (its own schema): aeg-event-type: SubscriptionValidation and a JSON array holding a
// Microsoft.EventGrid.SubscriptionValidationEvent → 200 {"validationResponse": <validationCode>}. Event Grid
// refuses a 202, so this is a 200.
import { echoJson, isObject, isString, type HandshakeModule } from './types';

export const eventGrid: HandshakeModule = {
  id: 'event-grid',
  name: 'event-grid.subscription_validation',
  title: 'Event Grid subscription validation',
  recognise({ method, header, json }) {
    if (method !== 'POST' || header('aeg-event-type')?.toLowerCase() !== 'subscriptionvalidation' || !Array.isArray(json)) return null;
    const event: unknown = json.find((item) => isObject(item) && item.eventType === 'Microsoft.EventGrid.SubscriptionValidationEvent');
    if (!isObject(event) || !isObject(event.data) || !isString(event.data.validationCode)) return null;
    const code = event.data.validationCode;
    return echoJson('validationCode', code, { validationResponse: code });
  },
};
