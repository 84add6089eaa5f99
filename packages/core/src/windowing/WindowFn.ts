import type { Coder } from "../coders/Coder";
import type { Instant } from "../time/Instant";
import type { BoundedWindow } from "./BoundedWindow";

/**
 * One merge decided by a merging WindowFn: the windows in `toMerge` become `result`.
 * @public
 */
export interface WindowMerge<W extends BoundedWindow> {
  readonly toMerge: readonly W[];
  readonly result: W;
}

/**
 * How elements are assigned to windows: a description (data), interpreted by the runner.
 *
 * Implementations must be immutable and print themselves as the code that makes them.
 * A merging WindowFn (sessions) also defines `mergeWindows`, which is given every active window
 * of one key and returns the merges to make; windows that overlap one merge result are merged
 * transitively by the caller calling it again until it returns nothing.
 * @public
 */
export interface WindowFn<W extends BoundedWindow = BoundedWindow> {
  /** The windows an element with `timestamp` belongs to (at least one). */
  assignWindows(timestamp: Instant, element: unknown): readonly W[];
  /** Present on merging WindowFns only. */
  mergeWindows?(windows: readonly W[]): ReadonlyArray<WindowMerge<W>>;
  /** The window of a side input that a main-input window reads (Beam's default window mapping). */
  sideInputWindow(mainWindow: BoundedWindow): W;
  /** Encodes this fn's windows (checkpoints, worker threads). */
  readonly windowCoder: Coder<W>;
  /** True when every element is assigned to exactly one window. */
  readonly assignsToOneWindow: boolean;
  /** True when the two fns assign identical windows (Flatten and CoGroupByKey require it). */
  isCompatible(other: WindowFn<BoundedWindow>): boolean;
  /**
   * Optional: moves the output timestamp of a pane (Beam Python's `get_transformed_output_time`,
   * used only by the EARLIEST_TRANSFORMED timestamp combiner).
   */
  transformOutputTime?(window: W, timestamp: Instant): Instant;
  toString(): string;
}
