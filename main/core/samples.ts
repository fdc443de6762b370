// Realistic LOX24 and Soyio webhook bodies, from their documentation's shapes, with seeded randomness:
// the generator fills folders with them; later `hookbridge trigger` sends them.

/** A small seeded PRNG (mulberry32): the same seed gives the same events. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Sample {
  name: string;
  body: Record<string, unknown>;
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const hex = (random: Random, n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
const uuid = (random: Random): string => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
const digits = (random: Random, n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const alnum = (random: Random, n: number): string => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)]).join('');

const phonePrefixes = ['+49151', '+49160', '+49170', '+4366', '+4179', '+5698', '+3460'];
const channelErrors = [
  'Delivery timeout: no confirmation received within 30 seconds',
  'Telegram user not found for this phone number',
  'Number unreachable: handset switched off',
  'Carrier rejected the message (spam filter)',
];
const soyioReasons = [
  'passive_liveness_verification_not_passed',
  'document_has_expired',
  'blurry_image',
  'face_not_detected',
  'similarity_threshold_not_passed',
  'document_not_recognized',
  'underage',
  'data_not_match_with_government_database',
];

/** Telegram first, SMS as the last step (LOX24 allows sms only last). */
const routingStrategy = [
  { channel: 'telegram', timeout_sec: 30, sender_id: 'LOX24' },
  { channel: 'sms', timeout_sec: 60, sender_id: 'LOX24' },
];

/** One LOX24 verify-code story or SMS event. */
export function lox24Sample(random: Random, createdAt: number): Sample {
  const phone = `${pick(random, phonePrefixes)}${digits(random, 7)}`;
  const at = Math.floor(createdAt / 1000);
  const verifyId = uuid(random);
  const attemptTotal = 1 + Math.floor(random() * 3);
  const channel = pick(random, ['telegram', 'sms', 'voice'] as const);
  const failed = random() < 0.25;
  const kind = random();
  const envelope = (name: string, data: Record<string, unknown>): Sample => ({
    name,
    body: {
      id: uuid(random),
      api_version: '2022-05-25',
      name,
      created_at: at,
      attempt_total: attemptTotal,
      attempt_number: 1 + Math.floor(random() * attemptTotal),
      notification_task_id: uuid(random),
      data,
    },
  });
  if (kind < 0.15) {
    return envelope('sms.delivery', {
      id: uuid(random),
      key_id: hex(random, 32),
      dlr_code: failed ? pick(random, [8, 16]) : pick(random, [1, 2, 4]),
      status_code: failed ? 2 : 0,
      callback_data: random() < 0.5 ? null : `order-${digits(random, 6)}`,
    });
  }
  const historyStatus = failed ? pick(random, [20, 100]) : 10;
  const step = {
    id: uuid(random),
    channel,
    status: historyStatus,
    processed_at: at - 5,
    external_id: failed ? null : `${channel === 'telegram' ? 'tg' : channel}_msg_${digits(random, 4)}`,
  };
  const code = digits(random, 4 + Math.floor(random() * 3));
  const data: Record<string, unknown> = {
    id: verifyId,
    user_id: 10_000 + Math.floor(random() * 90_000),
    phone,
    routing_strategy: routingStrategy,
    status: failed ? 20 : 10,
    delivered_channel: failed ? null : channel,
    cost: 5 + Math.floor(random() * 10),
    currency: 'EUR',
    code,
    code_length: code.length,
    payload: `session_${alnum(random, 6)}`,
    created_at: at - 90,
    updated_at: at,
    history: [step],
    is_code_deleted: false,
  };
  if (kind < 0.7) {
    const name = failed ? 'verify_code.channel.failed' : pick(random, ['verify_code.channel.sent', 'verify_code.channel.success']);
    return envelope(name, { ...data, status: 5, channel: { ...step, error: failed ? pick(random, channelErrors) : null, cost: 5 } });
  }
  return envelope(failed ? 'verify_code.failed' : 'verify_code.success', data);
}

/** One Soyio validation or auth attempt event, in the slim (seed page) shape. */
export function soyioSample(random: Random, createdAt: number): Sample {
  const isValidation = random() < 0.6;
  const failed = random() < 0.3;
  const subject = isValidation ? 'validation_attempt' : 'auth_attempt';
  const name = `${subject}.${failed ? 'failed' : 'successful'}`;
  const attemptId = isValidation ? { validation_attempt_id: `va_${alnum(random, 24)}` } : { auth_attempt_id: `aa_${alnum(random, 24)}` };
  const reason = pick(random, soyioReasons);
  const payload: Record<string, unknown> = failed
    ? {
        user_reference: `user-${digits(random, 5)}`,
        ...attemptId,
        error_reason: reason,
        errors_array: [{ code: `auth-${digits(random, 3)}`, type: reason.includes('document') ? 'document' : 'facial', message: reason, detail: 'La verificación no fue exitosa.' }],
      }
    : { user_reference: `user-${digits(random, 5)}`, ...attemptId, identity_id: `id_${alnum(random, 24)}` };
  return { name, body: { id: `evt_${alnum(random, 24)}`, name, payload, created_at: new Date(createdAt).toISOString() } };
}

/** The events `hookbridge trigger` (and the UI's "Send sample") can send, per provider. */
export const triggerable = {
  lox24: [
    'verify_code.success',
    'verify_code.failed',
    'verify_code.channel.updated',
    'verify_code.channel.sent',
    'verify_code.channel.success',
    'verify_code.channel.failed',
    'sms.delivery',
    'sms.delivery.dryrun',
    'sms.incoming',
    'fraud-check.done',
    'phone.subscribe',
    'phone.unsubscribe',
  ],
  soyio: ['validation_attempt.successful', 'validation_attempt.failed', 'auth_attempt.successful', 'auth_attempt.failed'],
} as const;
export type TriggerProvider = keyof typeof triggerable;

/** A realistic body of exactly this event, or null when Hookbridge has no sample of it. */
export function sampleOf(provider: TriggerProvider, name: string, random: Random, createdAt: number): Sample | null {
  if (!(triggerable[provider] as readonly string[]).includes(name)) return null;
  if (provider === 'soyio') {
    // The generator's shapes, with the outcome the name asks for.
    for (;;) {
      const sample = soyioSample(random, createdAt);
      if (sample.name === name) return sample;
    }
  }
  const at = Math.floor(createdAt / 1000);
  const phone = `${pick(random, phonePrefixes)}${digits(random, 7)}`;
  const envelope = (data: Record<string, unknown>, attemptTotal = 3): Sample => ({
    name,
    body: { id: uuid(random), api_version: '2022-05-25', name, created_at: at, attempt_total: attemptTotal, attempt_number: 1, notification_task_id: uuid(random), data },
  });
  const failed = name.endsWith('.failed');
  const channel = pick(random, ['telegram', 'sms', 'voice'] as const);
  const stepStatus = failed ? 20 : name.endsWith('.sent') ? 5 : 10;
  const step = { id: uuid(random), channel, status: stepStatus, processed_at: at - 5, external_id: failed ? null : `${channel === 'telegram' ? 'tg' : channel}_msg_${digits(random, 4)}` };
  const code = digits(random, 6);
  const verifyCode = {
    id: uuid(random),
    user_id: 10_000 + Math.floor(random() * 90_000),
    phone,
    routing_strategy: routingStrategy,
    status: failed ? 20 : name === 'verify_code.success' ? 10 : 5,
    delivered_channel: name === 'verify_code.success' ? channel : null,
    cost: 7,
    currency: 'EUR',
    code,
    code_length: code.length,
    payload: `session_${alnum(random, 6)}`,
    created_at: at - 90,
    updated_at: at,
    history: [step],
    is_code_deleted: false,
  };
  switch (name) {
    case 'verify_code.success':
    case 'verify_code.failed':
    case 'verify_code.channel.updated':
      return envelope(verifyCode);
    case 'verify_code.channel.sent':
    case 'verify_code.channel.success':
    case 'verify_code.channel.failed':
      // An error that fits the channel: Telegram has users, SMS and voice have handsets and carriers.
      return envelope({ ...verifyCode, channel: { ...step, error: failed ? pick(random, channelErrors.filter((e) => channel === 'telegram' || !e.startsWith('Telegram'))) : null, cost: failed ? null : 5 } });
    case 'sms.delivery':
    case 'sms.delivery.dryrun':
      return envelope({ id: uuid(random), key_id: hex(random, 32), dlr_code: 1, status_code: 0, callback_data: `order-${digits(random, 6)}` }, 1);
    case 'sms.incoming':
      return envelope({ id: uuid(random), to: `+4915${digits(random, 9)}`, from: phone, received_at: at, text: 'STOP', msg_uuid: uuid(random) }, 1);
    case 'fraud-check.done':
      return envelope({ phone, risk: 'low', score: Math.round(random() * 100) / 100 }, 1);
    default:
      // phone.subscribe / phone.unsubscribe
      return envelope({ phone, user_id: 10_000 + Math.floor(random() * 90_000), created_at: at, campaign_code: `spring-${digits(random, 2)}`, additional_data: null }, 1);
  }
}
