// Renames an endpoint in place: Enter saves, Esc cancels; a refused name keeps the field open, with the
// engine's message under it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fieldProblem, type Problem } from '../problem';
import { FieldError } from './FieldError';

export interface RenameFieldProps {
  id: string;
  name: string;
  busy: boolean;
  problem: Problem | null;
  /** Saves the new name; false when it was refused. */
  onSave(name: string): Promise<boolean>;
  onClose(): void;
}

export function RenameField({ id, name, busy, problem, onSave, onClose }: RenameFieldProps) {
  const [draft, setDraft] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);

  const save = async (): Promise<void> => {
    if (draft === name) return onClose();
    if (await onSave(draft)) onClose();
    else input.current?.focus();
  };

  return (
    <div class="rename">
      <label for={`${id}-rename`}>New name</label>
      <input
        id={`${id}-rename`}
        ref={input}
        type="text"
        value={draft}
        maxLength={100}
        autocomplete="off"
        {...(problem ? { 'aria-invalid': true, 'aria-describedby': fieldProblem(problem, 'name') ? `${id}-rename-problem` : `${id}-error` } : {})}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <button type="button" class="primary" disabled={busy} onClick={() => void save()}>
        Save name
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      <FieldError problem={problem} path="name" id={`${id}-rename`} />
    </div>
  );
}
