// The one way a form says what went wrong: the API's sentence, announced to screen readers.
export function FormError({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert" id={id}>
      {message}
    </p>
  );
}
