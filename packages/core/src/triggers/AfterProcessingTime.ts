import { formatDuration, type Duration } from "../time/Duration";
import type { TriggerDescription } from "./Trigger";

/**
 * Fires once, when processing time reaches the first element's arrival time plus `delay`,
 * optionally rounded up to the next multiple of `alignment.period` (plus `alignment.offset`).
 * Finishes after firing; wrap it in `repeatedly` to fire again.
 * @example
 * ```ts
 * afterProcessingTime(seconds(30)).alignedTo(minutes(1));
 * ```
 * @public
 */
export class AfterProcessingTime implements TriggerDescription {
  readonly kind = "afterProcessingTime";
  readonly subTriggers = [] as const;

  /** @throws RangeError when `delay < 0` or `alignment.period <= 0`. */
  constructor(
    readonly delay: Duration,
    readonly alignment?: { readonly period: Duration; readonly offset: Duration },
  ) {
    if (!(delay >= 0)) throw new RangeError(`delay must be >= 0, got ${delay}`);
    if (alignment && !(alignment.period > 0))
      throw new RangeError(`alignment period must be > 0, got ${alignment.period}`);
  }

  /** Rounds the firing time up to the next `period` boundary (plus `offset`). */
  alignedTo(period: Duration, offset: Duration = 0): AfterProcessingTime {
    return new AfterProcessingTime(this.delay, { period, offset });
  }

  /** The processing time at which the trigger fires, for a first element arriving at `now`. */
  fireTime(now: number): number {
    const t = now + this.delay;
    if (!this.alignment) return t;
    const { period, offset } = this.alignment;
    const rem = (((t - offset) % period) + period) % period;
    return rem === 0 ? t : t + (period - rem);
  }

  mayFinish(): boolean {
    return true;
  }

  toString(): string {
    const align = this.alignment
      ? `.alignedTo(${formatDuration(this.alignment.period)}${this.alignment.offset ? ", " + formatDuration(this.alignment.offset) : ""})`
      : "";
    return `afterProcessingTime(${formatDuration(this.delay)})${align}`;
  }
}

/** Fires `delay` of processing time after the first element of a pane. @public */
export function afterProcessingTime(delay: Duration): AfterProcessingTime {
  return new AfterProcessingTime(delay);
}
