import { intervalWindowCoder } from "../coders";
import type { Coder } from "../coders/Coder";
import { formatDuration, type Duration } from "../time/Duration";
import type { Instant } from "../time/Instant";
import type { BoundedWindow } from "./BoundedWindow";
import { IntervalWindow } from "./IntervalWindow";
import type { WindowFn, WindowMerge } from "./WindowFn";

/**
 * Session windows: each element starts the window `[timestamp, timestamp + gap)`, and windows of
 * the same key that overlap merge into one. Windows that only touch (`a.end == b.start`) do not merge.
 * @example
 * ```ts
 * sessions(minutes(30));
 * ```
 * @public
 */
export class Sessions implements WindowFn<IntervalWindow> {
  readonly assignsToOneWindow = true;
  readonly windowCoder: Coder<IntervalWindow> = intervalWindowCoder;

  /** @throws RangeError unless `gap > 0`. */
  constructor(readonly gap: Duration) {
    if (!(gap > 0) || !Number.isSafeInteger(gap))
      throw new RangeError(`gap must be a positive integer number of ms, got ${gap}`);
  }

  /**
   * The last assignment, reused by the next elements of the same timestamp (in a busy stream,
   * many share a millisecond): read-only by type, as every assigned window is. Its timestamp is
   * kept beside it as a number, compared in place (NaN before the first: equal to none).
   */
  private last: readonly IntervalWindow[] = [];
  private lastTimestamp = NaN;

  assignWindows(timestamp: Instant): readonly IntervalWindow[] {
    if (timestamp === this.lastTimestamp) return this.last;
    const assigned = [new IntervalWindow(timestamp, timestamp + this.gap)];
    this.last = assigned;
    this.lastTimestamp = timestamp;
    return assigned;
  }

  /** Merges every run of overlapping windows into their span. */
  readonly mergeWindows = (
    windows: readonly IntervalWindow[],
  ): ReadonlyArray<WindowMerge<IntervalWindow>> => {
    return mergeOverlappingIntervals(windows);
  };

  sideInputWindow(): IntervalWindow {
    throw new Error(`${this.toString()} cannot be used as the windowing of a side input`);
  }

  isCompatible(other: WindowFn<BoundedWindow>): boolean {
    return other instanceof Sessions && other.gap === this.gap;
  }

  toString(): string {
    return `sessions(${formatDuration(this.gap)})`;
  }
}

/**
 * Groups overlapping windows (transitively) and returns one merge per group of two or more.
 * @internal
 */
export function mergeOverlappingIntervals(
  windows: readonly IntervalWindow[],
): Array<WindowMerge<IntervalWindow>> {
  const sorted = [...windows].sort((a, b) => a.start - b.start || a.end - b.end);
  const merges: Array<WindowMerge<IntervalWindow>> = [];
  let group: IntervalWindow[] = [];
  let span: IntervalWindow | undefined;
  const flush = (): void => {
    if (span && group.length > 1) merges.push({ toMerge: group, result: span });
  };
  for (const w of sorted) {
    if (span && span.intersects(w)) {
      group.push(w);
      span = span.span(w);
    } else {
      flush();
      group = [w];
      span = w;
    }
  }
  flush();
  return merges;
}

/** Session windows that close after `gap` of inactivity per key. @public */
export function sessions(gap: Duration): Sessions {
  return new Sessions(gap);
}
