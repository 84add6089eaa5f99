import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  bagState,
  combiners,
  combiningState,
  GlobalWindow,
  IntervalWindow,
  mapState,
  orderedListState,
  setState,
  valueState,
} from "@tributary/core";
import { decodeFromBytes } from "../../src/coders/decodeFromBytes";
import { encodeToBytes } from "../../src/coders/encodeToBytes";
import { structuralKey } from "../../src/coders/structuralKey";
import { builtInWindowCoder } from "../../src/runner/state/builtInWindowCoder";
import { InMemoryStateBackend } from "../../src/runner/state/InMemoryStateBackend";
import { openLmdbStateBackend } from "../../src/runner/state/openLmdbStateBackend";
import type {
  StateBackend,
  StateNamespace,
  StateSnapshot,
  TimerData,
} from "../../src/runner/state/StateBackend";
import { cellIn } from "../../src/runner/state/stateCells";
import type {
  BagState,
  CombiningState,
  MapState,
  OrderedListState,
  SetState,
  ValueState,
} from "../../src/state/StateAccess";

/**
 * The contract every StateBackend keeps, run against the in-memory backend and the durable LMDB
 * backend (with a cache large enough to hold everything, and with a one-namespace cache so that
 * every other access goes through the disk).
 */

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "tributary-state-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const backends: ReadonlyArray<readonly [string, () => Promise<StateBackend>]> = [
  ["InMemoryStateBackend", () => Promise.resolve(new InMemoryStateBackend())],
  ["LMDB", () => openLmdbStateBackend({ path: tempDir() })],
  ["LMDB, one cached namespace", () => openLmdbStateBackend({ path: tempDir(), cacheNamespaces: 1 })],
];

const ns = (key: unknown, window: StateNamespace["window"] = GlobalWindow.INSTANCE): StateNamespace => ({
  keyId: structuralKey(key),
  key,
  window,
});
const a = ns("a");
const b = ns({ user: "b", shard: 2 }, new IntervalWindow(0, 10_000));
const c = ns(7, new IntervalWindow(10_000, 20_000));

const value = valueState<{ n: number; tags: string[] }>("value");
const bag = bagState<string>("bag");
const sum = combiningState("sum", combiners.sum());
const distinct = combiningState("distinct", combiners.distinctCount());
const map = mapState<{ id: number }, string>("map");
const set = setState<[string, number]>("set");
const ordered = orderedListState<string>("ordered");

const timer = (timerId: string, tag: string, fireTimestamp: number, seq: number): TimerData => ({
  timerId,
  tag,
  domain: "EVENT_TIME",
  fireTimestamp,
  outputTimestamp: fireTimestamp - 1,
  seq,
});

/** Fills every kind of cell and some timers in namespaces a and b. */
function fill(backend: StateBackend): void {
  for (const n of [a, b]) {
    (cellIn(backend, n, value) as ValueState<unknown>).write({ n: 1, tags: ["x", "y"] });
    const bg = cellIn(backend, n, bag) as BagState<string>;
    bg.add("one");
    bg.add("two");
    const s = cellIn(backend, n, sum) as CombiningState<number, number>;
    s.add(2);
    s.add(3.5);
    const d = cellIn(backend, n, distinct) as CombiningState<unknown, number>;
    d.add("p");
    d.add("q");
    d.add("p");
    const m = cellIn(backend, n, map) as MapState<{ id: number }, string>;
    m.put({ id: 1 }, "first");
    m.put({ id: 2 }, "second");
    const st = cellIn(backend, n, set) as SetState<[string, number]>;
    st.add(["k", 1]);
    st.add(["k", 2]);
    const ol = cellIn(backend, n, ordered) as OrderedListState<string>;
    ol.add("late", 30);
    ol.add("early", 10);
    ol.add("middle", 20);
  }
  backend.putTimer(a, timer("flush", "", 100, 1));
  backend.putTimer(b, timer("family", "r1", 200, 2));
  backend.putTimer(b, timer("family", "r2", 300, 3));
}

/** What the cells of `n` read, through the cell views. */
function readAll(backend: StateBackend, n: StateNamespace): unknown {
  return {
    value: (cellIn(backend, n, value) as ValueState<unknown>).read(),
    bag: (cellIn(backend, n, bag) as BagState<string>).read(),
    sum: (cellIn(backend, n, sum) as CombiningState<number, number>).read(),
    distinct: (cellIn(backend, n, distinct) as CombiningState<unknown, number>).read(),
    map: (cellIn(backend, n, map) as MapState<unknown, string>).entries(),
    set: (cellIn(backend, n, set) as SetState<unknown>).read(),
    ordered: (cellIn(backend, n, ordered) as OrderedListState<string>).read(),
    timers: [...backend.timers(n)].sort((x, y) => x.seq - y.seq),
  };
}

const filled = {
  value: { n: 1, tags: ["x", "y"] },
  bag: ["one", "two"],
  sum: 5.5,
  distinct: 2,
  map: [
    [{ id: 1 }, "first"],
    [{ id: 2 }, "second"],
  ],
  set: [
    ["k", 1],
    ["k", 2],
  ],
  ordered: [
    { value: "early", timestamp: 10 },
    { value: "middle", timestamp: 20 },
    { value: "late", timestamp: 30 },
  ],
};

const encodeWindow = (w: StateNamespace["window"]): Uint8Array => encodeToBytes(builtInWindowCoder, w);
const decodeWindow = (bytes: Uint8Array): StateNamespace["window"] =>
  decodeFromBytes(builtInWindowCoder, bytes);

/** A snapshot in a canonical order, to compare snapshots of different backends. */
function canonical(s: StateSnapshot): unknown {
  return s.entries
    .map((e) => ({
      key: structuralKey(e.key),
      window: [...e.window],
      cells: [...e.cells].sort(([x], [y]) => (x < y ? -1 : 1)),
      timers: [...e.timers].sort((x, y) => x.seq - y.seq),
    }))
    .sort((x, y) => (x.key + x.window.join() < y.key + y.window.join() ? -1 : 1));
}

const nsIds = (backend: StateBackend): string[] =>
  [...backend.namespaces()].map((n) => `${n.keyId}|${n.window.id}`).sort();

const close = async (backend: StateBackend): Promise<void> => {
  if ("close" in backend && typeof backend.close === "function") await backend.close();
};

describe.each(backends)("StateBackend contract: %s", (_name, open) => {
  it("reads back every kind of cell written through stateCell", async () => {
    const backend = await open();
    fill(backend);
    expect(readAll(backend, a)).toEqual({ ...filled, timers: [timer("flush", "", 100, 1)] });
    expect(readAll(backend, b)).toEqual({
      ...filled,
      timers: [timer("family", "r1", 200, 2), timer("family", "r2", 300, 3)],
    });
    expect(readAll(backend, c)).toEqual({
      value: undefined,
      bag: [],
      sum: 0,
      distinct: 0,
      map: [],
      set: [],
      ordered: [],
      timers: [],
    });
    await close(backend);
  });

  it("updates cells in place: map and set removals, ordered-list ranges, value and bag clears", async () => {
    const backend = await open();
    fill(backend);
    const m = cellIn(backend, a, map) as MapState<{ id: number }, string>;
    m.remove({ id: 1 });
    expect(m.get({ id: 1 })).toBeUndefined();
    expect(m.get({ id: 2 })).toBe("second");
    const st = cellIn(backend, a, set) as SetState<[string, number]>;
    expect(st.add(["k", 1])).toBe(false);
    expect(st.contains(["k", 2])).toBe(true);
    st.remove(["k", 2]);
    expect(st.read()).toEqual([["k", 1]]);
    const ol = cellIn(backend, a, ordered) as OrderedListState<string>;
    expect(ol.readRange(10, 30)).toEqual([
      { value: "early", timestamp: 10 },
      { value: "middle", timestamp: 20 },
    ]);
    ol.clearRange(15, 35);
    expect(ol.read()).toEqual([{ value: "early", timestamp: 10 }]);
    (cellIn(backend, a, value) as ValueState<unknown>).clear();
    const bg = cellIn(backend, a, bag) as BagState<string>;
    bg.clear();
    expect(bg.isEmpty()).toBe(true);
    // Another namespace between, so that a one-namespace cache writes a back to disk.
    expect(readAll(backend, b)).toMatchObject(filled);
    expect(readAll(backend, a)).toMatchObject({
      value: undefined,
      bag: [],
      map: [[{ id: 2 }, "second"]],
      set: [["k", 1]],
      ordered: [{ value: "early", timestamp: 10 }],
    });
    await close(backend);
  });

  it("keeps one timer per id and tag, replaces it when set again, and removes it", async () => {
    const backend = await open();
    backend.putTimer(a, timer("t", "", 10, 1));
    backend.putTimer(a, timer("t", "x", 20, 2));
    backend.putTimer(a, timer("t", "", 30, 3));
    expect(backend.timer(a, "t", "")).toEqual(timer("t", "", 30, 3));
    expect(backend.timer(a, "t", "x")).toEqual(timer("t", "x", 20, 2));
    expect(backend.timer(a, "u", "")).toBeUndefined();
    expect(backend.timers(a).length).toBe(2);
    // The runner recognises current timers by identity: the stored object comes back.
    const stored = timer("p", "", 5, 4);
    backend.putTimer(a, stored);
    expect(backend.timer(a, "p", "")).toBe(stored);
    backend.removeTimer(a, "t", "");
    backend.removeTimer(a, "t", "missing");
    expect(backend.timers(a)).toEqual([timer("t", "x", 20, 2), stored]);
    backend.removeTimer(a, "t", "x");
    backend.removeTimer(a, "p", "");
    expect(backend.timers(a)).toEqual([]);
    expect(nsIds(backend)).toEqual([]);
    await close(backend);
  });

  it("stores a timer once however its namespace's timers come and go", async () => {
    const backend = await open();
    backend.putTimer(a, timer("x", "", 1, 1));
    backend.putTimer(a, timer("y", "", 2, 2));
    backend.removeTimer(a, "x", "");
    backend.putTimer(a, timer("y", "", 3, 3));
    backend.putTimer(a, timer("x", "", 4, 4));
    expect(backend.timers(a).length).toBe(2);
    backend.removeTimer(a, "y", "");
    expect(backend.timer(a, "y", "")).toBeUndefined();
    expect(backend.timers(a)).toEqual([timer("x", "", 4, 4)]);
    backend.removeTimer(a, "x", "");
    expect(backend.timer(a, "x", "")).toBeUndefined();
    expect(backend.timers(a)).toEqual([]);
    expect(nsIds(backend)).toEqual([]);
    await close(backend);
  });

  it("keeps timers apart whatever their ids and tags hold (NUL characters, digits, empty)", async () => {
    const backend = await open();
    const pairs: [string, string][] = [
      ["t", ""],
      ["t\u0000", ""],
      ["t", "\u0000"],
      ["", "t"],
      ["", ""],
      ["\u0000", ""],
      ["\u00001:t", ""],
      ["1:t", ""],
      ["t", "1:t"],
    ];
    pairs.forEach(([id, tag], i) => backend.putTimer(a, timer(id, tag, 100 + i, i)));
    pairs.forEach(([id, tag], i) => expect(backend.timer(a, id, tag)).toEqual(timer(id, tag, 100 + i, i)));
    expect(backend.timers(a).length).toBe(pairs.length);
    for (const [id, tag] of pairs) backend.removeTimer(a, id, tag);
    expect(nsIds(backend)).toEqual([]);
    await close(backend);
  });

  it("lists exactly the namespaces holding a cell or a timer, and clears one namespace", async () => {
    const backend = await open();
    expect(nsIds(backend)).toEqual([]);
    fill(backend);
    backend.putTimer(c, timer("only", "", 15_000, 9));
    expect(nsIds(backend)).toEqual([a, b, c].map((n) => `${n.keyId}|${n.window.id}`).sort());
    const listed = [...backend.namespaces()].find((n) => n.keyId === b.keyId)!;
    expect(listed.key).toEqual(b.key);
    expect(listed.window.toString()).toBe(b.window.toString());

    backend.clear(b);
    expect(readAll(backend, b)).toEqual(readAll(backend, ns("never used")));
    expect(readAll(backend, a)).toEqual({ ...filled, timers: [timer("flush", "", 100, 1)] });
    expect(nsIds(backend)).toEqual([a, c].map((n) => `${n.keyId}|${n.window.id}`).sort());

    backend.removeTimer(c, "only", "");
    for (const spec of [value, bag, sum, distinct, map, set, ordered]) backend.remove(a, spec.id);
    backend.removeTimer(a, "flush", "");
    expect(nsIds(backend)).toEqual([]);

    // A cleared namespace can be used again.
    (cellIn(backend, b, bag) as BagState<string>).add("again");
    expect((cellIn(backend, b, bag) as BagState<string>).read()).toEqual(["again"]);
    expect(nsIds(backend)).toEqual([`${b.keyId}|${b.window.id}`]);
    await close(backend);
  });

  it("sees one namespace through any object that names it, before and after it is emptied", async () => {
    const backend = await open();
    const same = ns("a"); // another object for namespace `a`
    backend.put(a, value.id, { n: 1, tags: [] });
    expect(backend.get(same, value.id)).toEqual({ n: 1, tags: [] });
    backend.remove(same, value.id); // empties the namespace through the other object
    expect(backend.get(a, value.id)).toBeUndefined();
    expect(nsIds(backend)).toEqual([]);
    backend.put(same, bag.id, ["x"]); // the object that emptied it writes again
    expect(backend.get(a, bag.id)).toEqual(["x"]);
    expect(nsIds(backend)).toEqual([`${a.keyId}|${a.window.id}`]);
    backend.put(b, bag.id, ["y"]); // another namespace in between
    expect(backend.get(same, bag.id)).toEqual(["x"]);
    backend.clear(same);
    backend.put(same, value.id, { n: 2, tags: [] }); // and again after a clear
    expect(backend.get(a, value.id)).toEqual({ n: 2, tags: [] });
    expect(backend.get(a, bag.id)).toBeUndefined();
    expect(backend.get(b, bag.id)).toEqual(["y"]);
    backend.remove(a, value.id);
    backend.putTimer(same, timer("t", "", 5, 1));
    expect(backend.timers(a)).toEqual([timer("t", "", 5, 1)]);
    backend.removeTimer(same, "t", "");
    backend.putTimer(same, timer("u", "", 6, 2));
    expect(backend.timers(a)).toEqual([timer("u", "", 6, 2)]);
    backend.removeTimer(a, "u", "");
    expect(nsIds(backend)).toEqual([`${b.keyId}|${b.window.id}`]);
    await close(backend);
  });

  it('tells keys apart as their encoding does: 1 from "1", one window from another; -0 is 0, NaN is NaN', async () => {
    const backend = await open();
    const early = new IntervalWindow(0, 10);
    const late = new IntervalWindow(10, 20);
    const write = (key: unknown, window: StateNamespace["window"], v: string): void =>
      backend.put(ns(key, window), value.id, v);
    const read = (key: unknown, window: StateNamespace["window"]): unknown =>
      backend.get(ns(key, window), value.id);
    write(1, early, "number 1, early");
    write("1", early, "string 1, early");
    write(1, late, "number 1, late");
    write(0, early, "zero");
    write(-0, early, "minus zero");
    write(Number.NaN, early, "nan");
    write([1], early, "array [1]");
    expect(read(1, early)).toBe("number 1, early");
    expect(read("1", early)).toBe("string 1, early");
    expect(read(1, late)).toBe("number 1, late");
    expect(read("1", late)).toBeUndefined();
    expect(read(0, early)).toBe("minus zero");
    expect(read(0 / -1, late)).toBeUndefined();
    expect(read(Number.NaN, early)).toBe("nan");
    expect(read([1], early)).toBe("array [1]");
    expect(nsIds(backend)).toHaveLength(6);
    backend.clear(ns(1, early));
    expect(read(1, early)).toBeUndefined();
    expect(read("1", early)).toBe("string 1, early");
    expect(read(1, late)).toBe("number 1, late");
    for (const [key, window] of [
      ["1", early],
      [1, late],
      [0, early],
      [Number.NaN, early],
      [[1], early],
    ] as const)
      backend.clear(ns(key, window));
    expect(nsIds(backend)).toEqual([]);
    await close(backend);
  });

  it("snapshots a copy that later writes do not change", async () => {
    const backend = await open();
    fill(backend);
    const snapshot = backend.snapshot(encodeWindow);
    const before = canonical(snapshot);
    (cellIn(backend, a, bag) as BagState<string>).add("after");
    (cellIn(backend, b, map) as MapState<{ id: number }, string>).put({ id: 3 }, "third");
    backend.putTimer(a, timer("flush", "", 150, 10));
    expect(canonical(snapshot)).toEqual(before);
    await close(backend);
  });

  it.each(backends)(
    "snapshot -> restore into %s round-trips every state kind and timer exactly",
    async (_target, openTarget) => {
      const source = await open();
      fill(source);
      backendWithOddCells(source);
      const snapshot = source.snapshot(encodeWindow);
      const target = await openTarget();
      (cellIn(target, c, value) as ValueState<unknown>).write("replaced by the restore");
      target.putTimer(c, timer("gone", "", 1, 1));
      target.restore(snapshot, decodeWindow, structuralKey);

      expect(canonical(target.snapshot(encodeWindow))).toEqual(canonical(snapshot));
      expect(nsIds(target)).toEqual([a, b].map((n) => `${n.keyId}|${n.window.id}`).sort());
      for (const n of [a, b, c]) expect(readAll(target, n)).toEqual(readAll(source, n));
      expect(target.get(a, "odd")).toEqual(source.get(a, "odd"));
      // The restored backend is independent of the snapshot and of the source.
      (cellIn(target, a, bag) as BagState<string>).add("target only");
      expect((cellIn(source, a, bag) as BagState<string>).read()).toEqual(["one", "two"]);
      await close(source);
      await close(target);
    },
  );
});

/** A cell with every kind of plain data structuralCoder knows. */
function backendWithOddCells(backend: StateBackend): void {
  backend.put(a, "odd", {
    nothing: null,
    missing: undefined,
    flags: [true, false],
    numbers: [0, -1, 2 ** 60, 1.5, Infinity, NaN],
    big: 2n ** 70n,
    bytes: Uint8Array.of(0, 255),
    date: new Date(86_400_000),
    nested: [{ deep: [[]] }],
  });
}
