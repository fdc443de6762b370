// A small JSON path reader for rules and routes: $.data.status, $.errors_array[0].code. No wildcards, no
// filters: a path names one value, and a person can read what it means.

export type PathStep = string | number;

/** "$.a.b[0]" → ["a", "b", 0]; the syntax is validated by the JsonPathText schema before it gets here. */
export function parseJsonPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  const pattern = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]/g;
  for (const match of path.slice(1).matchAll(pattern)) steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
  return steps;
}

/** The value at `path`, or `undefined` when any step is missing (own properties only). */
export function readJsonPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of parseJsonPath(path)) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return undefined;
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/** Deep equality of JSON values (objects by keys, arrays by order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, i) => sameJson(item, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Event-name globs: * is any run of characters (dots included); everything else is literal. Matched by the
 * greedy two-pointer walk (backtracking only to the last star), so it takes at most length × length steps
 * whatever the glob — a RegExp of ".*" runs could take exponential time on a glob like "*a*a*a*a*b".
 */
export function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (g < glob.length && glob[g] === text[t]) {
      g++;
      t++;
    } else if (star !== -1) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}
