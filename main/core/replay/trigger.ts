// "Send sample" / `hookbridge trigger`: a realistic body of one LOX24 or Soyio event, or a provider pack's
// documented example, signed the way the endpoint checks, posted to the endpoint's own ingress URL — the whole
// path without the provider.
import { randomBytes, randomUUID } from 'node:crypto';
import { HookbridgeError } from '../errors';
import { resignMailgunBody, signRequest } from '../signatures';
import type { Endpoint, HeaderPair } from '../model';
import { sampleOf, seededRandom, triggerable, type TriggerProvider } from '../samples';
import { send, type SendResult } from '../outbound/send';
import { packExample, packExampleNames } from '../providers/packs';

export interface TriggerResult extends SendResult {
  url: string;
  name: string;
  body: string;
}

export function isTriggerProvider(provider: string): provider is TriggerProvider {
  return Object.hasOwn(triggerable, provider);
}

/** The sample's body and headers as the provider would send them, signed for `endpoint`. */
/** Every sample Hookbridge can send, by provider: LOX24 and Soyio's generated ones, then the packs' examples. */
export function sampleNames(): { provider: string; names: string[] }[] {
  return [...(Object.keys(triggerable) as TriggerProvider[]).map((provider) => ({ provider, names: [...triggerable[provider]] })), ...packExampleNames()];
}

/** A pack's example as its provider sends it: its headers, a fresh delivery id, signed for `endpoint`. */
function packSample(provider: string, name: string, endpoint: Endpoint, now: number, url: string | undefined): { body: Buffer; headers: HeaderPair[] } {
  const example = packExample(provider, name);
  if (!example) {
    const known = sampleNames().find((s) => s.provider === provider);
    throw new HookbridgeError(
      'INVALID_INPUT',
      known ? `There is no ${provider} sample of “${name}”. Known: ${known.names.join(', ')}.` : `Hookbridge has samples for ${sampleNames().map((s) => s.provider).join(', ')}, not “${provider}”.`,
    );
  }
  // A form-encoded example (Twilio's callbacks) is sent as the form it is; the rest as JSON.
  const form = example.headers.some(([name, value]) => name.toLowerCase() === 'content-type' && value.startsWith('application/x-www-form-urlencoded'));
  // Mailgun signs inside the body: an endpoint that checks it gets the example signed afresh.
  const content = endpoint.auth.kind === 'mailgun' && typeof example.body === 'object' && example.body !== null ? resignMailgunBody(endpoint.auth.secret, example.body as Record<string, unknown>, now, randomBytes(25).toString('hex')) : example.body;
  const body = form ? Buffer.from(new URLSearchParams(content as Record<string, string>).toString()) : Buffer.from(JSON.stringify(content, null, 2));
  const unsigned: HeaderPair[] = [
    ...(form ? [] : ([['Content-Type', 'application/json']] as HeaderPair[])),
    ['User-Agent', `Hookbridge-Trigger (${provider} sample)`],
    ...example.headers,
    ...(example.deliveryHeader ? ([[example.deliveryHeader, randomUUID()]] as HeaderPair[]) : []),
  ];
  return { body, headers: [...unsigned, ...signRequest(endpoint.auth, body, now, url ? { url, headers: unsigned } : undefined)] };
}

/** `url`: where it will be posted (Twilio signs the URL). */
export function buildSample(provider: string, name: string, endpoint: Endpoint, now = Date.now(), url?: string): { body: Buffer; headers: HeaderPair[] } {
  if (!isTriggerProvider(provider)) return packSample(provider, name, endpoint, now, url);
  const sample = sampleOf(provider, name, seededRandom(randomBytes(4).readUInt32LE()), now);
  if (!sample) throw new HookbridgeError('INVALID_INPUT', `There is no ${provider} sample of “${name}”. Known: ${triggerable[provider].join(', ')}.`);
  const body = Buffer.from(JSON.stringify(sample.body));
  const headers: HeaderPair[] = [
    ['Content-Type', 'application/json'],
    ['User-Agent', `Hookbridge-Trigger (${provider} sample)`],
    // Soyio names each delivery; its retries carry a new one.
    ...(provider === 'soyio' ? ([['X-Hub-Delivery', randomBytes(16).toString('hex')], ['X-Hub-Timestamp', String(Math.floor(now / 1000))]] as HeaderPair[]) : []),
    ...signRequest(endpoint.auth, body, now),
  ];
  return { body, headers };
}

export async function trigger(provider: string, name: string, endpoint: Endpoint, ingressUrl: string): Promise<TriggerResult> {
  const url = `${ingressUrl.replace(/\/+$/, '')}/h/${endpoint.token}`;
  const { body, headers } = buildSample(provider, name, endpoint, Date.now(), url);
  const result = await send({ url, method: 'POST', headers, body }, 30_000);
  return { ...result, url, name, body: body.toString() };
}
