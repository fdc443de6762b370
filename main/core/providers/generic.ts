// The fallback for any request no provider claims: JSON or not, it is named as well as the envelope allows.
import type { Description } from '../model';
import type { CapturedRequest, ProviderModule } from './types';

const nameFields = ['name', 'type', 'event', 'event_type', 'eventType', 'topic', 'action'] as const;

function envelopeName(json: unknown): string | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  for (const field of nameFields) {
    const value = Object.hasOwn(record, field) ? record[field] : undefined;
    if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
  }
  return null;
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

function problem(request: CapturedRequest): string | null {
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
  detect: () => true,
  describe: (request) => describeGenerically(request),
};

/** The generic description, also used by a provider module for a body that is not its envelope at all. */
export function describeGenerically(request: CapturedRequest, provider: Description['provider'] = 'generic', issues: Description['issues'] = []): Description {
  {
    const name = envelopeName(request.json);
    const where = `${request.method} /${request.path}`;
    const kind = request.contentType ? request.contentType.split(';')[0]?.trim() : request.bodySize === 0 ? 'no body' : 'no content type';
    const failure = problem(request);
    const isError = request.flags.some((flag) => flag !== 'endpoint_disabled') || issues.length > 0;
    return {
      provider,
      name,
      title: name ?? where,
      severity: isError ? 'error' : 'info',
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
