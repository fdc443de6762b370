// Time and timers as the engine's parts take them: the system's, or a test's (test/support/manual-clock.ts),
// so rule delays, signature tolerances and alert windows are tested on a clock that moves when a test says.
export interface Clock {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The system's clock; its timers never keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (run, ms) => setTimeout(run, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
