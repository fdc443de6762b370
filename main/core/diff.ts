// Pure comparison logic for the Compare view and the MCP server's compare_events: a structural diff of two JSON values, a bounded JSON preview,
// a first-difference finder for bodies that are not JSON, and a header diff. Nothing here recurses: webhook
// bodies can nest 10,000 levels deep, so every walk keeps its own explicit stack.

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  /** Where, in the notation the JSON tree uses: `$`, `$.a.b[0]`, `$["odd key"]`. */
  path: string;
  kind: DiffKind;
  /** The value in the first event; absent for 'added'. */
  before?: unknown;
  /** The value in the second event; absent for 'removed'. */
  after?: unknown;
}

export interface DiffResult {
  /** Differences in document order (the first event's key order, then keys only the second one has). */
  entries: DiffEntry[];
  /** True when the walk stopped at the entry limit: the values differ in more places than `entries` lists. */
  truncated: boolean;
}

/** At most this many entries are collected before the diff stops and reports `truncated`. */
export const maxDiffEntries = 5_000;

const identifier = /^[A-Za-z_$][\w$]*$/;

/** The path of a child: `.key` for identifier-like keys, `["odd key"]` otherwise, `[i]` for array items. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return identifier.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

type Shape = 'array' | 'object' | 'scalar';

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return 'array';
  return value !== null && typeof value === 'object' ? 'object' : 'scalar';
}

/** One container pair being walked: the keys still to visit, in order. */
interface Frame {
  path: string;
  before: unknown;
  after: unknown;
  /** Object keys to visit (own, enumerable, string) or null for arrays. */
  keys: string[] | null;
  /** How many entries of `keys` (or array indexes up to `length`) were visited. */
  next: number;
  length: number;
}

function own(value: unknown, key: string): boolean {
  return Object.hasOwn(value as object, key);
}

function read(value: unknown, key: string | number): unknown {
  return (value as Record<string | number, unknown>)[key];
}

/** Keys of `before` in its order, then keys only `after` has, in its order. Own properties only. */
function unionKeys(before: object, after: object): string[] {
  const keys = Object.keys(before);
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) keys.push(key);
  return keys;
}

/**
 * Compares two JSON values: objects key by key (order does not matter), arrays index by index. A value whose
 * type changes (object → string, array → object, …) is one 'changed' entry at its path, not one entry per
 * child. Only own properties are read, so keys such as `__proto__` or `constructor` are compared as data.
 * Stops after `limit` entries (default {@link maxDiffEntries}) with `truncated: true`.
 */
export function diffJson(before: unknown, after: unknown, limit = maxDiffEntries): DiffResult {
  // Walk for one entry more than the limit: finding it is what tells "truncated" from "exactly full".
  const entries = walk(before, after, limit + 1);
  const truncated = entries.length > limit;
  if (truncated) entries.length = limit;
  return { entries, truncated };
}

/** The depth-first walk behind {@link diffJson}: at most `limit` entries, in document order. */
function walk(before: unknown, after: unknown, limit: number): DiffEntry[] {
  const entries: DiffEntry[] = [];
  const stack: Frame[] = [];

  /** Compares one pair; pushes a frame when both are containers of the same kind. False once full. */
  const visit = (path: string, a: unknown, b: unknown): boolean => {
    const shapeA = shapeOf(a);
    const shapeB = shapeOf(b);
    if (shapeA !== shapeB || shapeA === 'scalar') {
      if (shapeA !== shapeB || a !== b) entries.push({ path, kind: 'changed', before: a, after: b });
      return entries.length < limit;
    }
    if (shapeA === 'array') {
      const length = Math.max((a as unknown[]).length, (b as unknown[]).length);
      stack.push({ path, before: a, after: b, keys: null, next: 0, length });
    } else {
      const keys = unionKeys(a as object, b as object);
      stack.push({ path, before: a, after: b, keys, next: 0, length: keys.length });
    }
    return true;
  };

  let room = limit > 0 && visit('$', before, after);
  while (room && stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next >= frame.length) {
      stack.pop();
      continue;
    }
    const index = frame.next++;
    if (frame.keys === null) {
      const a = frame.before as unknown[];
      const b = frame.after as unknown[];
      const path = childPath(frame.path, index);
      if (index >= a.length) {
        entries.push({ path, kind: 'added', after: b[index] });
        room = entries.length < limit;
      } else if (index >= b.length) {
        entries.push({ path, kind: 'removed', before: a[index] });
        room = entries.length < limit;
      } else {
        room = visit(path, a[index], b[index]);
      }
    } else {
      const key = frame.keys[index] as string;
      const path = childPath(frame.path, key);
      const inBefore = own(frame.before, key);
      const inAfter = own(frame.after, key);
      if (!inBefore) {
        entries.push({ path, kind: 'added', after: read(frame.after, key) });
        room = entries.length < limit;
      } else if (!inAfter) {
        entries.push({ path, kind: 'removed', before: read(frame.before, key) });
        room = entries.length < limit;
      } else {
        room = visit(path, read(frame.before, key), read(frame.after, key));
      }
    }
  }
  return entries;
}

/** Preview frames: a container being written, and how many of its children were written. */
interface PreviewFrame {
  value: unknown[] | Record<string, unknown>;
  keys: string[] | null;
  next: number;
  length: number;
}

function scalarJson(value: unknown, limit: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > limit ? value.slice(0, limit + 1) : value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null || typeof value === 'boolean') return String(value);
  return String(value);
}

/**
 * JSON text of a value, cut to `limit` characters with "…" when longer. Writes at most about `limit`
 * characters whatever the value's size or depth (no recursion, no full stringify of a 5 MB subtree).
 * `undefined` (a side that has no value) is the empty string.
 */
export function previewJson(value: unknown, limit = 200): string {
  if (value === undefined) return '';
  let out = '';
  const stack: PreviewFrame[] = [];
  const write = (v: unknown): void => {
    if (Array.isArray(v)) {
      out += '[';
      stack.push({ value: v, keys: null, next: 0, length: v.length });
    } else if (v !== null && typeof v === 'object') {
      out += '{';
      const keys = Object.keys(v);
      stack.push({ value: v as Record<string, unknown>, keys, next: 0, length: keys.length });
    } else {
      out += scalarJson(v, limit);
    }
  };
  write(value);
  while (stack.length > 0 && out.length <= limit) {
    const frame = stack[stack.length - 1] as PreviewFrame;
    if (frame.next >= frame.length) {
      out += frame.keys === null ? ']' : '}';
      stack.pop();
      continue;
    }
    const index = frame.next++;
    if (index > 0) out += ',';
    if (frame.keys === null) {
      write((frame.value as unknown[])[index]);
    } else {
      const key = frame.keys[index] as string;
      out += `${JSON.stringify(key)}:`;
      write((frame.value as Record<string, unknown>)[key]);
    }
  }
  return out.length > limit ? `${out.slice(0, limit)}…` : out;
}

export interface TextDifference {
  /** 1-based line of the first difference. */
  line: number;
  /** 1-based column (UTF-16 code units) in that line. */
  column: number;
  /** UTF-8 byte offset of the first difference. */
  byteOffset: number;
  /** That line in each text ('' past the end). */
  beforeLine: string;
  afterLine: string;
}

const encoder = new TextEncoder();

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

/** Where two texts first differ, or null when they are identical. */
export function compareText(before: string, after: string): TextDifference | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  let i = 0;
  while (i < shorter && before.charCodeAt(i) === after.charCodeAt(i)) i++;
  // Never split a surrogate pair: step back to the start of the character.
  if (i > 0 && i < shorter) {
    const code = before.charCodeAt(i - 1);
    if (code >= 0xd800 && code <= 0xdbff) i--;
  }
  const lineStart = before.lastIndexOf('\n', i - 1) + 1;
  let line = 1;
  for (let j = before.indexOf('\n'); j !== -1 && j < i; j = before.indexOf('\n', j + 1)) line++;
  return {
    line,
    column: i - lineStart + 1,
    byteOffset: encoder.encode(before.slice(0, i)).length,
    beforeLine: lineAround(before, i),
    afterLine: lineAround(after, i),
  };
}

/** Offset of the first differing byte, or null when identical. */
export function compareBytes(before: Uint8Array, after: Uint8Array): number | null {
  const shorter = Math.min(before.length, after.length);
  for (let i = 0; i < shorter; i++) if (before[i] !== after[i]) return i;
  return before.length === after.length ? null : shorter;
}

export interface HeaderDifference {
  /** The header name as the first event sent it (or the second, when only it has the header). */
  name: string;
  kind: DiffKind;
  /** The values, in order, joined with ", " when the header was sent more than once. */
  before?: string;
  after?: string;
}

function groupHeaders(headers: [string, string][]): Map<string, { name: string; values: string[] }> {
  const groups = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const group = groups.get(key);
    if (group) group.values.push(value);
    else groups.set(key, { name, values: [value] });
  }
  return groups;
}

/** Headers that differ between two requests; names compare case-insensitively. */
export function diffHeaders(before: [string, string][], after: [string, string][]): HeaderDifference[] {
  const a = groupHeaders(before);
  const b = groupHeaders(after);
  const out: HeaderDifference[] = [];
  for (const [key, group] of a) {
    const other = b.get(key);
    const value = group.values.join(', ');
    if (!other) out.push({ name: group.name, kind: 'removed', before: value });
    else if (other.values.length !== group.values.length || other.values.some((v, i) => v !== group.values[i])) {
      out.push({ name: group.name, kind: 'changed', before: value, after: other.values.join(', ') });
    }
  }
  for (const [key, group] of b) if (!a.has(key)) out.push({ name: group.name, kind: 'added', after: group.values.join(', ') });
  return out;
}
