// What went wrong with a form, in the shape a form shows it: the sentence for the whole form, and the message
// of each field the input was refused for, shown under the field the user typed in. The engine's own
// validation names the fields (an ApiError's `fields`); the forms' local checks throw the same ApiError, so
// both land in the same place.
import { ApiError, type FieldIssue } from './client/client';
import { errorMessage } from './format';

export interface Problem {
  message: string;
  fields: readonly FieldIssue[];
}

export function problemOf(error: unknown): Problem {
  return { message: errorMessage(error), fields: error instanceof ApiError ? error.fields : [] };
}

/** A local check's refusal of one field, in the form the engine's validation gives it. */
export function fieldInvalid(path: string, message: string): ApiError {
  return new ApiError('INVALID_INPUT', message, [{ path, message }]);
}

/** The message for the field at `path` (or anything inside it), or null. */
export function fieldProblem(problem: Problem | null, path: string): string | null {
  const issue = problem?.fields.find((field) => field.path === path || field.path.startsWith(`${path}.`));
  return issue ? issue.message : null;
}
