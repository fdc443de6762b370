// The providers an endpoint can be set to (LOX24, Soyio and the provider packs), read once from the engine and
// shared by every select that lists them: endpoints, the feed filter, rules.
import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { Client } from './client';
import { useSignal } from './use-signal';

export interface ProviderChoice {
  id: string;
  label: string;
  /** The signature check an endpoint of this provider starts with. */
  signature: string | null;
  handshake: string | null;
  origin: 'built-in' | 'user';
}

// Until the engine answers, the two providers every version has.
const choices = signal<ProviderChoice[]>([
  { id: 'lox24', label: 'LOX24', signature: 'header', handshake: null, origin: 'built-in' },
  { id: 'soyio', label: 'Soyio', signature: 'hub-signature-256', handshake: null, origin: 'built-in' },
]);

export const providerChoices: ReadonlySignal<ProviderChoice[]> = choices;

export function loadProviders(client: Client): void {
  client.api.listProviders().then(
    (list) => {
      choices.value = list;
    },
    () => undefined, // the built-in two stay listed; the status bar already says when the engine is away
  );
}

export function useProviders(): ProviderChoice[] {
  return useSignal(choices);
}

/** A provider id as people write it ("generic" is what no provider claimed). */
export function providerLabel(list: readonly ProviderChoice[], id: string): string {
  return id === 'generic' ? 'Other' : (list.find((p) => p.id === id)?.label ?? id);
}
