import { intervalWindowCoder } from "../coders";
import type { Coder } from "../coders/Coder";
import { formatDuration, type Duration } from "../time/Duration";
import type { Instant } from "../time/Instant";
import type { BoundedWindow } from "./BoundedWindow";
import { mod } from "./FixedWindows";
import { IntervalWindow } from "./IntervalWindow";
import type { WindowFn } from "./WindowFn";

/**
 * Assigns each element to every window `[N*period + offset, N*period + offset + size)` that
 * contains its timestamp: `ceil(size / period)` windows, latest start first.
 * @example
 * ```ts
 * slidingWindows(minutes(10)).every(minutes(5)).assignWindows(minutes(7), null);
 * // [[300000, 900000), [0, 600000)]
 * ```
 * @public
 */
export class SlidingWindows implements WindowFn<IntervalWindow> {
  readonly windowCoder: Coder<IntervalWindow> = intervalWindowCoder;
  readonly assignsToOneWindow: boolean;

  /** @throws RangeError unless `size > 0`, `period > 0` and `0 <= offset < period`. */
  constructor(
    readonly size: Duration,
    readonly period: Duration,
    readonly offset: Duration = 0,
  ) {
    if (!(size > 0) || !Number.isSafeInteger(size))
      throw new RangeError(`size must be a positive integer number of ms, got ${size}`);
    if (!(period > 0) || !Number.isSafeInteger(period))
      throw new RangeError(`period must be a positive integer number of ms, got ${period}`);
    if (!(offset >= 0 && offset < period))
      throw new RangeError(
        `offset must satisfy 0 <= offset < period, got offset ${offset}, period ${period}`,
      );
    this.assignsToOneWindow = period >= size;
  }

  /** The same size, a new start every `period`. */
  every(period: Duration): SlidingWindows {
    return new SlidingWindows(this.size, period, mod(this.offset, period));
  }

  /** The same windows shifted by `offset` (modulo the period). */
  withOffset(offset: Duration): SlidingWindows {
    return new SlidingWindows(this.size, this.period, mod(offset, this.period));
  }

  /** The last assignment and its latest window start, reused when the period divides the size. */
  private last: { start: number; windows: readonly IntervalWindow[] } | undefined;

  assignWindows(timestamp: Instant): readonly IntervalWindow[] {
    const lastStart = timestamp - mod(timestamp - this.offset, this.period);
    // When the period divides the size, every timestamp in [lastStart, lastStart + period) gets the same windows.
    const reusable = this.size % this.period === 0;
    if (reusable && this.last?.start === lastStart) return this.last.windows;
    const windows: IntervalWindow[] = [];
    for (let start = lastStart; start > timestamp - this.size; start -= this.period) {
      windows.push(new IntervalWindow(start, start + this.size));
    }
    if (reusable) this.last = { start: lastStart, windows }; // shared: read-only by type, not frozen (slow to iterate)
    return windows;
  }

  /** The latest window that ends at or before the end of `mainWindow` (Beam's mapping). */
  sideInputWindow(mainWindow: BoundedWindow): IntervalWindow {
    const t = mainWindow.maxTimestamp();
    const lastStart = t - mod(t - this.offset, this.period);
    return new IntervalWindow(lastStart + this.period - this.size, lastStart + this.period);
  }

  isCompatible(other: WindowFn<BoundedWindow>): boolean {
    return (
      other instanceof SlidingWindows &&
      other.size === this.size &&
      other.period === this.period &&
      other.offset === this.offset
    );
  }

  toString(): string {
    const offset = this.offset ? `.withOffset(${formatDuration(this.offset)})` : "";
    return `slidingWindows(${formatDuration(this.size)}).every(${formatDuration(this.period)})${offset}`;
  }
}

/** Sliding windows of `size`, a new one every `size` until `.every(period)` says otherwise. @public */
export function slidingWindows(size: Duration): SlidingWindows {
  return new SlidingWindows(size, size);
}
