import { describe, expect, it } from "vitest";
import { IntervalWindow } from "../../../windowing/IntervalWindow";
import type { KeyState } from "./WindowState";
import { newMergingState, newTableState, newWindowTable } from "./newStates";

// The states' layout is settled by writing fields a second time (`settleLayout`): what a new
// state holds must still be exactly what it was made with.
describe("new window states", () => {
  const window = new IntervalWindow(0, 10);
  const trigger = [0, 1, 2];
  /** What every new state starts with, of either kind: empty, open, live, no pane, no hold. */
  const fresh = {
    window,
    ownsWindow: false,
    isEmpty: true,
    hold: NaN,
    holdQueued: NaN,
    live: true,
    touchedIn: 0,
    trigger,
    lastPane: undefined,
    closed: false,
  };

  it("a merging window's state starts empty, open, live and without timers, holding its accumulator", () => {
    for (const acc of [0, 7, [1, 2], undefined]) {
      const ks: KeyState = { key: "k", windows: [], only: undefined };
      const ws = newMergingState(ks, window, acc, trigger);
      expect({ ...ws }).toStrictEqual({
        ...fresh,
        key: "k",
        keyState: ks,
        table: undefined,
        acc,
        eowAt: NaN,
        gcAt: NaN,
        eowQueued: NaN,
        gcQueued: NaN,
      });
      expect(ws.acc).toBe(acc);
      expect(ws.trigger).toBe(trigger);
    }
  });

  it("a table's state starts empty, open and live, holding its accumulator, with no end-of-window timer due", () => {
    const table = newWindowTable(window);
    for (const acc of [0, "x", { n: 1 }]) {
      const ws = newTableState("k", table, acc, trigger);
      expect({ ...ws }).toStrictEqual({
        ...fresh,
        key: "k",
        keyState: undefined,
        table,
        acc,
        eowDue: false,
      });
      expect(ws.acc).toBe(acc);
    }
  });
});
