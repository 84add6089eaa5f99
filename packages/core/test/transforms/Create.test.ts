import { describe, expect, it } from "vitest";
import { GlobalWindow, MIN_TIMESTAMP, NO_FIRING, Pipeline, create, createTimestamped } from "@tributary/core";
import { runBounded } from "../support/run";

describe("create and createTimestamped", () => {
  it("create makes a bounded PCollection of the values, at MIN_TIMESTAMP in the global window", async () => {
    const p = Pipeline.create();
    const pc = p.apply(create(["a", "b", "c"]));
    expect(pc.isBounded).toBe(true);
    const result = await runBounded(p);
    expect(result.values(pc)).toEqual(["a", "b", "c"]);
    for (const wv of result.windowedValues(pc)) {
      expect(wv.timestamp).toBe(MIN_TIMESTAMP);
      expect(wv.windows).toEqual([GlobalWindow.INSTANCE]);
      expect(wv.pane).toEqual(NO_FIRING);
    }
  });

  it("create of no values is an empty PCollection", async () => {
    const p = Pipeline.create();
    const pc = p.apply(create<number>([]));
    const result = await runBounded(p);
    expect(result.values(pc)).toEqual([]);
  });

  it("createTimestamped gives each value its event timestamp", async () => {
    const p = Pipeline.create();
    const pc = p.apply(
      createTimestamped([
        { value: { user: "u1" }, timestamp: 1_000 },
        { value: { user: "u2" }, timestamp: -5 },
      ]),
    );
    const result = await runBounded(p);
    expect(result.windowedValues(pc).map((wv) => [wv.value, wv.timestamp])).toEqual([
      [{ user: "u1" }, 1_000],
      [{ user: "u2" }, -5],
    ]);
  });

  it("keeps every element whatever the bundle size", async () => {
    const values = Array.from({ length: 25 }, (_, i) => i);
    for (const bundleSize of [1, 2, 7, 25, 1000]) {
      const p = Pipeline.create();
      const pc = p.apply(create(values));
      const result = await runBounded(p, { bundleSize });
      expect(result.values(pc)).toEqual(values);
    }
  });

  it("prints itself for graphs and errors", () => {
    expect(create([1, 2]).toString()).toBe("create(2 elements)");
  });
});
