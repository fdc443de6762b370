// A clock whose time moves only when a test moves it: timers run when their time is reached, in order.
export interface ManualClock {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Moves time forward, running every timer that falls due on the way. */
  advance(ms: number): void;
  /** Timers waiting to run. */
  pending(): number;
}

export function manualClock(start = Date.UTC(2026, 11, 3, 9, 0, 0)): ManualClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimer(run, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimer(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}
