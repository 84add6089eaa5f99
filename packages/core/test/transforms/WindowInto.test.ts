import { describe, expect, it } from "vitest";
import {
  Pipeline,
  PipelineConstructionError,
  afterCount,
  afterWatermark,
  create,
  createTimestamped,
  fixedWindows,
  globalWindows,
  kv,
  repeatedly,
  windowInto,
} from "@tributary/core";
import { runBounded } from "../support/run";

describe("windowInto", () => {
  it("assigns each element to its windows, keeping its timestamp", async () => {
    const p = Pipeline.create();
    const out = p
      .apply(
        createTimestamped([
          { value: "a", timestamp: 0 },
          { value: "b", timestamp: 9_999 },
          { value: "c", timestamp: 10_000 },
        ]),
      )
      .apply(windowInto(fixedWindows(10_000)));
    const result = await runBounded(p);
    expect(
      result.windowedValues(out).map((wv) => [wv.value, wv.timestamp, wv.windows.map((w) => w.toString())]),
    ).toEqual([
      ["a", 0, ["[0, 10000)"]],
      ["b", 9_999, ["[0, 10000)"]],
      ["c", 10_000, ["[10000, 20000)"]],
    ]);
  });

  it("sets the windowing strategy of its output", () => {
    const p = Pipeline.create();
    const out = p.apply(create([1])).windowInto(fixedWindows(60_000), {
      trigger: afterWatermark().withEarlyFirings(afterCount(1)),
      accumulation: "ACCUMULATING",
      allowedLateness: 5_000,
    });
    expect(out.windowing.windowFn.toString()).toBe("fixedWindows(minutes(1))");
    expect(out.windowing.accumulationMode).toBe("ACCUMULATING");
    expect(out.windowing.allowedLateness).toBe(5_000);
    expect(out.windowing.trigger.toString()).toBe("afterWatermark().withEarlyFirings(afterCount(1))");
  });

  it("rejects a trigger without an accumulation mode at construction, naming the step", () => {
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    let error: unknown;
    try {
      input.windowInto(globalWindows(), { trigger: repeatedly(afterCount(10)) }, "Batch10");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineConstructionError);
    expect((error as PipelineConstructionError).step).toBe("Batch10");
    expect((error as Error).message).toMatch(
      /Batch10: .*repeatedly\(afterCount\(10\)\).*accumulation.*DISCARDING.*ACCUMULATING/,
    );
  });

  it("a trigger that may finish before the allowed lateness is rejected at the grouping step unless allowDataLoss", () => {
    const p = Pipeline.create();
    const unsafe = p
      .apply(create([kv("k", 1)]))
      .windowInto(
        fixedWindows(10),
        { trigger: afterCount(2), accumulation: "DISCARDING", allowedLateness: 1_000 },
        "Unsafe",
      );
    expect(() => unsafe.groupByKey("Group")).toThrow(
      /Group: trigger afterCount\(2\) may finish.*allowDataLoss/,
    );
    const accepted = p
      .apply("Again", create([kv("k", 1)]))
      .windowInto(
        fixedWindows(10),
        { trigger: afterCount(2), accumulation: "DISCARDING", allowedLateness: 1_000, allowDataLoss: true },
        "Lossy",
      );
    expect(() => accepted.groupByKey("GroupLossy")).not.toThrow();
  });

  it("prints itself as code", () => {
    expect(windowInto(fixedWindows(60_000)).toString()).toBe("windowInto(fixedWindows(minutes(1)))");
  });
});
