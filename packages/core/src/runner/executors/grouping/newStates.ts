import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import type { TriggerState } from "../../triggers/TriggerStateMachine";
import { KeyMap } from "../../KeyMap";
import type { KeyState, MergingState, TableState, WindowTable } from "./WindowState";

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
  return {
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
}

/** A new, empty state of `key` in the table of a window that never merges. @internal */
export function newTableState(
  key: unknown,
  table: WindowTable,
  acc: unknown,
  trigger: TriggerState,
): TableState {
  return {
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
