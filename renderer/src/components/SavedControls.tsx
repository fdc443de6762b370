// Controls that show the saved value, not the pending choice: a change is sent to the engine, and the control
// shows what was saved once the answer is back (or the old value, if it was refused), never a value that
// only the page believes in.

export function SavedSwitch({ id, checked, disabled, title, label, onSave }: { id: string; checked: boolean; disabled: boolean; title?: string; label: string; onSave(checked: boolean): void }) {
  return (
    <label class="inline switch" title={title}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        onChange={(e) => {
          const wanted = e.currentTarget.checked;
          e.currentTarget.checked = checked;
          onSave(wanted);
        }}
      />{' '}
      {label}
    </label>
  );
}

export function SavedSelect<T extends string>({ id, value, options, disabled, onSave }: { id: string; value: T; options: readonly { value: T; label: string }[]; disabled: boolean; onSave(value: T): void }) {
  return (
    <select
      id={id}
      value={value}
      disabled={disabled}
      onChange={(e) => {
        const wanted = e.currentTarget.value as T;
        e.currentTarget.value = value;
        onSave(wanted);
      }}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
