import type { Duration } from "../time/Duration";
import type { Instant } from "../time/Instant";
import type { Clock } from "./Clock";

/**
 * A clock that moves only when told: processing time in tests (TestStream drives it).
 * @public
 */
export class VirtualClock implements Clock {
  constructor(private current: Instant = 0) {}

  now(): Instant {
    return this.current;
  }

  /** Moves the clock forward by `d`. @throws RangeError when `d < 0`. */
  advance(d: Duration): void {
    if (d < 0) throw new RangeError(`processing time cannot go backwards (advance by ${d})`);
    this.current += d;
  }

  /** Moves the clock to `t` if that is later. */
  advanceTo(t: Instant): void {
    if (t > this.current) this.current = t;
  }
}
