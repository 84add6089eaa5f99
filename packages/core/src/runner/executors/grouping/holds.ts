import type { Instant } from "../../../time/Instant";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import type { WindowingStrategy } from "../../../windowing/WindowingStrategy";

/*
 * The timestamp combiner's rules for a grouping step's watermark holds (Beam's
 * WatermarkHold): where an element holds the output watermark, how two holds combine, and
 * where a merged window's hold goes. A hold is NaN when there is none.
 */

/** Where an element holds the output watermark, per the timestamp combiner. @internal */
export function elementHold(s: WindowingStrategy, window: BoundedWindow, timestamp: Instant): Instant {
  switch (s.timestampCombiner) {
    case "END_OF_WINDOW":
      return window.maxTimestamp();
    case "EARLIEST":
    case "LATEST":
      return timestamp;
    case "EARLIEST_TRANSFORMED":
      return s.windowFn.transformOutputTime!(window, timestamp);
  }
}

/** Two holds of one window combined: the later with LATEST, else the earlier. @internal */
export function combineHolds(s: WindowingStrategy, a: number, b: number): number {
  return s.timestampCombiner === "LATEST" ? Math.max(a, b) : Math.min(a, b);
}

/** The hold of a merged window: the merged holds, except that an end-of-window hold moves to the merged window's end. @internal */
export function mergedHold(s: WindowingStrategy, hold: number, result: BoundedWindow): number {
  return !Number.isNaN(hold) && s.timestampCombiner === "END_OF_WINDOW" ? result.maxTimestamp() : hold;
}
