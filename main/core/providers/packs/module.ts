// A pack as a provider module: detection, name, severity, summary, keys and delivery id read from the request
// the way the pack's data says. Everything read from the request is text in the description, never markup.
import { globMatches, readJsonPath, sameJson } from '../../json-path';
import { headerValue } from '../../http-headers';
import type { Description, HeaderPair } from '../../model';
import { deliveryHeader, problem } from '../generic';
import { maskPhone } from '../../mask';
import { toE164 } from '../../phone';
import type { CapturedRequest, ProviderModule } from '../types';
import type { Condition, Pack } from './format';

/** What a pack's hook may change: the JSON the pack reads (Slack's interactivity sends JSON in a form field), and keys beyond its paths (one per event of a batch). */
export interface PackHook {
  json?(request: CapturedRequest): unknown;
  keys?(json: unknown): string[];
}

/** A scalar as text; objects and arrays are not text a sentence can carry. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

interface Subject {
  headers: readonly HeaderPair[];
  json: unknown;
  event: string | null;
}

function holds(condition: Condition, subject: Subject): boolean {
  const value = condition.path !== undefined ? readJsonPath(subject.json, condition.path) : headerValue(subject.headers, condition.header ?? '');
  if (condition.exists !== undefined) return (value !== undefined) === condition.exists;
  if (condition.equals !== undefined) return value !== undefined && sameJson(value, condition.equals);
  return value !== undefined && (condition.in ?? []).some((candidate) => sameJson(value, candidate));
}

/** Fills a template's placeholders; null when one has no value (then the next template is tried). */
export function fill(template: string, subject: Subject): string | null {
  let missing = false;
  const text = template.replace(/\{\{\s*([^}|]+?)\s*(?:\|\s*(phone)\s*)?\}\}/g, (_whole, ref: string, filter: string | undefined) => {
    const value = ref === 'event' ? (subject.event ?? undefined) : ref.startsWith('header:') ? headerValue(subject.headers, ref.slice(7)) : ref.startsWith('$') ? asText(readJsonPath(subject.json, ref)) : undefined;
    if (value === undefined) missing = true;
    return value === undefined ? '' : filter === 'phone' ? maskPhone(value) : value;
  });
  return missing ? null : text;
}

function eventName(pack: Pack, subject: Omit<Subject, 'event'>): { name: string | null; from: string | null } {
  const { header, fields, suffix } = pack.event;
  let name: string | undefined;
  let from: string | null = null;
  if (header) {
    name = headerValue(subject.headers, header);
    if (name) from = `the ${header} header`;
  }
  for (const field of fields) {
    if (name) break;
    const { path, prefix } = typeof field === 'string' ? { path: field, prefix: '' } : field;
    const value = asText(readJsonPath(subject.json, path));
    if (value) {
      name = `${prefix}${value}`;
      from = `the ${path} field`;
    }
  }
  if (!name) return { name: null, from: null };
  const tail = suffix ? asText(readJsonPath(subject.json, suffix)) : undefined;
  return { name: (tail ? `${name}.${tail}` : name).slice(0, 200), from };
}

/** Why the pack claims a request (for the inspector), or null when it does not. */
export function claimOf(pack: Pack, request: Pick<CapturedRequest, 'headers' | 'json'>): string | null {
  const header = pack.detect.headers.find((name) => headerValue(request.headers, name) !== undefined);
  if (header) return `recognised by the ${header} header`;
  const { envelope } = pack.detect;
  if (envelope.length > 0 && envelope.every((c) => holds(c, { headers: request.headers, json: request.json, event: null }))) {
    return `recognised by its body (${envelope.map((c) => c.path ?? c.header).join(', ')})`;
  }
  return null;
}

export function packModule(pack: Pack, hook: PackHook = {}): ProviderModule {
  // Detection, description and the claim all read the hook's JSON of one request: it is made once per request.
  const hooked = new WeakMap<CapturedRequest, unknown>();
  const jsonOf = (request: CapturedRequest): unknown => {
    if (!hook.json) return request.json;
    if (!hooked.has(request)) hooked.set(request, hook.json(request) ?? request.json);
    return hooked.get(request);
  };
  return {
    id: pack.id,
    label: pack.name,
    signature: pack.signature,
    handshake: pack.handshake,
    detect: (request) => claimOf(pack, { headers: request.headers, json: jsonOf(request) }) !== null,
    claim: (request) => claimOf(pack, { headers: request.headers, json: jsonOf(request) }),
    describe(request): Description {
      const json = jsonOf(request);
      const base = { headers: request.headers, json };
      const { name } = eventName(pack, base);
      const subject: Subject = { ...base, event: name };
      const rule = name === null ? undefined : pack.severity.find((r) => globMatches(r.event, name) && r.when.every((c) => holds(c, subject)));
      const failure = problem(request);
      const severity = request.flags.some((flag) => flag !== 'endpoint_disabled') ? 'error' : (rule?.severity ?? pack.defaultSeverity);
      const reason = rule?.reason === undefined ? null : ([rule.reason].flat().map((template) => fill(template, subject)).find((text) => text !== null) ?? null);
      const sentence = pack.summary.filter((s) => !s.event || (name !== null && globMatches(s.event, name))).map((s) => fill(s.text, subject)).find((text) => text !== null);
      const keys = pack.keys.flatMap((key) => {
        const raw = key.path ? asText(readJsonPath(json, key.path)) : key.header ? headerValue(request.headers, key.header) : undefined;
        const value = raw && key.phone ? toE164(raw, request.defaultCountryCode) : raw;
        return value ? [`${key.prefix}:${value.slice(0, 200)}`] : [];
      });
      keys.push(...(hook.keys?.(json) ?? []));
      const code = pack.explain ? asText(readJsonPath(json, pack.explain.path)) : undefined;
      const explanation = pack.explain && code !== undefined && Object.hasOwn(pack.explain.codes, code) ? `${pack.id}.${pack.explain.name}.${code}` : null;
      const delivery = pack.delivery?.header ? headerValue(request.headers, pack.delivery.header) : pack.delivery?.path ? asText(readJsonPath(json, pack.delivery.path)) : undefined;
      const summary = failure ?? [reason, sentence ?? `${request.method} /${request.path}`].filter(Boolean).join(' · ');
      return {
        provider: pack.id,
        name,
        title: name ?? `${pack.name} request`,
        severity,
        summary: summary.slice(0, 500),
        correlationKeys: [...new Set(keys)],
        issues: [],
        explanation,
        attempt: null,
        deliveryKey: delivery ? `${pack.id}:${delivery.slice(0, 200)}` : deliveryHeader(request.headers),
        retryGroup: null,
        severityReason: reason,
      };
    },
  };
}
