import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import type { TriggerState } from "../../triggers/TriggerStateMachine";
import { KeyMap } from "../../KeyMap";
import { NO_FIRING } from "../../../values/PaneInfo";
import type { KeyState, MergingState, TableState, WindowState, WindowTable } from "./WindowState";

/*
 * The two kinds of window state, each made by an object literal of its own: V8 gives every
 * literal one fixed layout, and a number field costs a heap box of its own per object, so a
 * table's state, which has no timer times, is not a merging state with those fields unset.
 * Both start empty and without timers (the grouping step sets them).
 */

/** A new, empty state of the key `ks` for the merging window `window`. @internal */
export function newMergingState(
  ks: KeyState,
  window: BoundedWindow,
  acc: unknown,
  trigger: TriggerState,
): MergingState {
  const ws: MergingState = {
    key: ks.key,
    keyState: ks,
    table: undefined,
    window,
    ownsWindow: false,
    acc,
    isEmpty: true,
    hold: NaN,
    holdQueued: NaN,
    live: true,
    touchedIn: 0,
    trigger,
    lastPane: undefined,
    closed: false,
    eowAt: NaN,
    gcAt: NaN,
    eowQueued: NaN,
    gcQueued: NaN,
  };
  settleLayout(ws, acc);
  ws.eowAt = NaN;
  ws.gcAt = NaN;
  ws.eowQueued = NaN;
  ws.gcQueued = NaN;
  return ws;
}

/** A new, empty state of `key` in the table of a window that never merges. @internal */
export function newTableState(
  key: unknown,
  table: WindowTable,
  acc: unknown,
  trigger: TriggerState,
): TableState {
  const ws: TableState = {
    key,
    keyState: undefined,
    table,
    window: table.window,
    ownsWindow: false,
    acc,
    isEmpty: true,
    hold: NaN,
    holdQueued: NaN,
    live: true,
    touchedIn: 0,
    trigger,
    lastPane: undefined,
    closed: false,
    eowDue: false,
  };
  settleLayout(ws, acc);
  ws.eowDue = false;
  return ws;
}

/**
 * Writes once more each field the grouping step changes after it made a state, and gives `acc`
 * and `lastPane` a value of the other kind they later hold. V8 lays out the fields of an object
 * literal as constants of the narrowest kind they were made with, and optimized code depends on
 * that layout; the first window to close (`closed` set, `acc` cleared, `live` unset, a pane
 * kept) would otherwise change it for every state after the element path had been optimized,
 * discarding that code (in a 1M-event Q11 run, eleven functions, the compiled chain among them,
 * at the first closed sessions). Written here, the first state has the layout every later one
 * keeps. Leaves every field as it was.
 */
function settleLayout(ws: WindowState, acc: unknown): void {
  const window = ws.window;
  ws.window = window;
  ws.ownsWindow = false;
  ws.acc = undefined;
  ws.acc = acc;
  ws.isEmpty = true;
  ws.hold = NaN;
  ws.holdQueued = NaN;
  ws.live = true;
  ws.touchedIn = 0;
  ws.lastPane = NO_FIRING;
  ws.lastPane = undefined;
  ws.closed = false;
}

/** A new table for the states of `window`, a window that never merges: no states, timers or holds yet. @internal */
export function newWindowTable(window: BoundedWindow): WindowTable {
  return {
    window,
    windows: [window],
    states: new KeyMap(),
    timersQueued: false,
    holding: 0,
    holdQueued: NaN,
    last: undefined,
  };
}
