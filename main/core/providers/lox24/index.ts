// LOX24 Verify and SMS webhooks: detected by their envelope, validated against the documented schema,
// and described as a sentence a developer can act on ("Telegram failed for +49 ••• 678 — … (attempt 1 of 3)").
import { maskPhone } from '../../mask';
import type { Description, SchemaIssue, Severity } from '../../model';
import { toE164 } from '../../phone';
import { describeGenerically } from '../generic';
import { isViolation, schemaIssues } from '../schema-issues';
import type { CapturedRequest, ProviderModule } from '../types';
import { field, humanize, isObject, numberField, stringField, truncate } from '../util';
import { lox24ChannelNames, lox24DlrName, lox24StatusName } from './codes';
import { lox24Facts } from './facts';
import { envelopeSchema, isLox24EventName, LooseEnvelope } from './schema';

const failedStatuses = new Set([20, 100]);
const failedDlr = new Set([8, 16]);

function channelName(channel: unknown): string {
  if (typeof channel !== 'string') return 'A channel';
  return Object.hasOwn(lox24ChannelNames, channel) ? lox24ChannelNames[channel as keyof typeof lox24ChannelNames] : channel;
}

interface Told {
  title: string;
  summary: string;
  severity: Severity;
  explanation: string | null;
}

/** What one event says, by its name and data. */
function tell(name: string, data: unknown, phone: string): Told {
  const channel = field(data, 'channel');
  const verifyStatus = numberField(data, 'status');
  if (name.startsWith('verify_code.channel.') && isObject(channel)) {
    const step = channelName(field(channel, 'channel'));
    const status = numberField(channel, 'status');
    const error = stringField(channel, 'error');
    const failed = name === 'verify_code.channel.failed' || (status !== null && failedStatuses.has(status));
    const explanation = status !== null ? `lox24.status.${status}` : null;
    if (failed) {
      return { title: `${step} failed`, summary: `${step} failed for ${phone} — ${error ?? lox24StatusName(status ?? -1)}`, severity: 'failed', explanation };
    }
    if (name === 'verify_code.channel.success') {
      return { title: `${step} delivered the code`, summary: `${step} delivered the code to ${phone}`, severity: 'ok', explanation };
    }
    if (name === 'verify_code.channel.sent') {
      return { title: `${step} sent`, summary: `${step} sent the code to ${phone}; waiting for delivery`, severity: 'info', explanation };
    }
  }
  const statusKey = verifyStatus !== null ? `lox24.status.${verifyStatus}` : null;
  switch (name) {
    case 'verify_code.success': {
      const via = channelName(field(data, 'delivered_channel'));
      return { title: 'Verify code delivered', summary: `${via} delivered the verify code to ${phone}`, severity: 'ok', explanation: statusKey };
    }
    case 'verify_code.failed': {
      const history = field(data, 'history');
      const tried = Array.isArray(history) ? history.map((h) => `${channelName(field(h, 'channel'))} ${lox24StatusName(numberField(h, 'status') ?? -1).toLowerCase()}`).join(', ') : '';
      return {
        title: 'Verify code failed',
        summary: `No channel delivered the verify code to ${phone}${tried ? ` (${tried})` : ''}`,
        severity: 'failed',
        explanation: statusKey,
      };
    }
    case 'verify_code.channel.updated': {
      const failed = verifyStatus !== null && failedStatuses.has(verifyStatus);
      return {
        title: 'Verify code updated',
        summary: `Verify code for ${phone} is now ${lox24StatusName(verifyStatus ?? -1).toLowerCase()}`,
        severity: failed ? 'failed' : 'info',
        explanation: statusKey,
      };
    }
    case 'sms.delivery':
    case 'sms.delivery.dryrun': {
      const dlr = numberField(data, 'dlr_code');
      const dry = name.endsWith('.dryrun') ? ' (dry run)' : '';
      const severity: Severity = dlr !== null && failedDlr.has(dlr) ? 'failed' : dlr === 1 ? 'ok' : 'info';
      const what = dlr === null ? 'without a DLR code' : `${lox24DlrName(dlr).toLowerCase()} (DLR ${dlr})`;
      return { title: `SMS ${dlr === null ? 'delivery report' : lox24DlrName(dlr).toLowerCase()}${dry}`, summary: `SMS ${what}${dry}`, severity, explanation: dlr === null ? null : `lox24.dlr.${dlr}` };
    }
    case 'sms.incoming': {
      const text = stringField(data, 'text') ?? '';
      return { title: 'Incoming SMS', summary: `SMS from ${phone} (${text.length} characters)`, severity: 'info', explanation: null };
    }
    case 'fraud-check.done':
      return { title: 'Fraud check done', summary: 'Fraud check finished; see the data for its result', severity: 'info', explanation: null };
    case 'phone.subscribe':
    case 'phone.unsubscribe': {
      const campaign = stringField(data, 'campaign_code');
      const verb = name === 'phone.subscribe' ? 'subscribed' : 'unsubscribed';
      return { title: `Phone ${verb}`, summary: `${phone} ${verb}${campaign ? ` (campaign ${truncate(campaign, 40)})` : ''}`, severity: 'info', explanation: null };
    }
    default:
      return { title: humanize(name), summary: `${humanize(name)} (an event Hookbridge does not know yet)`, severity: 'info', explanation: null };
  }
}

function phoneOf(name: string, data: unknown): string | null {
  return stringField(data, name === 'sms.incoming' ? 'from' : 'phone');
}

export const lox24: ProviderModule = {
  id: 'lox24',
  label: 'LOX24',
  signature: 'header',
  facts: lox24Facts,

  detect(request) {
    const json = request.json;
    return (
      isObject(json) &&
      typeof json.name === 'string' &&
      isObject(field(json, 'data')) &&
      (Object.hasOwn(json, 'api_version') || Object.hasOwn(json, 'notification_task_id') || Object.hasOwn(json, 'attempt_number'))
    );
  },

  describe(request: CapturedRequest): Description {
    const envelope = LooseEnvelope.safeParse(request.json);
    if (!envelope.success || request.flags.length > 0) {
      const issues: SchemaIssue[] = request.json === undefined || envelope.success ? [] : [{ path: '$', expected: 'a LOX24 webhook envelope', received: 'another body', message: 'not a LOX24 webhook' }];
      return describeGenerically(request, 'lox24', issues);
    }
    const e = envelope.data;
    const known = isLox24EventName(e.name);
    const issues = schemaIssues(envelopeSchema(isLox24EventName(e.name) ? e.name : null), request.json);
    if (!known) issues.push({ path: '$.name', expected: 'one of the 12 documented LOX24 events', received: `string "${truncate(e.name, 60)}"`, message: 'unknown event name' });

    const data = e.data ?? {};
    const rawPhone = phoneOf(e.name, data);
    const phone = rawPhone ? maskPhone(rawPhone) : 'an unknown number';
    const told = tell(e.name, data, phone);
    const total = e.attempt_total ?? e.attempts_total;
    const attempt = e.attempt_number !== undefined && total !== undefined ? { number: e.attempt_number, total } : null;

    const keys: string[] = [];
    const verifyId = stringField(data, 'id');
    if (e.name.startsWith('verify_code.') && verifyId) keys.push(`lox24:verify:${verifyId}`);
    if (e.notification_task_id) keys.push(`lox24:task:${e.notification_task_id}`);
    const e164 = rawPhone ? toE164(rawPhone, request.defaultCountryCode) : null;
    if (e164) keys.push(`phone:${e164}`);

    const severity: Severity = told.severity === 'failed' ? 'failed' : known && issues.some(isViolation) ? 'error' : told.severity;
    return {
      provider: 'lox24',
      name: e.name,
      title: `LOX24 · ${told.title}`,
      severity,
      summary: attempt ? `${told.summary} (attempt ${attempt.number} of ${attempt.total})` : told.summary,
      correlationKeys: keys,
      issues,
      explanation: told.explanation,
      attempt,
      deliveryKey: e.id && e.attempt_number !== undefined ? `lox24:${e.id}:${e.attempt_number}` : null,
      retryGroup: e.notification_task_id ? `lox24:task:${e.notification_task_id}` : null,
    };
  },
};
