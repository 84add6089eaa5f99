import { describe, expect, it } from "vitest";
import { IntervalWindow } from "../../../windowing/IntervalWindow";
import { HoldQueue } from "./HoldQueue";
import { newWindowTable } from "./newStates";
import type { MergingState, TableState, WindowTable } from "./WindowState";

/** A merging window's state with only what `HoldQueue` reads and writes. */
function state(): MergingState {
  return {
    table: undefined,
    live: true,
    hold: NaN,
    holdQueued: NaN,
    eowAt: NaN,
    gcAt: NaN,
  } as unknown as MergingState;
}

function table(): WindowTable {
  return newWindowTable(new IntervalWindow(0, 10));
}

function tableState(t: WindowTable): TableState {
  return { table: t, live: true, hold: NaN, holdQueued: NaN } as unknown as TableState;
}

describe("HoldQueue", () => {
  it("gives the earliest hold of the live states, following holds that move later or earlier", () => {
    const holds = new HoldQueue(false);
    const a = state();
    const b = state();
    expect(holds.min()).toBe(Infinity);
    holds.set(a, 10);
    holds.set(b, 15);
    expect(holds.min()).toBe(10);
    holds.set(a, 20); // later: the queued entry re-arms when it reaches the top
    expect(holds.min()).toBe(15);
    holds.set(b, 5); // earlier: queued anew
    expect(holds.min()).toBe(5);
    holds.release(b);
    expect(holds.min()).toBe(20);
    a.live = false; // merged away or collected
    expect(holds.min()).toBe(Infinity);
  });

  it("keeps a hold that goes back to where a stale entry of its state is queued", () => {
    const holds = new HoldQueue(false);
    const a = state();
    holds.set(a, 10);
    holds.set(a, 5); // the entry at 10 is stale now
    holds.release(a);
    expect(holds.min()).toBe(Infinity);
    holds.set(a, 10);
    expect(holds.min()).toBe(10);
    holds.set(a, 12);
    expect(holds.min()).toBe(12);
  });

  it("queues no hold a merging state's timer stands in for, until that timer has fired", () => {
    const holds = new HoldQueue(false);
    const a = state();
    a.eowAt = 19;
    a.gcAt = 29;
    holds.set(a, 19); // an END_OF_WINDOW hold at the session's end: its timer fires first
    expect(holds.min()).toBe(Infinity);
    a.eowAt = NaN; // the end-of-window timer fired, and its pane did not release the hold
    holds.recheck(a);
    expect(holds.min()).toBe(19);
    const b = state();
    b.eowAt = 19;
    b.gcAt = 29;
    holds.set(b, 12); // an EARLIEST hold before the timer: queued at once
    expect(holds.min()).toBe(12);
  });

  it("holds a window table while any of its states holds, with one entry for all", () => {
    const holds = new HoldQueue(true);
    const t = table();
    const x = tableState(t);
    const y = tableState(t);
    holds.set(x, 9);
    holds.set(y, 9);
    expect(holds.min()).toBe(9);
    holds.release(x);
    expect(holds.min()).toBe(9);
    holds.release(y);
    expect(holds.min()).toBe(Infinity);
    holds.set(x, 9); // the table's entry was dropped: queued again
    expect(holds.min()).toBe(9);
  });
});
