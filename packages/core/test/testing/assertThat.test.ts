import { describe, expect, it } from "vitest";
import { IntervalWindow, Pipeline, create, createTimestamped, fixedWindows, kv } from "@tributary/core";
import { PipelineAssertionError, assertThat } from "@tributary/core/testing";
import { runBounded } from "../support/run";

describe("assertThat", () => {
  it("containsInAnyOrder passes on the same multiset and fails with a diff otherwise", async () => {
    const ok = Pipeline.create();
    assertThat(ok.apply(create([3, 1, 2]))).containsInAnyOrder(1, 2, 3);
    await expect(runBounded(ok)).resolves.toBeDefined();

    const bad = Pipeline.create();
    assertThat(bad.apply(create([1, 1, 2]))).containsInAnyOrder(1, 2, 2);
    const e = await runBounded(bad).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PipelineAssertionError);
    expect((e as Error).message).toMatch(/missing: {4}2[\s\S]*unexpected: 1/);
  });

  it("equals compares in output order, structurally", async () => {
    const p = Pipeline.create();
    assertThat(p.apply(create([{ a: 1, b: 2 }]))).equals([{ b: 2, a: 1 }]);
    await expect(runBounded(p)).resolves.toBeDefined();
    const q = Pipeline.create();
    assertThat(q.apply(create([1, 2]))).equals([2, 1]);
    await expect(runBounded(q)).rejects.toThrow(PipelineAssertionError);
  });

  it("satisfies fails when the check throws or returns false", async () => {
    const p = Pipeline.create();
    assertThat(p.apply(create([1, 2]))).satisfies((xs) => xs.length === 3);
    await expect(runBounded(p)).rejects.toThrow(/failed satisfies\(\)/);
    const q = Pipeline.create();
    assertThat(q.apply(create([1, 2]))).satisfies((xs) => expect(xs.sort()).toEqual([1, 2]));
    await expect(runBounded(q)).resolves.toBeDefined();
  });

  it("inWindow scopes the assertion to one window", async () => {
    const p = Pipeline.create();
    const sums = p
      .apply(
        createTimestamped([
          { value: kv("k", 1), timestamp: 1 },
          { value: kv("k", 2), timestamp: 11 },
        ]),
      )
      .windowInto(fixedWindows(10))
      .combinePerKey({
        createAccumulator: () => 0,
        addInput: (a: number, x: number) => a + x,
        mergeAccumulators: (as: readonly number[]) => as.reduce((a, b) => a + b, 0),
        extractOutput: (a: number) => a,
        toString: () => "sum",
      });
    assertThat(sums).inWindow(new IntervalWindow(10, 20)).containsInAnyOrder(kv("k", 2));
    assertThat(sums).inOnTimePane(new IntervalWindow(0, 10)).containsInAnyOrder(kv("k", 1));
    await expect(runBounded(p)).resolves.toBeDefined();
  });

  it("checks each run of the pipeline on its own (a pipeline can be run twice)", async () => {
    const p = Pipeline.create();
    const out = p.apply(create([1, 2])).map((x) => x + 1);
    assertThat(out).containsInAnyOrder(2, 3);
    await runBounded(p);
    // The second run produces the same elements; the assertion must not see the first run's too.
    await expect(runBounded(p)).resolves.toBeDefined();
  });
});
