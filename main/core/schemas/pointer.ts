// JSON pointers inside one document ("#/components/schemas/webhook-push"), the only references Hookbridge
// follows: a `$ref` to another file or a URL is never fetched.

/** The segments of a local reference, or null when it is not one ("other.yaml#/x", "https://…"). */
export function pointerSegments(ref: string): string[] | null {
  if (!ref.startsWith('#')) return null;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return null;
  }
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return null; // an anchor ("#foo"): not a pointer
  return fragment
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A URI-fragment pointer: each segment ~-escaped, then percent-encoded, so pointerSegments reads it back exactly. */
export function pointerOf(segments: readonly string[]): string {
  return `#${segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('')}`;
}

export function valueAtPointer(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Sets `value` at `segments` in `root`, making the objects on the way. */
export function setAtPointer(root: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = root;
  for (const [i, segment] of segments.entries()) {
    if (i === segments.length - 1) {
      Object.defineProperty(node, segment, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (next === null || typeof next !== 'object') {
      const made: Record<string, unknown> = {};
      Object.defineProperty(node, segment, { value: made, enumerable: true, writable: true, configurable: true });
      node = made;
    } else {
      node = next as Record<string, unknown>;
    }
  }
}
