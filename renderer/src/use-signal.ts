// Reads a signal of the live store in a component: the component re-renders when that signal changes, and only
// then. A small hook over @preact/signals-core instead of @preact/signals' automatic tracking, which hooks into
// every render of every component (the feed re-renders its rows each frame under a webhook burst).
import { effect, type ReadonlySignal } from '@preact/signals-core';
import { useEffect, useState } from 'preact/hooks';

export function useSignal<T>(source: ReadonlySignal<T>): T {
  const [value, setValue] = useState(() => source.peek());
  useEffect(
    // effect() runs once at once (catching a change between render and subscribe), then on every change.
    () => effect(() => setValue(() => source.value)),
    [source],
  );
  return value;
}
