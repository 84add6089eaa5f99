import { describe, expect, it } from "vitest";
import {
  GlobalWindow,
  IntervalWindow,
  MIN_TIMESTAMP,
  NO_FIRING,
  Pipeline,
  create,
  createTimestamped,
  fixedWindows,
  kv,
} from "@tributary/core";
import { runBounded } from "../support/run";

describe("PipelineResult", () => {
  it("values(pc) and windowedValues(pc) read a PCollection that nothing reads", async () => {
    const p = Pipeline.create();
    const out = p.apply(create(["x", "y"])).map((s) => s + "!");
    const result = await runBounded(p);
    expect(result.state).toBe("DONE");
    expect(result.values(out)).toEqual(["x!", "y!"]);
    expect(result.windowedValues(out)).toEqual([
      { value: "x!", timestamp: MIN_TIMESTAMP, windows: [GlobalWindow.INSTANCE], pane: NO_FIRING },
      { value: "y!", timestamp: MIN_TIMESTAMP, windows: [GlobalWindow.INSTANCE], pane: NO_FIRING },
    ]);
  });

  it("windowedValues carries the window and pane of grouped outputs", async () => {
    const p = Pipeline.create();
    const grouped = p
      .apply(createTimestamped([{ value: kv("k", 1), timestamp: 12 }]))
      .windowInto(fixedWindows(10))
      .groupByKey();
    const result = await runBounded(p);
    const [wv] = result.windowedValues(grouped);
    expect(wv?.windows).toEqual([new IntervalWindow(10, 20)]);
    expect(wv?.timestamp).toBe(19);
    expect(wv?.pane).toEqual({
      isFirst: true,
      isLast: true,
      timing: "ON_TIME",
      index: 0,
      nonSpeculativeIndex: 0,
    });
  });

  it("collects intermediate PCollections only when asked to", async () => {
    const p = Pipeline.create();
    const middle = p.apply(create([1, 2])).map((x) => x + 1, "Middle");
    middle.map((x) => x * 10, "End");
    const notCollected = await runBounded(p);
    expect(() => notCollected.values(middle)).toThrow(/Middle was not collected.*collect/);

    const q = Pipeline.create();
    const middle2 = q.apply(create([1, 2])).map((x) => x + 1, "Middle");
    middle2.map((x) => x * 10, "End");
    const collected = await runBounded(q, { collect: [middle2] });
    expect(collected.values(middle2)).toEqual([2, 3]);
  });
});
