// A field's own message, under the field it is about. The form's sentence (FormError) is what screen readers
// announce; the input points here with aria-describedby and is marked aria-invalid.
import { fieldProblem, type Problem } from '../problem';

/**
 * Props for the input a FieldError describes: aria-invalid and aria-describedby (after the field's own hint,
 * if it has one) while it has a message.
 */
export function invalidProps(problem: Problem | null, path: string, id: string, hint?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  if (!fieldProblem(problem, path)) return hint ? { 'aria-describedby': hint } : {};
  return { 'aria-invalid': true, 'aria-describedby': hint ? `${hint} ${id}-problem` : `${id}-problem` };
}

export function FieldError({ problem, path, id }: { problem: Problem | null; path: string; id: string }) {
  const message = fieldProblem(problem, path);
  if (!message) return null;
  return (
    <p class="field-error" id={`${id}-problem`}>
      {message}
    </p>
  );
}
