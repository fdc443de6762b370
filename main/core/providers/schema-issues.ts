// Lenient validation: a payload that breaks the documented schema is still stored and described; what
// differs is reported as issues with a JSON path. Fields the documentation does not list are "undocumented
// field" (schema drift), not errors.
import type { z } from 'zod';
import { describeValue, pathText as jsonPath, undocumentedField, valueAtPath as valueAt } from '../issue-text';
import type { SchemaIssue } from '../model';

export { undocumentedField };

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
