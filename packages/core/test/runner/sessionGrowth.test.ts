import { describe, expect, it } from "vitest";
import {
  Pipeline,
  Runner,
  afterCount,
  afterProcessingTime,
  afterWatermark,
  combiners,
  customWindows,
  IntervalWindow,
  kv,
  sessions,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";

/**
 * A session that grows with every element is extended in place (no proto-session state and no
 * general merge); these tests pin what that must keep: the grown window, the count, the pane
 * numbering after the merge, and the pane timestamp per timestamp combiner. The grown window's
 * end moves in place until a pane carries it: the early pane below keeps the window it fired for.
 */
describe("GroupAlsoByWindow: a session growing element by element", () => {
  async function panesOf(
    timestampCombiner: "END_OF_WINDOW" | "EARLIEST" | "LATEST",
    earlyEvery?: number,
  ): Promise<unknown[]> {
    const p = Pipeline.create();
    const stream = TestStream.create<string>()
      .addElements({ value: "a", timestamp: 0 })
      .advanceWatermarkTo(5)
      .addElements({ value: "a", timestamp: 6 }, { value: "a", timestamp: 9 })
      .advanceWatermarkTo(12)
      .addElements({ value: "a", timestamp: 14 }, { value: "b", timestamp: 14 })
      .advanceWatermarkTo(20)
      .addElements({ value: "a", timestamp: 30 })
      .advanceWatermarkToInfinity();
    const counts = p
      .apply(stream)
      .windowInto(sessions(10), {
        timestampCombiner,
        ...(earlyEvery !== undefined && {
          trigger: afterWatermark().withEarlyFirings(afterCount(earlyEvery)),
          accumulation: "DISCARDING" as const,
        }),
      })
      .map((x) => kv(x, 1))
      .combinePerKey(combiners.count());
    const runner = new Runner(p, { collect: [counts] });
    await runner.runUntilIdle();
    return runner
      .drain(counts)
      .map((wv) => [
        wv.value.key,
        wv.value.value,
        wv.windows[0]!.toString(),
        wv.timestamp,
        wv.pane.timing,
        wv.pane.index,
      ]);
  }

  it("END_OF_WINDOW: one pane per session at the end of the grown session", async () => {
    expect(await panesOf("END_OF_WINDOW")).toEqual([
      ["b", 1, "[14, 24)", 23, "ON_TIME", 0],
      ["a", 4, "[0, 24)", 23, "ON_TIME", 0],
      ["a", 1, "[30, 40)", 39, "ON_TIME", 0],
    ]);
  });

  it("EARLIEST and LATEST: the pane timestamp is the session's first or last element", async () => {
    expect(await panesOf("EARLIEST")).toEqual([
      ["b", 1, "[14, 24)", 14, "ON_TIME", 0],
      ["a", 4, "[0, 24)", 0, "ON_TIME", 0],
      ["a", 1, "[30, 40)", 30, "ON_TIME", 0],
    ]);
    expect(await panesOf("LATEST")).toEqual([
      ["b", 1, "[14, 24)", 14, "ON_TIME", 0],
      ["a", 4, "[0, 24)", 14, "ON_TIME", 0],
      ["a", 1, "[30, 40)", 30, "ON_TIME", 0],
    ]);
  });

  it("early panes count across the extensions, and a grown session numbers its panes afresh", async () => {
    expect(await panesOf("END_OF_WINDOW", 2)).toEqual([
      ["a", 3, "[0, 19)", 18, "EARLY", 0],
      ["b", 1, "[14, 24)", 23, "ON_TIME", 0],
      ["a", 1, "[0, 24)", 23, "ON_TIME", 0],
      ["a", 1, "[30, 40)", 39, "ON_TIME", 0],
    ]);
  });

  it("a processing-time early firing keeps its deadline while the session grows", async () => {
    // The first element sets the delay at processing time 0 (due at 5); the session grows at 3,
    // so a pane is due at 5, not 5 after the growth. Merging the deadline with a window that had
    // none once lost it, and each growth started the delay afresh.
    const p = Pipeline.create();
    const stream = TestStream.create<string>()
      .addElements({ value: "a", timestamp: 0 })
      .advanceProcessingTime(3)
      .addElements({ value: "a", timestamp: 4 })
      .advanceProcessingTime(3)
      .addElements({ value: "a", timestamp: 8 })
      .advanceWatermarkToInfinity();
    const counts = p
      .apply(stream)
      .windowInto(sessions(10), {
        trigger: afterWatermark().withEarlyFirings(afterProcessingTime(5)),
        accumulation: "DISCARDING",
      })
      .map((x) => kv(x, 1))
      .combinePerKey(combiners.count());
    const runner = new Runner(p, { collect: [counts] });
    await runner.runUntilIdle();
    expect(
      runner.drain(counts).map((wv) => [wv.value.value, wv.windows[0]!.toString(), wv.pane.timing]),
    ).toEqual([
      [2, "[0, 14)", "EARLY"],
      [1, "[0, 18)", "ON_TIME"],
    ]);
  });

  it("a session that grows into the window of a closed session takes its place", async () => {
    // "a" at 0 and 2 make [0, 7), which afterCount(2) closes; "a" at 0 then opens [0, 5) beside
    // it, and "a" at 2 grows that to [0, 7): the closed state is displaced, as a state of the
    // same window is, and the grown session fires on its own.
    const p = Pipeline.create();
    const stream = TestStream.create<string>()
      .addElements({ value: "a", timestamp: 0 }, { value: "a", timestamp: 2 })
      .addElements({ value: "a", timestamp: 0 })
      .addElements({ value: "a", timestamp: 2 })
      .advanceWatermarkToInfinity();
    const counts = p
      .apply(stream)
      .windowInto(sessions(5), {
        trigger: afterCount(2),
        accumulation: "DISCARDING",
        allowedLateness: 100,
        allowDataLoss: true,
      })
      .map((x) => kv(x, 1))
      .combinePerKey(combiners.count());
    const runner = new Runner(p, { collect: [counts] });
    await runner.runUntilIdle();
    expect(
      runner
        .drain(counts)
        .map((wv) => [wv.value.value, wv.windows[0]!.toString(), wv.pane.index, wv.pane.isLast]),
    ).toEqual([
      [2, "[0, 7)", 0, true],
      [2, "[0, 7)", 0, true],
    ]);
  });
  it("elements of one timestamp share their proto-session, and one key's growth leaves the others'", async () => {
    // "b" and "c" at 14 get the same assigned window [14, 24) (one assignment per timestamp);
    // "b" at 16 grows its session to [14, 26) while "c"'s stays [14, 24).
    const p = Pipeline.create();
    const stream = TestStream.create<string>()
      .addElements(
        { value: "b", timestamp: 14 },
        { value: "c", timestamp: 14 },
        { value: "b", timestamp: 16 },
      )
      .advanceWatermarkToInfinity();
    const counts = p
      .apply(stream)
      .windowInto(sessions(10))
      .map((x) => kv(x, 1))
      .combinePerKey(combiners.count());
    const runner = new Runner(p, { collect: [counts] });
    await runner.runUntilIdle();
    const panes = runner.drain(counts).map((wv) => [wv.value.key, wv.value.value, wv.windows[0]!.toString()]);
    expect(panes.sort()).toEqual([
      ["b", 2, "[14, 26)"],
      ["c", 1, "[14, 24)"],
    ]);
  });

  it("a merging WindowFn that assigns several windows merges each, and drops only those too late", async () => {
    // Each element gets a near window [t, t + 10) and a far one [t + 100, t + 110): the near ones
    // of 0 and 5 merge, as do their far ones; 80, behind a watermark of 90 with no lateness, is
    // too late for its near window [80, 90) but not for its far one [180, 190).
    const twoSessions = customWindows<string>({
      name: "nearAndFar",
      assign: (t) => [new IntervalWindow(t, t + 10), new IntervalWindow(t + 100, t + 110)],
      merge: "overlapping",
    });
    const p = Pipeline.create();
    const stream = TestStream.create<string>()
      .addElements({ value: "a", timestamp: 0 }, { value: "a", timestamp: 5 }, { value: "b", timestamp: 5 })
      .advanceWatermarkTo(90)
      .addElements({ value: "a", timestamp: 80 })
      .advanceWatermarkToInfinity();
    const counts = p
      .apply(stream)
      .windowInto(twoSessions, { allowDataLoss: true })
      .map((x) => kv(x, 1))
      .combinePerKey(combiners.count(), "Count");
    const result = await new Runner(p, { collect: [counts] }).run();
    const panes = result
      .windowedValues(counts)
      .map((wv) => [wv.value.key, wv.value.value, wv.windows[0]!.toString()]);
    expect(panes.sort()).toEqual([
      ["a", 1, "[180, 190)"],
      ["a", 2, "[0, 15)"],
      ["a", 2, "[100, 115)"],
      ["b", 1, "[105, 115)"],
      ["b", 1, "[5, 15)"],
    ]);
    expect(result.counter("Count", "droppedDueToLateness")).toBe(1);
  });
});
