// The packs' example bodies, bundled with the engine: `Send sample` and `hookbridge trigger` post them.
import githubCheckRunFailure from './examples/github.check_run.failure.json';
import githubPing from './examples/github.ping.json';
import shopifyOrdersCancelled from './examples/shopify.orders.cancelled.json';
import shopifyOrdersCreate from './examples/shopify.orders.create.json';
import mailgunFailed from './examples/mailgun.failed.json';
import paddlePaymentFailed from './examples/paddle.transaction.payment_failed.json';
import sendgridEvents from './examples/sendgrid.events.json';
import slackMessage from './examples/slack.message.json';
import standardWebhooksInvoicePaid from './examples/standard-webhooks.invoice.paid.json';
import stripePaymentFailed from './examples/stripe.payment_intent.payment_failed.json';
import stripePaymentSucceeded from './examples/stripe.payment_intent.succeeded.json';
import twilioMessageDelivered from './examples/twilio.message.delivered.json';
import twilioMessageUndelivered from './examples/twilio.message.undelivered.json';

/** By file name, as a pack's `examples[].file` names it. */
export const exampleFiles: Readonly<Record<string, unknown>> = {
  'github.check_run.failure.json': githubCheckRunFailure,
  'github.ping.json': githubPing,
  'shopify.orders.cancelled.json': shopifyOrdersCancelled,
  'shopify.orders.create.json': shopifyOrdersCreate,
  'mailgun.failed.json': mailgunFailed,
  'paddle.transaction.payment_failed.json': paddlePaymentFailed,
  'sendgrid.events.json': sendgridEvents,
  'slack.message.json': slackMessage,
  'standard-webhooks.invoice.paid.json': standardWebhooksInvoicePaid,
  'stripe.payment_intent.payment_failed.json': stripePaymentFailed,
  'stripe.payment_intent.succeeded.json': stripePaymentSucceeded,
  'twilio.message.delivered.json': twilioMessageDelivered,
  'twilio.message.undelivered.json': twilioMessageUndelivered,
};
