import type { Instant } from "../time/Instant";
import type { BoundedWindow } from "./BoundedWindow";

/**
 * The window of event time `[start, end)`; its max timestamp is `end - 1`.
 * @example
 * ```ts
 * const w = new IntervalWindow(0, 10);
 * w.maxTimestamp(); // 9
 * w.toString(); // "[0, 10)"
 * ```
 * @public
 */
export class IntervalWindow implements BoundedWindow {
  #id: string | undefined;

  /** @throws RangeError when `end <= start`. */
  constructor(
    readonly start: Instant,
    readonly end: Instant,
  ) {
    if (!(end > start)) throw new RangeError(`IntervalWindow needs start < end, got [${start}, ${end})`);
  }

  /** `start:end`, computed on first use. */
  get id(): string {
    return (this.#id ??= `${this.start}:${this.end}`);
  }

  maxTimestamp(): Instant {
    return this.end - 1;
  }

  /** True when `t` lies in `[start, end)`. */
  contains(t: Instant): boolean {
    return t >= this.start && t < this.end;
  }

  /** True when the two windows share at least one instant (touching windows do not overlap). */
  intersects(other: IntervalWindow): boolean {
    return this.start < other.end && other.start < this.end;
  }

  /** The smallest window that contains both. */
  span(other: IntervalWindow): IntervalWindow {
    return new IntervalWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  equals(other: unknown): boolean {
    return other instanceof IntervalWindow && other.start === this.start && other.end === this.end;
  }

  toString(): string {
    return `[${this.start}, ${this.end})`;
  }
}
