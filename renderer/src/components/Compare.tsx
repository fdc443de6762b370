// Compare two events: a structural diff of their bodies. (Being built: see the helper's task.)
import type { Client } from '../client';

export interface CompareProps {
  client: Client;
  /** The event picked first ("before"). */
  baseId: string;
  /** The event picked second ("after"). */
  otherId: string;
  onClose(): void;
  onSelect(id: string): void;
}

export function Compare({ onClose }: CompareProps) {
  return (
    <section class="compare" aria-label="Compare">
      <button type="button" onClick={onClose}>Close compare</button>
    </section>
  );
}
