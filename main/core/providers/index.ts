// Picks the provider module for a request and asks it for the description that is stored with it.
import type { Description, EventFact, ProviderId } from '../model';
import { generic } from './generic';
import { lox24 } from './lox24';
import { packModules } from './packs';
import { userPackModules } from './packs/user';
import { soyio } from './soyio';
import type { CapturedRequest, ProviderModule } from './types';

/** Bump when any provider's description changes, so stored descriptions can be recomputed by a migration. */
export const describerVersion = 3;

/** The built-in providers, most specific first: LOX24 and Soyio (code), then the packs (data). */
const builtIn: readonly ProviderModule[] = [lox24, soyio, ...packModules];

let known: { user: readonly ProviderModule[]; all: readonly ProviderModule[] } = { user: [], all: builtIn };

/** Known providers now: the built-in ones, then the user's packs; the fallback takes whatever none claims. */
export function providersNow(): readonly ProviderModule[] {
  const user = userPackModules();
  // Rebuilt only when the user's packs changed: the ingress asks for every request.
  if (user !== known.user) known = { user, all: [...builtIn, ...user] };
  return known.all;
}

/** The built-in providers' ids: a user pack cannot take one. */
export const builtInProviderIds: ReadonlySet<string> = new Set([...builtIn.map((p) => p.id), 'generic', 'auto']);

/** A provider's label, or undefined when there is no such provider. */
export function providerLabel(id: string): string | undefined {
  return providersNow().find((p) => p.id === id)?.label;
}

/** What the UI offers for each provider: its label, the signature check to start with, its handshake, where it comes from. */
export function providerList(): { id: string; label: string; signature: string | null; handshake: string | null; origin: 'built-in' | 'user' }[] {
  const user = new Set(userPackModules());
  return providersNow().map((p) => ({ id: p.id, label: p.label, signature: p.signature ?? null, handshake: p.handshake ?? null, origin: user.has(p) ? 'user' : 'built-in' }));
}

export function pickProvider(request: CapturedRequest): ProviderModule {
  if (request.endpointProvider !== 'auto') {
    return providersNow().find((p) => p.id === request.endpointProvider) ?? generic;
  }
  return providersNow().find((p) => p.detect(request)) ?? generic;
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
  const facts = builtIn.find((p) => p.id === provider)?.facts;
  return facts ? facts(json()) : [];
}
