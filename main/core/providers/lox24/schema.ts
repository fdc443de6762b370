// LOX24's webhook payloads as documented (doc.lox24.eu/api/webhooks): the envelope and each event's data.
// Objects are strict so that fields the documentation does not list surface as "undocumented field".
import { z } from 'zod';

const int = z.number().int();
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID');

/** The webhook schema says telegram|sms; the API also routes voice. */
export const Channel = z.enum(['telegram', 'sms', 'voice']);

export const Status = z.union([z.literal(0), z.literal(5), z.literal(10), z.literal(20), z.literal(100)]);

const HistoryEntry = z.strictObject({
  id: z.string(),
  channel: Channel,
  status: Status,
  processed_at: int,
  external_id: z.string().nullable(),
});

/** Shape A: one verify code. */
export const VerifyCode = z.strictObject({
  id: uuid,
  user_id: int,
  phone: z.string(),
  routing_strategy: z.array(z.strictObject({ channel: Channel, timeout_sec: int.optional(), sender_id: z.string() })),
  status: Status,
  delivered_channel: Channel.nullable(),
  cost: int.nullable(),
  currency: z.string().nullable(),
  code: z.string().nullable(),
  code_length: int.nullable(),
  payload: z.string().nullable(),
  created_at: int,
  updated_at: int,
  history: z.array(HistoryEntry),
  is_code_deleted: z.boolean(),
});

export const ChannelStep = z.strictObject({
  id: z.string(),
  channel: Channel,
  status: Status,
  processed_at: int,
  external_id: z.string().nullable(),
  error: z.string().nullable(),
  cost: int.nullable(),
});

export const VerifyCodeWithChannel = VerifyCode.extend({ channel: ChannelStep });

export const SmsDelivery = z.strictObject({
  id: z.string(),
  key_id: z.string(),
  dlr_code: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16)]),
  status_code: int,
  callback_data: z.string().nullable(),
});

export const SmsIncoming = z.strictObject({
  id: z.string(),
  to: z.string(),
  from: z.string(),
  received_at: z.union([int, z.string()]),
  text: z.string(),
  msg_uuid: z.string().nullable(),
});

/** The documentation lists these fields "and more": extra fields are not drift. */
export const PhoneSubscription = z.looseObject({
  phone: z.string(),
  user_id: z.union([int, z.string()]),
  created_at: z.union([int, z.string()]),
  campaign_code: z.string().nullable(),
  additional_data: z.unknown(),
});

export const dataSchemas = {
  'verify_code.success': VerifyCode,
  'verify_code.failed': VerifyCode,
  'verify_code.channel.updated': VerifyCode,
  'verify_code.channel.sent': VerifyCodeWithChannel,
  'verify_code.channel.success': VerifyCodeWithChannel,
  'verify_code.channel.failed': VerifyCodeWithChannel,
  'sms.delivery': SmsDelivery,
  'sms.delivery.dryrun': SmsDelivery,
  'sms.incoming': SmsIncoming,
  'fraud-check.done': z.record(z.string(), z.unknown()),
  'phone.subscribe': PhoneSubscription,
  'phone.unsubscribe': PhoneSubscription,
} as const;

export type Lox24EventName = keyof typeof dataSchemas;
export const lox24EventNames = Object.keys(dataSchemas) as Lox24EventName[];

export function isLox24EventName(name: string): name is Lox24EventName {
  return Object.hasOwn(dataSchemas, name);
}

/** The envelope, the same for every event. `attempts_total` (the overview page's spelling) is accepted. */
function buildEnvelope(name: Lox24EventName | null) {
  return z
    .strictObject({
      id: uuid,
      api_version: z.string(),
      name: z.string(),
      created_at: int,
      attempt_total: int.min(1).max(4).optional(),
      attempts_total: int.min(1).max(4).optional(),
      attempt_number: int.min(1),
      notification_task_id: uuid,
      data: name ? dataSchemas[name] : z.unknown(),
    })
    .refine((e) => e.attempt_total !== undefined || e.attempts_total !== undefined, {
      message: 'attempt_total is missing',
      path: ['attempt_total'],
    });
}

// Built once per event name: constructing zod schemas costs far more than running them.
const envelopes = new Map<Lox24EventName | null, ReturnType<typeof buildEnvelope>>();

export function envelopeSchema(name: Lox24EventName | null): ReturnType<typeof buildEnvelope> {
  let schema = envelopes.get(name);
  if (!schema) {
    schema = buildEnvelope(name);
    envelopes.set(name, schema);
  }
  return schema;
}

/** The loose view describe() reads from: every field optional, so a broken payload still gets a summary. */
export const LooseEnvelope = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  attempt_total: z.number().optional(),
  attempts_total: z.number().optional(),
  attempt_number: z.number().optional(),
  notification_task_id: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type LooseEnvelope = z.infer<typeof LooseEnvelope>;
