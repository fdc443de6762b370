// Picks the provider module for a request and asks it for the description that is stored with it.
import type { Description, EventFact, ProviderId } from '../model';
import { generic } from './generic';
import { lox24 } from './lox24';
import { soyio } from './soyio';
import type { CapturedRequest, ProviderModule } from './types';

/** Bump when any provider's description changes, so stored descriptions can be recomputed by a migration. */
export const describerVersion = 2;

/** Known providers, most specific first; the generic fallback takes whatever none claims. */
export const providers: readonly ProviderModule[] = [lox24, soyio];

export function pickProvider(request: CapturedRequest): ProviderModule {
  if (request.endpointProvider !== 'auto') {
    return providers.find((p) => p.id === request.endpointProvider) ?? generic;
  }
  return providers.find((p) => p.detect(request)) ?? generic;
}

export function describeRequest(request: CapturedRequest): Description {
  return pickProvider(request).describe(request);
}

/**
 * The facts the inspector shows first for an event of `provider`; `json` reads its body, and is called only for
 * a provider that has facts to give (a 5 MB body of any other provider is never parsed for nothing).
 */
export function factsOf(provider: ProviderId, json: () => unknown): EventFact[] {
  const facts = providers.find((p) => p.id === provider)?.facts;
  return facts ? facts(json()) : [];
}
