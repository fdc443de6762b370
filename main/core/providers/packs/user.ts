// The packs a user dropped into <data folder>/providers/: data only, never executed. The registry here is what
// the describer consults; maintenance/user-packs.ts reads the folder and sets it.
import type { ProviderModule } from '../types';
import type { Pack } from './format';
import { packModule } from './module';

let current: { packs: readonly Pack[]; modules: readonly ProviderModule[] } = { packs: [], modules: [] };

export function setUserPacks(packs: readonly Pack[]): void {
  // User packs get no code hooks: what they say is all they do.
  current = { packs, modules: packs.map((pack) => packModule(pack)) };
}

export const userPacks = (): readonly Pack[] => current.packs;
export const userPackModules = (): readonly ProviderModule[] => current.modules;
