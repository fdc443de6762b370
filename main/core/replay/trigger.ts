// "Send sample" / `hookbridge trigger`: a realistic body of one LOX24 or Soyio event, signed the way the
// endpoint checks, posted to the endpoint's own ingress URL — the whole path without the provider.
import { randomBytes } from 'node:crypto';
import { HookbridgeError } from '../errors';
import { signRequest } from '../signatures';
import type { Endpoint, HeaderPair } from '../model';
import { sampleOf, seededRandom, triggerable, type TriggerProvider } from '../samples';
import { send, type SendResult } from '../outbound/send';

export interface TriggerResult extends SendResult {
  url: string;
  name: string;
  body: string;
}

export function isTriggerProvider(provider: string): provider is TriggerProvider {
  return Object.hasOwn(triggerable, provider);
}

/** The sample's body and headers as the provider would send them, signed for `endpoint`. */
export function buildSample(provider: string, name: string, endpoint: Endpoint, now = Date.now()): { body: Buffer; headers: HeaderPair[] } {
  if (!isTriggerProvider(provider)) throw new HookbridgeError('INVALID_INPUT', `Hookbridge has samples for ${Object.keys(triggerable).join(' and ')}, not “${provider}”.`);
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
