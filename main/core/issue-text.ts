// How every schema issue reads, whoever found it (LOX24's and Soyio's zod schemas, an imported OpenAPI
// description): where it is as a JSON path ("$.check_run.status", "$.commits[0].id"), and what was there.
import { childPath } from './diff';

/** A field the payload has and its documentation does not list: drift, not an error. */
export const undocumentedField = 'undocumented field';

export type IssuePath = readonly PropertyKey[];

/** `$.a.b[0]`; a key that is not identifier-like in brackets (`$["a.b"]`): the Compare view's notation. */
export function pathText(path: IssuePath): string {
  return path.reduce<string>((out, part) => childPath(out, typeof part === 'number' ? part : String(part)), '$');
}

export function valueAtPath(root: unknown, path: IssuePath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** How a received value reads in an issue: its type, and a short form of a scalar. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') return `string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
