/** Time, injected: the domain never reads the system clock itself, so tests can hold or move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
