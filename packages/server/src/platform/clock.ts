/** The source of "now" for every rule that depends on time, injected so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved. @example const clock = manualClock('2025-01-01T00:00:00Z'); clock.advance(60_000) */
export function manualClock(start: Date | string = new Date()) {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
    set(to: Date | string) {
      current = new Date(to).getTime();
    },
  };
}
export type ManualClock = ReturnType<typeof manualClock>;
