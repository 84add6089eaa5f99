import { describe, expect, it } from "vitest";
import { Pipeline, Runner, combiners, kv, slidingWindows } from "@tributary/core";
import { TestStream } from "@tributary/core/testing";

/**
 * Windows that never merge keep their states in one table per window, by key; these tests pin
 * what that must keep: grouping by structural key in every window an element is in, garbage
 * collection of a window's states, and the error for a key with no deterministic encoding.
 */
describe("GroupAlsoByWindow: states of non-merging windows", () => {
  it("groups by structural key in each window an element is in, and fires each window once", async () => {
    const p = Pipeline.create();
    const stream = TestStream.create<{ key: unknown; t: number }>()
      .addElements(
        { value: { key: "a", t: 0 }, timestamp: 0 },
        { value: { key: { id: 1, tags: ["x"] }, t: 4 }, timestamp: 4 },
        { value: { key: "a", t: 6 }, timestamp: 6 },
      )
      .advanceWatermarkTo(15)
      .addElements(
        { value: { key: { tags: ["x"], id: 1 }, t: 16 }, timestamp: 16 },
        { value: { key: 1, t: 17 }, timestamp: 17 },
        { value: { key: "1", t: 18 }, timestamp: 18 },
      )
      .advanceWatermarkToInfinity();
    const counts = p
      .apply(stream)
      .windowInto(slidingWindows(10).every(5))
      .map((e) => kv(e.key, 1))
      .combinePerKey(combiners.count());
    const runner = new Runner(p, { collect: [counts] });
    await runner.runUntilIdle();
    const panes = runner
      .drain(counts)
      .map(
        (wv) =>
          `${JSON.stringify(wv.value.key)} ${wv.windows[0]!.toString()} ${wv.value.value} ${wv.pane.index}`,
      )
      .sort();
    expect(panes).toEqual(
      [
        '"a" [-5, 5) 1 0',
        '"a" [0, 10) 2 0',
        '"a" [5, 15) 1 0',
        '{"id":1,"tags":["x"]} [-5, 5) 1 0',
        '{"id":1,"tags":["x"]} [0, 10) 1 0',
        '{"tags":["x"],"id":1} [10, 20) 1 0',
        '{"tags":["x"],"id":1} [15, 25) 1 0',
        "1 [10, 20) 1 0",
        "1 [15, 25) 1 0",
        '"1" [10, 20) 1 0',
        '"1" [15, 25) 1 0',
      ].sort(),
    );
  });

  it("rejects a key with no deterministic encoding even when the element is late in every window", async () => {
    const p = Pipeline.create();
    const stream = TestStream.create<number>()
      .advanceWatermarkTo(100)
      .addElements({ value: 1, timestamp: 0 })
      .advanceWatermarkToInfinity();
    const grouped = p
      .apply(stream)
      .windowInto(slidingWindows(10).every(5))
      .map((n) => kv(() => n, n))
      .groupByKey();
    const runner = new Runner(p, { collect: [grouped] });
    await expect(runner.runUntilIdle()).rejects.toThrow(/GroupByKey failed on element.*value is a function/);
  });
});
