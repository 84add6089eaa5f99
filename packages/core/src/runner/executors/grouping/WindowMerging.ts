import { MAX_TIMESTAMP, type Instant } from "../../../time/Instant";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import { IntervalWindow } from "../../../windowing/IntervalWindow";
import { Sessions } from "../../../windowing/Sessions";
import type { WindowingStrategy } from "../../../windowing/WindowingStrategy";
import {
  copyTriggerState,
  type TriggerContext,
  type TriggerState,
  type TriggerStateMachine,
} from "../../triggers/TriggerStateMachine";
import { UserCodeError } from "../../UserCodeError";
import type { Reducer } from "./bufferReducer";
import { combineHolds, mergedHold } from "./holds";
import type { EventTimers } from "./EventTimers";
import type { HoldQueue } from "./HoldQueue";
import { newMergingState } from "./newStates";
import { covers, overlapsActive, sessionToJoin, sessionToJoinOne } from "./sessionJoin";
import { growSession, type KeyState, type MergingState, type WindowState } from "./WindowState";
import type { WindowStates } from "./WindowStates";

/** What merging windows reads of the grouping step it works for. @internal */
export interface MergingHost {
  /** The step's name, for the errors of user code. */
  readonly step: string;
  /** The step's input watermark. */
  readonly inputWatermark: Instant;
  /** The trigger context of `ws`. */
  context(ws: WindowState): TriggerContext;
}

/**
 * The window states of a merging WindowFn: each new window joins the key's active windows and
 * whatever the WindowFn merges becomes one state — its trigger state, accumulator and hold
 * merged, its timers set for the merged window. Sessions take shortcuts for the cases in-order
 * data makes common (`sessionJoin`), each ending where the general merge would.
 * @internal
 */
export class WindowMerging {
  private readonly sessions: boolean;
  /** Elements hold at the end of their window (END_OF_WINDOW). */
  private readonly endOfWindowHolds: boolean;
  /** The one trigger state `extendSession` merges (element 0 set per call). */
  private readonly extensionTriggers: TriggerState[];
  /** Scratch space for merged trigger state, copied into the state that keeps it. */
  private readonly mergedTrigger: TriggerState;

  constructor(
    private readonly store: WindowStates,
    private readonly tsm: TriggerStateMachine,
    private readonly timers: EventTimers,
    private readonly holds: HoldQueue,
    private readonly strategy: WindowingStrategy,
    private readonly reducer: Reducer,
    private readonly host: MergingHost,
  ) {
    this.sessions = strategy.windowFn instanceof Sessions;
    this.endOfWindowHolds = strategy.timestampCombiner === "END_OF_WINDOW";
    this.mergedTrigger = tsm.newState();
    this.extensionTriggers = [this.mergedTrigger];
  }

  /** A new, empty state of the key `ks` for the merging window `window`, without timers yet. */
  newState(ks: KeyState, window: BoundedWindow): MergingState {
    return newMergingState(ks, window, this.reducer.createAccumulator(), this.tsm.newState());
  }

  /**
   * The key's one session when it is open and holds all of the proto-session `window`, so that
   * joining changes nothing: the first case of {@link joinOpenSession} (most elements of an
   * in-order stream), apart, in a function small enough for V8 to inline into the grouping step
   * even where it has inlined the session's extension into `joinOpenSession`.
   */
  openSessionCovering(ks: KeyState, window: BoundedWindow): MergingState | undefined {
    const only = ks.only;
    if (this.sessions !== true || only === undefined || only.closed === true) return undefined;
    return covers(only.window as IntervalWindow, window as IntervalWindow) ? only : undefined;
  }

  /**
   * The key's one session when it is open and the proto-session `window` joins it as in-order
   * data does: inside it (joining changes nothing) or overlapping its end from within (the
   * session grows, `extendSession`). What {@link mergeInto} returns then, without its calls;
   * undefined otherwise, and for a WindowFn other than sessions.
   */
  joinOpenSession(ks: KeyState, window: BoundedWindow): MergingState | undefined {
    const only = ks.only;
    // `!== true`, not `!this.sessions`: V8 tests a boolean field's truthiness in full otherwise.
    if (this.sessions !== true || only === undefined || only.closed) return undefined;
    const session = only.window as IntervalWindow;
    const proto = window as IntervalWindow;
    if (covers(session, proto)) return only;
    if (!(session.start < proto.start && proto.start < session.end)) return undefined;
    this.extendSession(ks, only, proto);
    return only;
  }

  /**
   * Adds `window` to the key's active windows and merges what the WindowFn says to merge;
   * returns the state of the window the new one ended up in.
   */
  mergeInto(ks: KeyState, window: BoundedWindow): MergingState {
    if (this.sessions === true) {
      const joined = this.joinSession(ks, window as IntervalWindow);
      if (joined) return joined;
      if (!overlapsActive(ks.windows, window as IntervalWindow)) return this.openSession(ks, window);
    } else {
      const existing = this.store.stateOf(ks, window);
      if (existing) return existing;
    }
    const fresh = this.newState(ks, window);
    const created = [fresh];
    this.store.put(ks, fresh);
    const active: BoundedWindow[] = [];
    for (const ws of ks.windows) {
      ws.ownsWindow = false; // the WindowFn may hand a window back as a merge result
      if (!ws.closed) active.push(ws.window);
    }
    let target = fresh;
    for (const { toMerge, result } of this.strategy.windowFn.mergeWindows!(active)) {
      const states = toMerge.map((w) => this.store.stateOf(ks, w)!);
      const kept = this.store.stateOf(ks, result);
      // The merged window keeps the state of the window it equals (pane numbering included);
      // a window that is new reuses one merged state's object for it (its queued timers re-arm
      // lazily), with fresh pane numbering, as a new window gets.
      let merged: WindowState;
      if (kept && states.includes(kept)) {
        merged = kept;
      } else {
        merged = states[0]!;
        merged.window = result;
        merged.lastPane = undefined;
      }
      this.mergeTriggers(
        merged,
        states.map((s) => s.trigger),
      );
      merged.acc = this.mergeAccumulators(
        ks,
        states.map((s) => s.acc),
      );
      merged.isEmpty = states.every((s) => s.isEmpty);
      let hold = NaN;
      for (const s of states)
        if (!Number.isNaN(s.hold))
          hold = Number.isNaN(hold) ? s.hold : combineHolds(this.strategy, hold, s.hold);
      for (const s of states) if (s !== merged) this.store.remove(ks, s);
      this.store.put(ks, merged);
      this.scheduleTimers(merged);
      this.holds.set(merged, mergedHold(this.strategy, hold, result)); // after the timers: see HoldQueue
      if (states.includes(fresh)) target = merged;
    }
    // Timers only for the new states that survived the merges (a window merged away needs none).
    for (const ws of created) if (ws.live) this.scheduleTimers(ws);
    return target;
  }

  /**
   * A new session of its own for the proto-session `window`, which overlaps no active session
   * of the key: what the general merge gives it (the active sessions never overlap each other,
   * so the WindowFn would merge nothing), without asking the WindowFn.
   */
  private openSession(ks: KeyState, window: BoundedWindow): MergingState {
    const fresh = this.newState(ks, window);
    this.store.put(ks, fresh);
    this.scheduleTimers(fresh);
    return fresh;
  }

  /**
   * Joins the proto-session `window` to the key's session `sessionToJoin` finds, extending that
   * session in place when it does not cover the window yet, as the general merge would (the same
   * state object, window, trigger, accumulator and hold); undefined when the general merge is needed.
   */
  private joinSession(ks: KeyState, window: IntervalWindow): MergingState | undefined {
    const only = ks.only;
    const ws = only !== undefined ? sessionToJoinOne(only, window) : sessionToJoin(ks.windows, window);
    if (ws && !covers(ws.window as IntervalWindow, window)) this.extendSession(ks, ws, window);
    return ws;
  }

  /**
   * Merges the proto-session `window` into the active session `ws` that starts before it and
   * overlaps it. The proto-session holds no state yet (Beam's NEW window, with no state address),
   * so, as in Beam, only the session's own state takes part: its accumulator stays as it is, and
   * its trigger state is merged alone — still a merge, since the merged window's later end can
   * take AfterWatermark back to its early phase.
   */
  private extendSession(ks: KeyState, ws: MergingState, window: IntervalWindow): void {
    const session = ws.window as IntervalWindow;
    const end = Math.max(session.end, window.end);
    let result = session;
    if (ws.ownsWindow === true) {
      growSession(session, end);
    } else {
      result = new IntervalWindow(session.start, end);
      ws.window = result;
      ws.ownsWindow = true;
    }
    ws.lastPane = undefined;
    if (!this.tsm.mergeKeeps(ws.trigger)) {
      this.extensionTriggers[0] = ws.trigger;
      this.mergeTriggers(ws, this.extensionTriggers);
    }
    this.store.put(ks, ws);
    const eow = result.maxTimestamp();
    const gc = Math.min(eow + this.strategy.allowedLateness, MAX_TIMESTAMP);
    if (this.endOfWindowHolds === true && this.timers.moveLater(ws, eow, gc, this.host.inputWatermark)) {
      // The hold follows the session's end, where the end-of-window timer now stands in for it
      // (see HoldQueue): what `holds.set` would do, without its checks.
      if (!Number.isNaN(ws.hold)) ws.hold = eow;
      return;
    }
    this.scheduleTimers(ws);
    this.holds.set(ws, mergedHold(this.strategy, ws.hold, result)); // after the timers: see HoldQueue
  }

  /**
   * Sets the state's end-of-window and garbage-collection timers for its current window. A state
   * sets its hold after this (HoldQueue leaves out a hold a timer stands in for).
   */
  private scheduleTimers(ws: WindowState): void {
    this.timers.scheduleWindow(ws, this.strategy.allowedLateness, this.host.inputWatermark);
  }

  /** Sets `merged`'s trigger state to the merge of `states` (which may include its own). */
  private mergeTriggers(merged: WindowState, states: readonly TriggerState[]): void {
    const trigger = this.tsm.merge(states, this.host.context(merged), this.mergedTrigger);
    if (trigger === merged.trigger) return; // the trigger keeps no state: all windows share one
    copyTriggerState(merged.trigger, trigger);
  }

  private mergeAccumulators(ks: KeyState, accumulators: unknown[]): unknown {
    try {
      return this.reducer.mergeAccumulators(accumulators);
    } catch (e) {
      throw new UserCodeError(this.host.step, ks.key, e);
    }
  }
}
