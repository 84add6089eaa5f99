import { describe, expect, it } from "vitest";
import { IntervalWindow } from "../../../windowing/IntervalWindow";
import { EventTimers } from "./EventTimers";
import { newWindowTable } from "./newStates";
import type { MergingState, TableState, WindowTable } from "./WindowState";

/** A merging window's state with only what `EventTimers` reads and writes. */
function state(key: string): MergingState {
  return {
    key,
    keyState: { key, windows: [], only: undefined },
    table: undefined,
    live: true,
    eowAt: NaN,
    gcAt: NaN,
    eowQueued: NaN,
    gcQueued: NaN,
  } as unknown as MergingState;
}

/** A state of `table`'s window with only what `EventTimers` reads and writes. */
function tableState(key: string, table: WindowTable): TableState {
  return { key, keyState: undefined, table, live: true, eowDue: false } as unknown as TableState;
}

function table(start: number, end: number): WindowTable {
  return newWindowTable(new IntervalWindow(start, end));
}

/** Fires everything before `watermark`, as `key:eow` or `key:gc` in firing order. */
function fired(timers: EventTimers, watermark: number): string[] {
  const seen: string[] = [];
  timers.fireBefore(watermark, (ws, gc) => seen.push(`${String(ws.key)}:${gc ? "gc" : "eow"}`));
  return seen;
}

describe("EventTimers", () => {
  it("fires a state's end-of-window timer before its garbage-collection timer, and only once each", () => {
    const timers = new EventTimers();
    const a = state("a");
    timers.schedule(a, 9, 19, 0);
    expect(fired(timers, 9)).toEqual([]); // due at 9: fires once the watermark is past it
    expect(fired(timers, 10)).toEqual(["a:eow"]);
    expect(a.eowAt).toBeNaN();
    expect(fired(timers, 100)).toEqual(["a:gc"]);
    expect(fired(timers, 1000)).toEqual([]);
  });

  it("of one instant, fires every end-of-window timer before any garbage-collection timer, whatever their order of setting", () => {
    const timers = new EventTimers();
    const a = state("a");
    const b = state("b");
    const c = state("c");
    timers.schedule(a, 4, 9, 0); // a's garbage collection at 9, queued when its end of window fires at 4
    timers.schedule(b, 9, 14, 0);
    timers.schedule(c, 14, 19, 0);
    timers.schedule(c, 9, 9, 5); // set last: c's collection at 9 too, with no end-of-window timer
    expect(fired(timers, 5)).toEqual(["a:eow"]);
    const order = fired(timers, 10);
    expect(order[0]).toBe("b:eow");
    expect(order.slice(1).sort()).toEqual(["a:gc", "c:gc"]); // ties of one kind: in no particular order
  });

  it("re-arms a merging state's timers that moved later (its session grew) instead of firing them", () => {
    const timers = new EventTimers();
    const a = state("a");
    timers.schedule(a, 9, 19, 0);
    timers.schedule(a, 29, 39, 0); // the window grew: nothing new is queued, the old entries re-arm
    expect(fired(timers, 25)).toEqual([]);
    expect(fired(timers, 30)).toEqual(["a:eow"]);
    expect(fired(timers, 40)).toEqual(["a:gc"]);
  });

  it("queues a state's garbage-collection timer when its end-of-window timer fires, at the end it has by then", () => {
    const timers = new EventTimers();
    const a = state("a");
    timers.schedule(a, 9, 19, 0);
    expect(fired(timers, 10)).toEqual(["a:eow"]);
    timers.schedule(a, 14, 24, 10); // late data within the allowed lateness grew the window again
    expect(fired(timers, 20)).toEqual(["a:eow"]);
    expect(fired(timers, 24)).toEqual([]);
    expect(fired(timers, 25)).toEqual(["a:gc"]);
  });

  it("queues the garbage-collection timer at once for a state whose window's end is behind the watermark", () => {
    const timers = new EventTimers();
    const a = state("a");
    timers.schedule(a, 9, 19, 12);
    expect(a.eowAt).toBeNaN();
    expect(fired(timers, 20)).toEqual(["a:gc"]);
  });

  it("skips the timers of a state that is no longer live", () => {
    const timers = new EventTimers();
    const a = state("a");
    timers.schedule(a, 9, 19, 0);
    a.live = false;
    expect(fired(timers, 100)).toEqual([]);
  });

  it("fires a window table's pair for each of its states, in one time order with the merging states' timers", () => {
    const timers = new EventTimers();
    const t = table(0, 10);
    const x = tableState("x", t);
    const y = tableState("y", t);
    t.states.set("x", x);
    t.states.set("y", y);
    timers.schedule(x, 9, 9, 0); // no allowed lateness: only the garbage-collection timer
    timers.schedule(y, 9, 9, 0);
    const m = state("m");
    timers.schedule(m, 5, 9, 0);
    // At 9 the table's and m's garbage-collection timers tie: the table's states come first.
    expect(fired(timers, 100)).toEqual(["m:eow", "x:gc", "y:gc", "m:gc"]);
  });

  it("queues a table's timers once, and a state that came after its window's end gets no end-of-window firing", () => {
    const timers = new EventTimers();
    const t = table(0, 10);
    const early = tableState("early", t);
    t.states.set("early", early);
    timers.schedule(early, 9, 14, 0);
    const late = tableState("late", t);
    t.states.set("late", late);
    timers.schedule(late, 9, 14, 12); // the watermark is past the end of the window
    expect(late.eowDue).toBe(false);
    expect(fired(timers, 13)).toEqual(["early:eow"]);
    expect(fired(timers, 15)).toEqual(["early:gc", "late:gc"]);
  });
});
