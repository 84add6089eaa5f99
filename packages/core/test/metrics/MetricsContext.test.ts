import { describe, expect, it } from "vitest";
import {
  Pipeline,
  create,
  fixedWindows,
  kv,
  parDo,
  ptransform,
  type Counter,
  type KV,
  type MetricResult,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";
import { runBounded } from "../support/run";

function find(metrics: readonly MetricResult[], step: string, name: string): MetricResult | undefined {
  return metrics.find((m) => m.step === step && m.name === name);
}

describe("metrics recorded by a DoFn are readable from the PipelineResult", () => {
  it("counters, distributions and gauges, per step", async () => {
    const p = Pipeline.create();
    p.apply(create([3, 1, 4, 1, 5])).apply(
      "Measure",
      parDo<number, number>({
        process(x, ctx) {
          ctx.metrics.counter("elements").inc();
          if (x === 1) ctx.metrics.counter("ones").inc(10);
          ctx.metrics.distribution("size").update(x);
          ctx.metrics.gauge("last").set(x);
          ctx.output(x);
        },
      }),
    );
    const result = await runBounded(p, { bundleSize: 2 });
    const metrics = result.metrics();
    expect(find(metrics, "Measure", "elements")).toEqual({
      step: "Measure",
      name: "elements",
      type: "counter",
      value: 5,
    });
    expect(find(metrics, "Measure", "ones")?.value).toBe(20);
    expect(find(metrics, "Measure", "size")).toEqual({
      step: "Measure",
      name: "size",
      type: "distribution",
      value: { count: 5, sum: 14, min: 1, max: 5, mean: 14 / 5 },
    });
    expect(find(metrics, "Measure", "last")).toEqual({
      step: "Measure",
      name: "last",
      type: "gauge",
      value: 5,
    });
    expect(result.counter("Measure", "elements")).toBe(5);
    expect(result.counter("Measure", "never")).toBe(0);
  });

  it("keeps the metrics of different steps apart, and sums a counter over a composite's steps", async () => {
    const countTo = (name: string): Parameters<typeof parDo<number, number>>[0] => ({
      process(x, ctx) {
        ctx.metrics.counter(name).inc(x);
        ctx.output(x);
      },
    });
    const q = Pipeline.create();
    const input = q.apply(create([1, 2, 3]));
    input.apply(
      "Stage",
      ptransform("Stage", (pc: typeof input) =>
        pc.apply("A", parDo(countTo("n"))).apply("B", parDo(countTo("n"))),
      ),
    );
    input.apply("Other", parDo(countTo("n")));
    const r = await runBounded(q);
    expect(r.counter("Stage/A", "n")).toBe(6);
    expect(r.counter("Stage/B", "n")).toBe(6);
    expect(r.counter("Stage", "n")).toBe(12);
    expect(r.counter("Stag", "n")).toBe(0);
    expect(r.counter("Other", "n")).toBe(6);
  });

  it("metrics can be recorded in startBundle and finishBundle", async () => {
    let bundles: Counter | undefined;
    const p = Pipeline.create();
    p.apply(create([1, 2, 3, 4, 5])).apply(
      "Bundles",
      parDo<number, number>({
        startBundle(ctx) {
          bundles = ctx.metrics.counter("bundles");
          bundles.inc();
        },
        process: () => {},
        finishBundle: (ctx) => ctx.metrics.counter("finished").inc(),
      }),
    );
    const result = await runBounded(p, { bundleSize: 2 });
    expect(result.counter("Bundles", "bundles")).toBe(3);
    expect(result.counter("Bundles", "finished")).toBe(3);
  });

  it("a grouping step counts the late data it drops", async () => {
    const p = Pipeline.create();
    const grouped = p
      .apply(
        TestStream.create<KV<string, number>>()
          .addElements({ value: kv("k", 1), timestamp: 1 })
          .advanceWatermarkTo(100)
          .addElements({ value: kv("k", 2), timestamp: 2 }, { value: kv("k", 3), timestamp: 3 }) // [0, 10) has expired
          .addElements({ value: kv("k", 4), timestamp: 150 })
          .advanceWatermarkToInfinity(),
      )
      .windowInto(fixedWindows(10))
      .groupByKey("Group");
    const result = await runBounded(p);
    expect(result.counter("Group", "droppedDueToLateness")).toBe(2);
    expect(result.values(grouped).map((g) => g.value)).toEqual([[1], [4]]);
  });
});
