import { describe, expect, it } from "vitest";
import {
  Flatten,
  Pipeline,
  PipelineConstructionError,
  create,
  createTimestamped,
  fixedWindows,
  flatten,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";
import { runBounded } from "../support/run";

describe("flatten", () => {
  it("merges PCollections into one, keeping every element", async () => {
    const p = Pipeline.create();
    const web = p.apply("Web", create(["w1", "w2"]));
    const app = p.apply("App", create(["a1"]));
    const all = flatten([web, app], "AllClicks");
    expect(all.name).toBe("AllClicks");
    const result = await runBounded(p);
    expect(result.values(all).sort()).toEqual(["a1", "w1", "w2"]);
  });

  it("keeps timestamps and windows", async () => {
    const p = Pipeline.create();
    const a = p
      .apply("A", createTimestamped([{ value: "a", timestamp: 5 }]))
      .windowInto(fixedWindows(10), undefined, "WA");
    const b = p
      .apply("B", createTimestamped([{ value: "b", timestamp: 15 }]))
      .windowInto(fixedWindows(10), undefined, "WB");
    const all = flatten([a, b]);
    const result = await runBounded(p);
    expect(
      result
        .windowedValues(all)
        .map((wv) => [wv.value, wv.timestamp, wv.windows[0]!.toString()])
        .sort(),
    ).toEqual([
      ["a", 5, "[0, 10)"],
      ["b", 15, "[10, 20)"],
    ]);
  });

  it("can flatten the same PCollection twice (each element appears twice)", async () => {
    const p = Pipeline.create();
    const a = p.apply(create([1, 2]));
    const twice = flatten([a, a]);
    const result = await runBounded(p);
    expect(result.values(twice).sort()).toEqual([1, 1, 2, 2]);
  });

  it("is bounded only when every input is", () => {
    const p = Pipeline.create();
    const bounded = p.apply(create([1]));
    const unbounded = p.apply(TestStream.create<number>().advanceWatermarkToInfinity());
    expect(flatten([bounded, bounded]).isBounded).toBe(true);
    expect(flatten([bounded, unbounded]).isBounded).toBe(false);
  });

  it("rejects inputs with incompatible windowing at construction, naming the step and the fix", () => {
    const p = Pipeline.create();
    const minute = p.apply("A", create([1])).windowInto(fixedWindows(60_000), undefined, "Minute");
    const hour = p.apply("B", create([2])).windowInto(fixedWindows(3_600_000), undefined, "Hour");
    let error: unknown;
    try {
      flatten([minute, hour], "Mixed");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineConstructionError);
    expect((error as PipelineConstructionError).step).toBe("Mixed");
    expect((error as Error).message).toMatch(
      /Mixed: cannot flatten Hour \(fixedWindows\(hours\(1\)\)\) with Minute \(fixedWindows\(minutes\(1\)\)\).*same WindowFn/,
    );
  });

  it("rejects an empty list and inputs from another pipeline", () => {
    expect(() => flatten([])).toThrow(/at least one/);
    const p = Pipeline.create();
    const q = Pipeline.create();
    expect(() => flatten([p.apply(create([1])), q.apply(create([2]))], "Cross")).toThrow(
      /Cross: .*another pipeline/,
    );
  });

  it("prints itself as code", () => {
    expect(new Flatten().toString()).toBe("flatten()");
  });
});
