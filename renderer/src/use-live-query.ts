// The load / subscribe / cancel pattern, once: read a value, read it again when a stream message says it
// changed, never apply an answer after the component is gone or the inputs changed, and never keep more than
// one read on its way (a burst of messages costs one more read, not one per message).
import { useEffect, useState } from 'preact/hooks';
import type { Client, Incoming } from './client/client';
import { errorMessage } from './format';

export interface LiveQuery<T> {
  value: T | null;
  error: string | null;
  /** Replaces the value with what a page's own call answered (the stream's copy follows). */
  set(update: (current: T | null) => T | null): void;
}

export function useLiveQuery<T>(client: Client, read: () => Promise<T>, changed: (message: Incoming) => boolean, inputs: readonly unknown[]): LiveQuery<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    let reading = false;
    let again = false;
    const load = (): void => {
      if (reading) {
        again = true; // one more read once this one is back
        return;
      }
      reading = true;
      read()
        .then(
          (answer) => {
            if (gone) return;
            setValue(answer);
            setError(null);
          },
          (e: unknown) => !gone && setError(errorMessage(e)),
        )
        .finally(() => {
          reading = false;
          if (again && !gone) {
            again = false;
            load();
          }
        });
    };
    setValue(null);
    load();
    const unsubscribe = client.subscribe((message) => {
      if (changed(message) || message.type === 'stream.resync') load();
    });
    return () => {
      gone = true;
      unsubscribe();
    };
  }, [client, ...inputs]);

  return { value, error, set: setValue };
}
