import { intervalWindowCoder } from "../coders";
import type { Coder } from "../coders/Coder";
import { formatDuration, type Duration } from "../time/Duration";
import type { Instant } from "../time/Instant";
import type { BoundedWindow } from "./BoundedWindow";
import { IntervalWindow } from "./IntervalWindow";
import type { WindowFn } from "./WindowFn";

/**
 * Assigns each element to one window of `size`: `[N*size + offset, (N+1)*size + offset)`.
 * @example
 * ```ts
 * fixedWindows(minutes(1)).assignWindows(90_000, null); // [[60000, 120000)]
 * ```
 * @public
 */
export class FixedWindows implements WindowFn<IntervalWindow> {
  readonly assignsToOneWindow = true;
  readonly windowCoder: Coder<IntervalWindow> = intervalWindowCoder;

  /** @throws RangeError unless `size > 0` and `0 <= offset < size`. */
  constructor(
    readonly size: Duration,
    readonly offset: Duration = 0,
  ) {
    if (!(size > 0) || !Number.isSafeInteger(size))
      throw new RangeError(`size must be a positive integer number of ms, got ${size}`);
    if (!(offset >= 0 && offset < size))
      throw new RangeError(`offset must satisfy 0 <= offset < size, got offset ${offset}, size ${size}`);
  }

  /** The same windows shifted by `offset` (taken modulo the size, so negative offsets work). */
  withOffset(offset: Duration): FixedWindows {
    return new FixedWindows(this.size, ((offset % this.size) + this.size) % this.size);
  }

  /**
   * The last assignment, reused while timestamps stay in the same window (the common case):
   * shared by those elements, so read-only by type (not frozen: V8 iterates frozen arrays slowly).
   */
  private last: readonly IntervalWindow[] | undefined;

  assignWindows(timestamp: Instant): readonly IntervalWindow[] {
    const last = this.last?.[0];
    if (last && timestamp >= last.start && timestamp < last.end) return this.last!;
    const start = timestamp - mod(timestamp - this.offset, this.size);
    return (this.last = [new IntervalWindow(start, start + this.size)]);
  }

  /** The window of the end of `mainWindow`; the last assignment is reused but not replaced (it is the elements'). */
  sideInputWindow(mainWindow: BoundedWindow): IntervalWindow {
    const t = mainWindow.maxTimestamp();
    const last = this.last?.[0];
    if (last && t >= last.start && t < last.end) return last;
    const start = t - mod(t - this.offset, this.size);
    return new IntervalWindow(start, start + this.size);
  }

  isCompatible(other: WindowFn<BoundedWindow>): boolean {
    return other instanceof FixedWindows && other.size === this.size && other.offset === this.offset;
  }

  toString(): string {
    return `fixedWindows(${formatDuration(this.size)})${this.offset ? `.withOffset(${formatDuration(this.offset)})` : ""}`;
  }
}

/** Non-negative remainder. @internal */
export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Fixed (tumbling) windows of `size`. @see FixedWindows @public */
export function fixedWindows(size: Duration): FixedWindows {
  return new FixedWindows(size);
}
