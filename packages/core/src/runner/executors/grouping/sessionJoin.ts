import type { IntervalWindow } from "../../../windowing/IntervalWindow";
import type { MergingState } from "./WindowState";

/**
 * Where a proto-session `window` (one element's `[t, t + gap)`) goes among a key's session
 * states without the WindowFn's general merge, in the cases that in-order data makes common: the
 * state of an equal window, or of an active session that contains it (joining changes nothing:
 * `covers`), or the one active session it overlaps when that session starts before it (joining
 * extends it). Undefined when the general merge is needed: no overlap, several sessions bridged,
 * or an earlier start.
 * @internal
 */
export function sessionToJoin(
  states: readonly MergingState[],
  window: IntervalWindow,
): MergingState | undefined {
  if (states.length === 1) return sessionToJoinOne(states[0]!, window);
  let containing: MergingState | undefined;
  let overlapping: MergingState | undefined;
  let overlaps = 0;
  for (const ws of states) {
    const w = ws.window as IntervalWindow;
    if (w.start === window.start && w.end === window.end) return ws;
    if (ws.closed || !w.intersects(window)) continue;
    overlaps++;
    overlapping = ws;
    if (!containing && covers(w, window)) containing = ws;
  }
  if (containing) return containing;
  if (overlaps !== 1 || !((overlapping!.window as IntervalWindow).start < window.start)) return undefined;
  return overlapping;
}

/** True when `session` holds all of `window`. @internal */
export function covers(session: IntervalWindow, window: IntervalWindow): boolean {
  return session.start <= window.start && window.end <= session.end;
}

/** {@link sessionToJoin} of a key with the one session state `ws`. @internal */
export function sessionToJoinOne(ws: MergingState, window: IntervalWindow): MergingState | undefined {
  const w = ws.window as IntervalWindow;
  if (w.start === window.start && w.end === window.end) return ws;
  if (ws.closed || !w.intersects(window)) return undefined;
  return covers(w, window) || w.start < window.start ? ws : undefined;
}

/**
 * True when `window` overlaps an active (not closed) session among `states`; when it does not,
 * it starts a session of its own. @internal
 */
export function overlapsActive(states: readonly MergingState[], window: IntervalWindow): boolean {
  for (let i = 0; i < states.length; i++) {
    const ws = states[i]!;
    if (!ws.closed && (ws.window as IntervalWindow).intersects(window)) return true;
  }
  return false;
}
