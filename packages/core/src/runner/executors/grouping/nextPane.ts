import type { Instant } from "../../../time/Instant";
import { paneInfo, type PaneInfo, type Timing } from "../../../values/PaneInfo";
import type { WindowingStrategy } from "../../../windowing/WindowingStrategy";
import type { WindowState } from "./WindowState";

/**
 * The pane a firing of `ws` emits and its timestamp, or undefined when the firing emits nothing
 * (an empty pane, unless it is on time or closing and the strategy fires those always). Timing:
 * early before the end of the window, on time for the first pane after it, late afterwards.
 * The timestamp is the state's hold, at most the end of the window (except with
 * EARLIEST_TRANSFORMED), or the end of the window when there is no hold.
 * @internal
 */
export function nextPane(
  ws: WindowState,
  isFinished: boolean,
  inputWatermark: Instant,
  s: WindowingStrategy,
): { readonly pane: PaneInfo; readonly timestamp: Instant } | undefined {
  const maxTs = ws.window.maxTimestamp();
  const prev = ws.lastPane;
  const timing: Timing =
    inputWatermark <= maxTs ? "EARLY" : !prev || prev.timing === "EARLY" ? "ON_TIME" : "LATE";
  const emit =
    !ws.isEmpty ||
    (timing === "ON_TIME" && s.onTimeBehavior === "FIRE_ALWAYS") ||
    (isFinished && s.closingBehavior === "FIRE_ALWAYS");
  if (!emit) return undefined;
  const index = prev ? prev.index + 1 : 0;
  const nonSpeculative =
    timing === "EARLY" ? -1 : prev && prev.nonSpeculativeIndex >= 0 ? prev.nonSpeculativeIndex + 1 : 0;
  let timestamp = Number.isNaN(ws.hold) ? maxTs : ws.hold;
  if (timestamp > maxTs && s.timestampCombiner !== "EARLIEST_TRANSFORMED") timestamp = maxTs;
  return { pane: paneInfo(index === 0, isFinished, timing, index, nonSpeculative), timestamp };
}
