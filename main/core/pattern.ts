// Patterns users write into rules ("matches a pattern"), run by RE2JS: linear in the text's length whatever
// the pattern, so no pattern (and no webhook body) can stall the ingress the way a backtracking RegExp on
// `(a+)+$` would. Compiled patterns are kept, since the same few run on every request.
import { RE2JS } from 're2js';

const compiled = new Map<string, RE2JS>();

/** The compiled pattern; throws a sentence when RE2 syntax cannot read it (look-arounds and backreferences are not RE2). */
export function compilePattern(pattern: string): RE2JS {
  const known = compiled.get(pattern);
  if (known) return known;
  let made: RE2JS;
  try {
    made = RE2JS.compile(pattern);
  } catch (error) {
    throw new Error(`is not a pattern RE2 reads (${(error as Error).message}); look-arounds and backreferences are not supported`);
  }
  if (compiled.size > 1_000) compiled.clear();
  compiled.set(pattern, made);
  return made;
}

/** Why the pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Whether the pattern matches anywhere in the text (anchor it with ^…$ to match all of it). */
export function patternFinds(pattern: string, text: string): boolean {
  return compilePattern(pattern).matcher(text).find();
}
