/**
 * When a pane fired relative to the watermark: before it passed the end of the window (EARLY),
 * as it passed (ON_TIME), or after (LATE). UNKNOWN is for elements not produced by a trigger.
 * @public
 */
export type Timing = "EARLY" | "ON_TIME" | "LATE" | "UNKNOWN";

/**
 * Describes one firing (pane) of a window: its position in the sequence of firings and its timing.
 * Mirrors Beam's `PaneInfo`.
 * @public
 */
export interface PaneInfo {
  /** True for the first pane fired for this window. */
  readonly isFirst: boolean;
  /** True for the last pane: no further pane will be fired for this window. */
  readonly isLast: boolean;
  readonly timing: Timing;
  /** 0 for the first pane, incremented for every pane fired for the window. */
  readonly index: number;
  /** Index among non-EARLY panes; -1 for EARLY panes. */
  readonly nonSpeculativeIndex: number;
}

/**
 * The pane of elements that were not produced by a trigger firing (Beam's `NO_FIRING`).
 * @public
 */
export const NO_FIRING: PaneInfo = Object.freeze({
  isFirst: true,
  isLast: true,
  timing: "UNKNOWN",
  index: 0,
  nonSpeculativeIndex: 0,
});

const TIMINGS: readonly Timing[] = ["EARLY", "ON_TIME", "LATE", "UNKNOWN"];

/**
 * The first panes (index 0) by timing and then last or not, with the non-speculative index a
 * first pane has (−1 early, 0 otherwise): most windows fire once, so most panes are one of
 * these, shared instead of made and frozen per firing.
 */
const FIRST_PANES: ReadonlyMap<Timing, readonly [PaneInfo, PaneInfo]> = new Map(
  TIMINGS.map((timing) => {
    const nonSpeculativeIndex = timing === "EARLY" ? -1 : 0;
    const pane = (isLast: boolean): PaneInfo =>
      Object.freeze({ isFirst: true, isLast, timing, index: 0, nonSpeculativeIndex });
    return [timing, [pane(false), pane(true)] as const];
  }),
);

/**
 * Makes a {@link PaneInfo}; the result is frozen, and a first pane may be a shared instance
 * (panes are values: compare their fields, not their identity).
 * @public
 */
export function paneInfo(
  isFirst: boolean,
  isLast: boolean,
  timing: Timing,
  index: number,
  nonSpeculativeIndex: number,
): PaneInfo {
  if (isFirst && index === 0 && nonSpeculativeIndex === (timing === "EARLY" ? -1 : 0)) {
    const shared = FIRST_PANES.get(timing);
    if (shared) return shared[isLast ? 1 : 0];
  }
  return Object.freeze({ isFirst, isLast, timing, index, nonSpeculativeIndex });
}

/** Prints a pane, e.g. `PaneInfo(ON_TIME, index=0, onTimeIndex=0, first, last)`. @public */
export function formatPane(p: PaneInfo): string {
  const flags = [p.isFirst ? "first" : "", p.isLast ? "last" : ""].filter(Boolean).join(", ");
  return `PaneInfo(${p.timing}, index=${p.index}, nonSpeculativeIndex=${p.nonSpeculativeIndex}${flags ? ", " + flags : ""})`;
}
