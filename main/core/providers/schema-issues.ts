// Lenient validation: a payload that breaks the documented schema is still stored and described; what
// differs is reported as issues with a JSON path. Fields the documentation does not list are "undocumented
// field" (schema drift), not errors.
import type { z } from 'zod';
import type { SchemaIssue } from '../model';

export const undocumentedField = 'undocumented field';

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, part) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
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

/** Zod's issues as Hookbridge issues; unrecognised keys become one "undocumented field" issue each. */
export function schemaIssues(schema: z.ZodType, value: unknown): SchemaIssue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  const issues: SchemaIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        issues.push({ path: jsonPath(path), expected: 'no such field in the documentation', received: describeValue(valueAt(value, path)), message: undocumentedField });
      }
      continue;
    }
    const expected =
      'expected' in issue && typeof issue.expected === 'string'
        ? issue.expected
        : 'values' in issue && Array.isArray(issue.values)
          ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
          : issue.code;
    issues.push({ path: jsonPath(issue.path), expected, received: describeValue(valueAt(value, issue.path)), message: issue.message });
  }
  return issues;
}

/** True when an issue breaks the documented schema (as opposed to merely adding a field). */
export function isViolation(issue: SchemaIssue): boolean {
  return issue.message !== undocumentedField;
}
