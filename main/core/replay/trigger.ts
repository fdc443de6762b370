// "Send sample" / `hookbridge trigger`: a realistic body of one LOX24 or Soyio event, or a provider pack's
// documented example, signed the way the endpoint checks, posted to the endpoint's own ingress URL — the whole
// path without the provider.
import { randomBytes, randomUUID } from 'node:crypto';
import { HookbridgeError } from '../errors';
import { signRequest } from '../signatures';
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
function packSample(provider: string, name: string, endpoint: Endpoint, now: number): { body: Buffer; headers: HeaderPair[] } {
  const example = packExample(provider, name);
  if (!example) {
    const known = sampleNames().find((s) => s.provider === provider);
    throw new HookbridgeError(
      'INVALID_INPUT',
      known ? `There is no ${provider} sample of “${name}”. Known: ${known.names.join(', ')}.` : `Hookbridge has samples for ${sampleNames().map((s) => s.provider).join(', ')}, not “${provider}”.`,
    );
  }
  const body = Buffer.from(JSON.stringify(example.body, null, 2));
  const headers: HeaderPair[] = [
    ['Content-Type', 'application/json'],
    ['User-Agent', `Hookbridge-Trigger (${provider} sample)`],
    ...example.headers,
    ...(example.deliveryHeader ? ([[example.deliveryHeader, randomUUID()]] as HeaderPair[]) : []),
    ...signRequest(endpoint.auth, body, now),
  ];
  return { body, headers };
}

export function buildSample(provider: string, name: string, endpoint: Endpoint, now = Date.now()): { body: Buffer; headers: HeaderPair[] } {
  if (!isTriggerProvider(provider)) return packSample(provider, name, endpoint, now);
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
  const { body, headers } = buildSample(provider, name, endpoint);
  const url = `${ingressUrl.replace(/\/+$/, '')}/h/${endpoint.token}`;
  const result = await send({ url, method: 'POST', headers, body }, 30_000);
  return { ...result, url, name, body: body.toString() };
}
