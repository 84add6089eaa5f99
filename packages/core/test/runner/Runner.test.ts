import { describe, expect, it } from "vitest";
import {
  END_OF_GLOBAL_WINDOW,
  MAX_TIMESTAMP,
  MIN_TIMESTAMP,
  Pipeline,
  Runner,
  create,
  createTimestamped,
  fixedWindows,
  flatten,
  kv,
} from "@tributary/core";
import { runBounded } from "../support/run";

describe("Runner: step by step", () => {
  it("step() pushes one source bundle through the fused steps; drain(pc) takes what was collected so far", async () => {
    const p = Pipeline.create();
    const doubled = p.apply(create([1, 2, 3, 4, 5])).map((x) => x * 2, "Double");
    const grouped = doubled.map((x) => kv(x % 4, x), "Key").groupByKey("Group");
    const runner = new Runner(p, { collect: [doubled], bundleSize: 2 });

    expect(await runner.step()).toBe(true);
    expect(runner.drain(doubled).map((wv) => wv.value)).toEqual([2, 4]);
    expect(runner.drain(doubled)).toEqual([]); // drained
    expect(runner.drain(grouped)).toEqual([]); // nothing fires before the watermark passes the window
    expect(runner.watermarkOf(doubled)).toBe(MIN_TIMESTAMP);

    expect(await runner.step()).toBe(true);
    expect(runner.drain(doubled).map((wv) => wv.value)).toEqual([6, 8]);
    expect(await runner.step()).toBe(true);
    expect(runner.drain(doubled).map((wv) => wv.value)).toEqual([10]);
    expect(runner.isDone).toBe(false);

    // The source is exhausted: its watermark jumps to the end of time and the GroupByKey fires.
    expect(await runner.step()).toBe(true);
    expect(runner.watermarkOf(doubled)).toBe(MAX_TIMESTAMP);
    const groups = runner.drain(grouped);
    expect(
      groups
        .map((wv) =>
          kv(
            wv.value.key,
            [...wv.value.value].sort((a, b) => a - b),
          ),
        )
        .sort((a, b) => a.key - b.key),
    ).toEqual([kv(0, [4, 8]), kv(2, [2, 6, 10])]);
    expect(groups.every((wv) => wv.timestamp === END_OF_GLOBAL_WINDOW && wv.pane.timing === "ON_TIME")).toBe(
      true,
    );
    expect(runner.isDone).toBe(true);
    expect(await runner.step()).toBe(false);
    await runner.teardown();
  });

  it("runUntilIdle() processes all bounded input; result() returns what was collected", async () => {
    const p = Pipeline.create();
    const out = p.apply(create(["a", "b"])).map((s) => s.toUpperCase());
    const runner = new Runner(p);
    await runner.runUntilIdle();
    expect(runner.isDone).toBe(true);
    expect(runner.result().values(out)).toEqual(["A", "B"]);
    expect(runner.result().state).toBe("DONE");
  });

  it("moves a windowed collection's watermark with its input", async () => {
    const p = Pipeline.create();
    const windowed = p.apply(createTimestamped([{ value: 1, timestamp: 5 }])).windowInto(fixedWindows(10));
    const sums = windowed.combineGlobally({
      createAccumulator: () => 0,
      addInput: (a: number, x: number) => a + x,
      mergeAccumulators: (as: readonly number[]) => as.reduce((a, b) => a + b, 0),
      extractOutput: (a: number) => a,
      toString: () => "sum",
    });
    const runner = new Runner(p, { collect: [windowed] });
    await runner.step();
    expect(runner.drain(windowed).map((wv) => wv.windows[0]!.toString())).toEqual(["[0, 10)"]);
    await runner.runUntilIdle();
    expect(runner.watermarkOf(windowed)).toBe(MAX_TIMESTAMP);
    expect(runner.drain(sums).map((wv) => wv.value)).toEqual([1]);
  });

  it("drain() of a PCollection that is not collected names it and the fix", () => {
    const p = Pipeline.create();
    const input = p.apply("Input", create([1]));
    input.map((x) => x);
    const runner = new Runner(p);
    expect(() => runner.drain(input)).toThrow(
      /Input is not collected; pass it in the runner's collect option/,
    );
  });

  it("start() calls setup once; teardown() calls teardown", async () => {
    const calls: string[] = [];
    const p = Pipeline.create();
    p.apply(create([1])).parDo({
      setup: () => void calls.push("setup"),
      process: () => void calls.push("process"),
      teardown: () => void calls.push("teardown"),
    });
    const runner = new Runner(p);
    await runner.start();
    await runner.start();
    expect(calls).toEqual(["setup"]);
    await runner.runUntilIdle();
    await runner.teardown();
    expect(calls).toEqual(["setup", "process", "teardown"]);
  });
});

describe("Runner: run() of a bounded pipeline finishes", () => {
  // Every step kind must let the runner reach isDone once its bounded inputs are exhausted;
  // otherwise run() polls forever. runBounded fails after a timeout instead of hanging.
  it("with windowInto", async () => {
    const p = Pipeline.create();
    const out = p.apply(createTimestamped([{ value: 1, timestamp: 5 }])).windowInto(fixedWindows(10));
    const result = await runBounded(p, {}, 2_000);
    expect(result.values(out)).toEqual([1]);
  });

  it("with flatten", async () => {
    const p = Pipeline.create();
    const out = flatten([p.apply("A", create([1])), p.apply("B", create([2]))]);
    const result = await runBounded(p, {}, 2_000);
    expect(result.values(out).sort()).toEqual([1, 2]);
  });

  it("a Runner reaches isDone after runUntilIdle with windowInto", async () => {
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: 1, timestamp: 5 }])).windowInto(fixedWindows(10));
    const runner = new Runner(p);
    await runner.runUntilIdle();
    expect(runner.isDone).toBe(true);
  });

  it("aborting with a signal cancels the run", async () => {
    const p = Pipeline.create();
    p.apply(create([1]));
    const controller = new AbortController();
    controller.abort();
    const result = await p.run({ signal: controller.signal });
    expect(result.state).toBe("CANCELLED");
  });
});

describe("Runner: options", () => {
  it("rejects a bundleSize that is not a positive integer instead of looping or inventing elements", async () => {
    for (const bundleSize of [0, -1, NaN, 1.5]) {
      const p = Pipeline.create();
      const out = p.apply(create([1, 2, 3])).map((x) => x, "Same");
      let outcome: unknown;
      try {
        const runner = new Runner(p, { bundleSize, collect: [out] });
        // Drive it step by step: a runner that never finishes must not hang this test.
        for (let i = 0; i < 20 && !runner.isDone; i++) await runner.step();
        outcome = runner.isDone ? runner.drain(out).map((wv) => wv.value) : "did not finish in 20 steps";
      } catch (e) {
        outcome = e;
      }
      expect(outcome, `bundleSize ${bundleSize}`).toBeInstanceOf(RangeError);
      expect(String(outcome)).toMatch(/bundleSize/);
    }
  });
});
