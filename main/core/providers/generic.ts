// The fallback for any request no provider claims: JSON or not, it is named as well as the envelope allows.
import type { Description } from '../model';
import type { CapturedRequest, ProviderModule } from './types';

const nameFields = ['type', 'event', 'event_type', 'eventType', 'topic', 'name', 'action'] as const;

/** Tokens joined by dots, slashes, colons or underscores: invoice.paid, orders/create, user:created, charge_failed. */
const eventLike = /^[A-Za-z][A-Za-z0-9-]*(?:[._/:][A-Za-z0-9-]+)*$/;

/**
 * A value counts as an event name only when it looks like one: `#9999` (a Shopify order's name) or "Ana Pérez"
 * does not. A `name` field must also be lowercase or carry a separator, since names of people and things are
 * common there.
 */
function looksLikeEventName(field: string, value: string): boolean {
  if (value.length === 0 || value.length > 200 || !eventLike.test(value)) return false;
  return field !== 'name' || /[._/:]/.test(value) || value === value.toLowerCase();
}

function envelopeName(json: unknown): string | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  for (const field of nameFields) {
    const value = Object.hasOwn(record, field) ? record[field] : undefined;
    if (typeof value === 'string' && looksLikeEventName(field, value)) return value;
  }
  return null;
}

/** Headers that name the event: X-Event-Type, X-Event-Key, and any X-<sender>-Event or X-<sender>-Topic. */
function headerName(headers: CapturedRequest['headers']): string | null {
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-event-type' || lower === 'x-event-key' || /^x-[a-z0-9-]+-(event|topic)$/.test(lower)) {
      const text = value.trim();
      if (text.length > 0 && text.length <= 200) return text;
    }
  }
  return null;
}

/** The last token of an event name that says it failed. */
const failureWords = new Set(['failed', 'failure', 'error', 'declined', 'bounced', 'undelivered', 'rejected', 'expired', 'timed_out']);

/** "invoice.payment_failed", "message.undelivered", "job_timed_out" → failed; "error.cleared" → not. */
export function nameSaysFailure(name: string): boolean {
  const last = name.toLowerCase().split(/[.:/\s-]+/).filter(Boolean).at(-1) ?? '';
  return failureWords.has(last) || last.endsWith('_timed_out') || failureWords.has(last.slice(last.lastIndexOf('_') + 1));
}

/** Delivery ids that common senders put in a header (Standard Webhooks, GitHub-style hubs). */
const deliveryHeaders = ['webhook-id', 'x-hub-delivery', 'x-github-delivery', 'svix-id'];

export function deliveryHeader(headers: CapturedRequest['headers']): string | null {
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (deliveryHeaders.includes(lower) && value) return `${lower}:${value.slice(0, 200)}`;
  }
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** What is wrong with the request itself (too large, not decodable, failed its check, not the JSON it claims), as the summary says it. */
export function problem(request: CapturedRequest): string | null {
  if (request.flags.includes('body_too_large')) return `Body too large (${formatBytes(request.bodySize)}); only the start was kept`;
  if (request.flags.includes('decoded_too_large')) return `Compressed body inflates past the limit; decoding stopped there`;
  if (request.flags.includes('encoding_unsupported') || request.flags.includes('encoding_corrupt')) return request.parseError?.message ?? 'The body could not be decoded';
  if (request.flags.includes('auth_failed')) return 'Rejected: the endpoint’s auth check failed';
  if (request.flags.includes('auth_unverified')) return 'Accepted, but the endpoint’s auth check failed';
  if (request.flags.includes('parse_error')) return `Body is not valid JSON: ${request.parseError?.message ?? 'parse error'}`;
  if (request.flags.includes('endpoint_disabled')) return 'Refused: the endpoint is disabled';
  return null;
}

export const generic: ProviderModule = {
  id: 'generic',
  label: 'Other',
  detect: () => true,
  describe: (request) => describeGenerically(request),
};

/** The generic description, also used by a provider module for a body that is not its envelope at all. */
export function describeGenerically(request: CapturedRequest, provider: Description['provider'] = 'generic', issues: Description['issues'] = []): Description {
  {
    const name = headerName(request.headers) ?? envelopeName(request.json);
    const where = `${request.method} /${request.path}`;
    const kind = request.contentType ? request.contentType.split(';')[0]?.trim() : request.bodySize === 0 ? 'no body' : 'no content type';
    const failure = problem(request);
    const isError = request.flags.some((flag) => flag !== 'endpoint_disabled') || issues.length > 0;
    const inferred = !isError && name !== null && nameSaysFailure(name);
    return {
      provider,
      name,
      title: name ?? where,
      severity: isError ? 'error' : inferred ? 'failed' : 'info',
      ...(inferred ? { severityReason: 'inferred from the event name' } : {}),
      summary: failure ?? `${where} · ${kind} · ${formatBytes(request.bodySize)}`,
      correlationKeys: [],
      issues,
      explanation: null,
      attempt: null,
      deliveryKey: deliveryHeader(request.headers),
      retryGroup: null,
    };
  }
}
