import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import type { IntervalWindow } from "../../../windowing/IntervalWindow";
import type { PaneInfo } from "../../../values/PaneInfo";
import type { KeyMap } from "../../KeyMap";
import type { TriggerState } from "../../triggers/TriggerStateMachine";

/**
 * The state of one key in one window (Beam's ReduceFnRunner state for that window): a
 * {@link MergingState} or a {@link TableState}, told apart by `table` (or `keyState`).
 */
export type WindowState = MergingState | TableState;

/** What the states of merging windows and of windows that never merge share. */
interface WindowStateBase {
  readonly key: unknown;
  /**
   * Merging windows: the key's windows, which hold this state. Windows that never
   * merge: undefined, the state is in its window's table (`WindowStates`) under its key.
   */
  readonly keyState: KeyState | undefined;
  /** Windows that never merge: the table that holds this state. Merging windows: undefined. */
  readonly table: WindowTable | undefined;
  /** Changes only when merging reuses this state for the merged window. */
  window: BoundedWindow;
  /**
   * `window` is a session window this state made for itself when it last grew, and nothing else
   * refers to it yet (no pane has carried it, no merge has seen it): the next extension may move
   * its end in place (`growSession`) instead of building another window.
   */
  ownsWindow: boolean;
  /** The grouped values (GroupByKey) or the CombineFn accumulator (Combine). */
  acc: unknown;
  /** No input since the last pane. */
  isEmpty: boolean;
  /** The element watermark hold; NaN when none. Set it with `HoldQueue.set`. */
  hold: number;
  /**
   * When the heap entry that stands for this state's hold is due (at or before `hold`; NaN: none
   * queued). It re-arms lazily when it reaches the top, so a hold that moves later with every
   * element queues no new entry.
   */
  holdQueued: number;
  /** False once the state left its key's windows (merged away or garbage-collected): its queued timers and holds are stale. */
  live: boolean;
  /** The number of the last bundle that added input to this state (to list each state once per bundle). */
  touchedIn: number;
  readonly trigger: TriggerState;
  lastPane: PaneInfo | undefined;
  /** The trigger finished: the window is closed and later input is dropped until garbage collection. */
  closed: boolean;
}

/**
 * The state of a key in a window that may merge: its own event timers, which move as the window
 * grows. (Each number field of an object is a heap box of its own, so the states of windows that
 * never merge, which share their table's timers, do without them.)
 */
export interface MergingState extends WindowStateBase {
  readonly keyState: KeyState;
  readonly table: undefined;
  /** When the end-of-window and garbage-collection timers are due (NaN: none). */
  eowAt: number;
  gcAt: number;
  /** The time of the queued heap entry of each timer (NaN: none queued): timers are re-armed lazily. */
  eowQueued: number;
  gcQueued: number;
}

/**
 * The state of a key in a window that never merges: its table queues the window's timers for all
 * its states, so the state only says whether the end-of-window timer is still to fire for it (not
 * when the state came after the window's end, nor once it fired).
 */
export interface TableState extends WindowStateBase {
  readonly keyState: undefined;
  readonly table: WindowTable;
  eowDue: boolean;
}

/**
 * The states of one key's merging windows, in the order they were created: a handful at most
 * (sessions still open or in their allowed lateness), so an array searched linearly; a growing
 * session keeps its place, and its window is found by `stateOf`.
 */
export interface KeyState {
  readonly key: unknown;
  /**
   * Made with the key's first state as a one-slot array (`WindowStates.put`): an empty array's
   * first push reserves 16 slots, 128 bytes more per key than most keys ever use.
   */
  windows: MergingState[];
  /**
   * The one state in `windows` when there is exactly one (most keys: one session at a time),
   * else undefined; kept by `WindowStates`, it spares an element the loads of the array.
   */
  only: MergingState | undefined;
}

/**
 * The states of one window that never merges, by key: a window's states are found and
 * garbage-collected together, and a key costs no map of its own.
 */
export interface WindowTable {
  readonly window: BoundedWindow;
  /** `[window]`, shared by the panes of all its states (an emitted value's windows are never changed). */
  readonly windows: readonly BoundedWindow[];
  readonly states: KeyMap<TableState>;
  /**
   * The table's end-of-window and garbage-collection timers are queued: every state of a window
   * that never merges has the same two, so the table queues them once for all its states.
   */
  timersQueued: boolean;
  /** How many of its states hold the watermark, when they share the table's hold (`HoldQueue`). */
  holding: number;
  /** When the heap entry of the table's shared hold is due (`HoldQueue`; NaN: none queued). */
  holdQueued: number;
  /**
   * The state of the table last looked up, when its key is a primitive: the next element with
   * that key (all of a global combine's, whose key is null) finds it with no map lookup while it
   * is live.
   */
  last: TableState | undefined;
}

/** The tie-break of a window's event timers in their heap: of one instant, the end-of-window timer fires first. */
export const TIMER_RANK = { endOfWindow: 0, gc: 1 } as const;

/**
 * Moves the end of a session window that only its state refers to (`WindowState.ownsWindow`):
 * a session that grows with every element then builds no window per element. The window's
 * cached id, if it had one, would be stale, so an owned window must never have been asked for
 * its id (the grouping step files merging windows by key, not by id).
 */
export function growSession(window: IntervalWindow, end: number): void {
  (window as { end: number }).end = end;
}
