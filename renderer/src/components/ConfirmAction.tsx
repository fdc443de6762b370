// An inline confirmation for what cannot be undone: it takes the focus on its safe button, and Esc closes it
// with nothing done.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmActionProps {
  id: string;
  children: ComponentChildren;
  action: string;
  danger: boolean;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmAction({ id, children, action, danger, busy, onConfirm, onCancel }: ConfirmActionProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby={id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={id}>{children}</p>
      <button type="button" class={danger ? 'danger-solid' : 'primary'} disabled={busy} onClick={onConfirm}>
        {action}
      </button>
      <button type="button" ref={cancel} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
