// Picks the provider module for a request and asks it for the description that is stored with it.
import type { Description, EventFact, ProviderId } from '../model';
import { generic } from './generic';
import { lox24 } from './lox24';
import { packModules } from './packs';
import { soyio } from './soyio';
import type { CapturedRequest, ProviderModule } from './types';

/** Bump when any provider's description changes, so stored descriptions can be recomputed by a migration. */
export const describerVersion = 3;

/** Known providers, most specific first: LOX24 and Soyio (code), then the packs (data); the fallback takes whatever none claims. */
export const providers: readonly ProviderModule[] = [lox24, soyio, ...packModules];

/** Every provider an endpoint can be set to, with its label. */
export const providerLabels: ReadonlyMap<string, string> = new Map(providers.map((p) => [p.id, p.label]));

/** What the UI offers for each provider: its label, the signature check to start with, its handshake. */
export function providerList(): { id: string; label: string; signature: string | null; handshake: string | null }[] {
  return providers.map((p) => ({ id: p.id, label: p.label, signature: p.signature ?? null, handshake: p.handshake ?? null }));
}

export function pickProvider(request: CapturedRequest): ProviderModule {
  if (request.endpointProvider !== 'auto') {
    return providers.find((p) => p.id === request.endpointProvider) ?? generic;
  }
  return providers.find((p) => p.detect(request)) ?? generic;
}

export function describeRequest(request: CapturedRequest): Description {
  const module = pickProvider(request);
  const description = module.describe(request);
  if (module === generic) return description;
  // Why this provider: the endpoint's setting, or what the provider recognised (a header, its envelope).
  const claim = request.endpointProvider !== 'auto' ? `this endpoint is set to ${module.label}` : (module.claim?.(request) ?? `recognised by its body (a ${module.label} envelope)`);
  return { ...description, claim: description.claim ?? claim };
}

/**
 * The facts the inspector shows first for an event of `provider`; `json` reads its body, and is called only for
 * a provider that has facts to give (a 5 MB body of any other provider is never parsed for nothing).
 */
export function factsOf(provider: ProviderId, json: () => unknown): EventFact[] {
  const facts = providers.find((p) => p.id === provider)?.facts;
  return facts ? facts(json()) : [];
}
