// Soyio identity-verification webhooks: validation and auth attempts in the slim (events page) and the
// full-resource shapes, every other documented event accepted generically; failures explained in plain words.
import { z } from 'zod';
import { shortenReference } from '../../mask';
import type { Description, SchemaIssue, Severity } from '../../model';
import { explanationFor } from '../explanations';
import { deliveryHeader, describeGenerically } from '../generic';
import { isViolation, schemaIssues } from '../schema-issues';
import type { CapturedRequest, ProviderModule } from '../types';
import { field, humanize, isObject, stringField, truncate } from '../util';
import { AuthAttempt, Envelope, isDocumentedName, slimPayloads, ValidationAttempt } from './schema';

const subjects: Record<string, string> = {
  validation_attempt: 'Validation',
  auth_attempt: 'Authentication',
};

function severityOf(name: string): Severity {
  if (name.endsWith('.failed') || name.endsWith('.timed_out')) return 'failed';
  if (name.endsWith('.successful') || name.endsWith('.granted')) return 'ok';
  return 'info';
}

/** The payload's schema: slim when it carries `<kind>_attempt_id`, else the full resource. */
function payloadSchema(name: string, payload: unknown): z.ZodType | null {
  if (Object.hasOwn(slimPayloads, name) && (field(payload, 'validation_attempt_id') !== undefined || field(payload, 'auth_attempt_id') !== undefined)) {
    return slimPayloads[name as keyof typeof slimPayloads];
  }
  if (name.startsWith('validation_attempt.')) return ValidationAttempt;
  if (name.startsWith('auth_attempt.')) return AuthAttempt;
  return null;
}

function attemptId(payload: unknown): string | null {
  return stringField(payload, 'validation_attempt_id') ?? stringField(payload, 'auth_attempt_id') ?? stringField(payload, 'id');
}

export const soyio: ProviderModule = {
  id: 'soyio',
  label: 'Soyio',
  signature: 'hub-signature-256',

  detect(request) {
    const json = request.json;
    return isObject(json) && (stringField(json, 'id') ?? '').startsWith('evt_') && typeof json.name === 'string' && isObject(field(json, 'payload'));
  },

  describe(request: CapturedRequest): Description {
    const json = request.json;
    const name = stringField(json, 'name');
    const payload = field(json, 'payload');
    if (!name || !isObject(payload) || request.flags.length > 0) {
      const issues: SchemaIssue[] = json === undefined || request.flags.length > 0 ? [] : [{ path: '$', expected: 'a Soyio webhook envelope', received: 'another body', message: 'not a Soyio webhook' }];
      return describeGenerically(request, 'soyio', issues);
    }
    const issues = schemaIssues(Envelope, json);
    const schema = payloadSchema(name, payload);
    if (schema) issues.push(...schemaIssues(schema, payload).map((issue) => ({ ...issue, path: issue.path.replace(/^\$/, '$.payload') })));
    const documented = isDocumentedName(name);
    if (!documented) issues.push({ path: '$.name', expected: 'an event name of the Soyio API', received: `string "${truncate(name, 60)}"`, message: 'unknown event name' });

    const [subjectKey = ''] = name.split('.');
    const subject = subjects[subjectKey] ?? humanize(subjectKey);
    const outcome = name.slice(subjectKey.length + 1);
    let severity = severityOf(name);
    const reason = stringField(payload, 'error_reason');
    const user = stringField(payload, 'user_reference');
    const identity = stringField(payload, 'identity_id');
    const attempt = subjects[subjectKey] ? attemptId(payload) : null;
    const who = user ? ` for user ${shortenReference(user)}` : '';

    let summary: string;
    let explanation: string | null = null;
    if (severity === 'failed') {
      const known = reason ? explanationFor(`soyio.error_reason.${reason}`) : undefined;
      if (reason && known) explanation = `soyio.error_reason.${reason}`;
      if (reason && !known) issues.push({ path: '$.payload.error_reason', expected: 'an error_reason the Soyio docs list', received: `string "${truncate(reason, 60)}"`, message: 'undocumented error_reason' });
      const why = known ? `${known.title.en} — ${lowerFirst(known.nextStep.en)}` : reason ? reason.replaceAll('_', ' ') : outcome.replace('_', ' ');
      summary = `${subject} ${outcome.replace('_', ' ')}${who}: ${why}`;
    } else {
      summary = `${subject} ${outcome.replace('_', ' ') || 'event'}${who}`;
    }
    if (severity !== 'failed' && documented && issues.some(isViolation)) severity = 'error';

    const keys: string[] = [];
    if (user) keys.push(`soyio:user:${user}`);
    if (attempt) keys.push(`soyio:attempt:${attempt}`);
    if (identity) keys.push(`soyio:identity:${identity}`);
    const eventId = stringField(json, 'id');
    return {
      provider: 'soyio',
      name,
      title: `Soyio · ${subject} ${outcome.replace('_', ' ')}`.trim(),
      severity,
      summary,
      correlationKeys: keys,
      issues,
      explanation,
      attempt: null,
      // Soyio redelivers with a new X-Hub-Delivery: same header = duplicate; same event id = retry.
      deliveryKey: deliveryHeader(request.headers) ?? (eventId ? `soyio:${eventId}` : null),
      retryGroup: eventId ? `soyio:event:${eventId}` : null,
    };
  },
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
