// Soyio's webhook payloads (Soyio-id/soyio-docs): the envelope, the slim attempt payloads of the events page,
// and the full resources the current API spec sends. Slim payloads are strict (drift is reported); the full
// resources are documented with "..." and stay open.
import { z } from 'zod';

export const Envelope = z.strictObject({
  id: z.string().startsWith('evt_', 'an event id starting with evt_'),
  name: z.string(),
  payload: z.record(z.string(), z.unknown()),
  created_at: z.iso.datetime({ offset: true, message: 'an ISO-8601 time' }),
});

const ErrorEntry = z.strictObject({
  code: z.string(),
  type: z.string(),
  message: z.string(),
  detail: z.string(),
});

const slimSuccess = (idField: 'validation_attempt_id' | 'auth_attempt_id', prefix: string) =>
  z.strictObject({ user_reference: z.string(), [idField]: z.string().startsWith(prefix), identity_id: z.string().startsWith('id_') });

const slimFailure = (idField: 'validation_attempt_id' | 'auth_attempt_id', prefix: string) =>
  z.strictObject({ user_reference: z.string(), [idField]: z.string().startsWith(prefix), error_reason: z.string(), errors_array: z.array(ErrorEntry) });

export const slimPayloads = {
  'validation_attempt.successful': slimSuccess('validation_attempt_id', 'va_'),
  'validation_attempt.failed': slimFailure('validation_attempt_id', 'va_'),
  'auth_attempt.successful': slimSuccess('auth_attempt_id', 'aa_'),
  'auth_attempt.failed': slimFailure('auth_attempt_id', 'aa_'),
} as const;

export const ValidationAttempt = z.looseObject({
  id: z.string().startsWith('va_'),
  status: z.string(),
  failed_count: z.number().int().optional(),
  user_reference: z.string().nullable(),
  errors_array: z.array(z.looseObject({ code: z.string().optional(), type: z.string().optional(), message: z.string().optional(), detail: z.string().optional() })).optional(),
  error_reason: z.string().nullable().optional(),
  created_at: z.string(),
  successful_at: z.string().nullable().optional(),
});

export const AuthAttempt = z.looseObject({
  id: z.string().startsWith('aa_'),
  identity_id: z.string().nullable().optional(),
  status: z.string(),
  user_reference: z.string().nullable(),
  kind: z.string().optional(),
  error_reason: z.string().nullable().optional(),
  created_at: z.string(),
});

/** Event names of the current API spec, beyond the attempts; captured and shown generically. */
export const otherEventFamilies = [
  'agreement.',
  'api_key.',
  'auth_request.successful',
  'consent_action.',
  'consent_commit.created',
  'data_subject_request.',
  'disclosure_request.granted',
  'disclosure_request.timed_out',
  'disclosure_request.failed',
  'signature_attempt.successful',
  'signature_attempt.failed',
  'report.created',
  'government_check_request.successful',
  'government_check_request.failed',
] as const;

export function isDocumentedName(name: string): boolean {
  return (
    name.startsWith('validation_attempt.') ||
    name.startsWith('auth_attempt.') ||
    otherEventFamilies.some((family) => (family.endsWith('.') ? name.startsWith(family) : name === family))
  );
}
