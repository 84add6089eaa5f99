import { describe, expect, it } from "vitest";
import { IntervalWindow } from "../../../windowing/IntervalWindow";
import type { KeyState, MergingState, TableState, WindowTable } from "./WindowState";
import { WindowStates } from "./WindowStates";

/** A state of `key` in the table of a window that never merges, with only what `WindowStates` reads. */
const stateOf = (key: unknown, table: WindowTable): TableState =>
  ({ key, keyState: undefined, table, window: table.window, live: true }) as unknown as TableState;

describe("WindowStates: tables of windows that never merge", () => {
  it("finds a window's table from any object of that window, among more windows than it keeps at hand", () => {
    const store = new WindowStates();
    const starts = [0, 5, 10, 15, 20, 25, 30];
    const tables = starts.map((s) => store.table(new IntervalWindow(s, s + 10)));
    expect(new Set(tables).size).toBe(starts.length);
    // In an order that cycles through more windows than the recent ones, and back again.
    for (const i of [6, 0, 3, 6, 1, 1, 5, 0, 2, 4, 6]) {
      const s = starts[i]!;
      expect(store.table(new IntervalWindow(s, s + 10))).toBe(tables[i]);
    }
    expect(store.table(new IntervalWindow(0, 5))).not.toBe(tables[0]); // same start, other end
  });

  it("gives a window whose states were all collected a new table, which holds what comes next", () => {
    const store = new WindowStates();
    const w = new IntervalWindow(0, 10);
    const first = store.table(w);
    const old = stateOf("a", first);
    first.states.set("a", old);
    store.collect(old);
    expect(old.live).toBe(false);
    expect([...store.all()]).toEqual([]);

    const again = store.table(new IntervalWindow(0, 10));
    expect(again).not.toBe(first);
    const fresh = stateOf("a", again);
    again.states.set("a", fresh);
    expect([...store.all()]).toEqual([fresh]);
    expect(store.table(new IntervalWindow(0, 10))).toBe(again);
  });

  it("does not hand out a collected table for the very window object it was last asked for", () => {
    const store = new WindowStates();
    const w = new IntervalWindow(0, 10);
    const first = store.table(w);
    expect(store.table(w)).toBe(first); // the same object again: found without a lookup
    const old = stateOf("a", first);
    first.states.set("a", old);
    store.collect(old);
    const again = store.table(w);
    expect(again).not.toBe(first);
    again.states.set("a", stateOf("a", again));
    expect([...store.all()].map((s) => s.table)).toEqual([again]);
  });

  it("finds an element's tables through its windows array, and not a collected one", () => {
    const store = new WindowStates();
    const windows = [0, 5, 10, 15, 20].map((s) => new IntervalWindow(s, s + 25)); // more than the recent tables
    const tables = windows.map((_, i) => store.tableOf(windows, i));
    expect(tables.map((t) => t.window)).toEqual(windows);
    expect(tables.map((t, i) => store.table(new IntervalWindow(i * 5, i * 5 + 25)) === t)).toEqual(
      windows.map(() => true),
    );
    for (let round = 0; round < 3; round++)
      for (let i = windows.length - 1; i >= 0; i--) expect(store.tableOf(windows, i)).toBe(tables[i]);
    // Another array of some of the same windows finds the same tables.
    const other = [new IntervalWindow(10, 35), new IntervalWindow(40, 65)];
    expect(store.tableOf(other, 0)).toBe(tables[2]);
    const created = store.tableOf(other, 1);
    expect(created.window).toBe(other[1]);
    // Collecting a table's last state: the array finds a new table for that window.
    const old = stateOf("a", tables[3]!);
    tables[3]!.states.set("a", old);
    for (let i = 0; i < windows.length; i++) store.tableOf(windows, i);
    store.collect(old);
    const again = store.tableOf(windows, 3);
    expect(again).not.toBe(tables[3]);
    expect(again.window).toBe(windows[3]);
    expect(store.tableOf(windows, 1)).toBe(tables[1]);
  });
});

/** A state of the key `ks` in a merging window, with only what `WindowStates` reads. */
const mergingStateOf = (ks: KeyState, window: IntervalWindow): MergingState =>
  ({ key: ks.key, keyState: ks, table: undefined, window, live: true }) as unknown as MergingState;

describe("WindowStates: the keys of merging windows", () => {
  it("finds the key last looked up again, and not once its last state was collected", () => {
    const store = new WindowStates();
    const a = store.addKey(7);
    const ws = mergingStateOf(a, new IntervalWindow(0, 10));
    store.put(a, ws);
    expect(store.keyState(7)).toBe(a);
    expect(store.keyState(7)).toBe(a);
    store.collect(ws);
    expect(store.keyState(7)).toBeUndefined();
    const again = store.addKey(7);
    expect(again).not.toBe(a);
    expect(store.keyState(7)).toBe(again);
    // -0 is the key 0, as in the map; NaN is one key, found through the map.
    const zero = store.addKey(0);
    expect(store.keyState(-0)).toBe(zero);
    const nan = store.addKey(NaN);
    expect(store.keyState(NaN)).toBe(nan);
    expect(store.keyState(NaN)).toBe(nan);
  });

  it("files a key's states from one to several and back, the only one kept apart", () => {
    const store = new WindowStates();
    const ks = store.addKey("k");
    const first = mergingStateOf(ks, new IntervalWindow(0, 10));
    store.put(ks, first);
    store.put(ks, first); // again: still once
    expect(ks.windows).toEqual([first]);
    expect(ks.only).toBe(first);
    const second = mergingStateOf(ks, new IntervalWindow(20, 30));
    store.put(ks, second);
    store.put(ks, second); // again, among several: still once
    expect(ks.windows).toEqual([first, second]);
    expect(ks.only).toBeUndefined();
    // A state of a window the key has already displaces the one it had.
    const replacing = mergingStateOf(ks, new IntervalWindow(0, 10));
    store.put(ks, replacing);
    expect(ks.windows).toEqual([second, replacing]);
    expect(first.live).toBe(false);
    store.remove(ks, second);
    expect(ks.windows).toEqual([replacing]);
    expect(ks.only).toBe(replacing);
    store.remove(ks, replacing);
    expect(ks.windows).toEqual([]);
    expect(ks.only).toBeUndefined();
    // Emptied, the key takes a state again.
    const later = mergingStateOf(ks, new IntervalWindow(40, 50));
    store.put(ks, later);
    expect(ks.windows).toEqual([later]);
    expect(ks.only).toBe(later);
    expect(store.stateOf(ks, new IntervalWindow(40, 50))).toBe(later);
    expect([...store.all()]).toEqual([later]);
  });

  it("finds an object key by what it encodes to now, not by the object last looked up", () => {
    const store = new WindowStates();
    const key = { user: "a" };
    const a = store.addKey(key);
    expect(store.keyState(key)).toBe(a);
    key.user = "b"; // the same object, now another key
    expect(store.keyState(key)).toBeUndefined();
    const b = store.addKey(key);
    expect(b).not.toBe(a);
    expect(store.keyState({ user: "a" })).toBe(a);
    expect(store.keyState({ user: "b" })).toBe(b);
  });
});
