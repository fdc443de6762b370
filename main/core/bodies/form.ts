// application/x-www-form-urlencoded (Twilio's callbacks, Slack's slash commands, Mailgun, PayPal IPN): the
// fields in order, repeated names kept, decoded as browsers do ("+" is a space, %XX as UTF-8).

import type { Fields } from './fields';

export { fieldsJson, type Fields } from './fields';

export function formFields(bytes: Buffer): Fields {
  return [...new URLSearchParams(bytes.toString('utf8'))];
}
