import type { Instant } from "../time/Instant";

/**
 * Where the runner reads processing time. Inject a virtual clock in tests; the runner never
 * calls `Date.now()` itself.
 * @public
 */
export interface Clock {
  now(): Instant;
}

/** The machine's wall clock. @public */
export const systemClock: Clock = { now: () => Date.now() };
