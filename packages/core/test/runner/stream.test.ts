import { describe, expect, it } from "vitest";
import { combiners, createTimestamped, fixedWindows, kv, Pipeline, seconds } from "@tributary/core";
import { TestStream } from "@tributary/core/testing";

describe("Pipeline.stream: results as an AsyncIterable", () => {
  it("yields each pane as the watermark passes its window, before the run ends", async () => {
    const stream = TestStream.create<string>()
      .addElements({ value: "a", timestamp: 1_000 }, { value: "b", timestamp: 2_000 })
      .advanceWatermarkTo(10_000)
      .addElements({ value: "a", timestamp: 11_000 })
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const counts = p
      .apply(stream)
      .windowInto(fixedWindows(seconds(10)))
      .map((w) => kv(w, 1))
      .combinePerKey(combiners.sum());
    const seen: string[] = [];
    for await (const wv of p.stream(counts))
      seen.push(`${wv.windows[0]!.toString()} ${wv.value.key}=${wv.value.value}`);
    expect(seen.slice(0, 2).sort()).toEqual(["[0, 10000) a=1", "[0, 10000) b=1"]);
    expect(seen[2]).toBe("[10000, 20000) a=1");
    expect(seen).toHaveLength(3);
  });

  it("can stop early; the rest is not computed and the run is torn down", async () => {
    let tornDown = false;
    const p = Pipeline.create();
    const out = p
      .apply(createTimestamped(Array.from({ length: 50 }, (_, i) => ({ value: i, timestamp: i }))))
      .parDo<number>({
        process: (e: number, ctx) => ctx.output(e * 2),
        teardown: () => void (tornDown = true),
      });
    const firstFive: number[] = [];
    for await (const wv of p.stream(out, { bundleSize: 5 })) {
      firstFive.push(wv.value);
      if (firstFive.length === 5) break;
    }
    expect(firstFive).toEqual([0, 2, 4, 6, 8]);
    expect(tornDown).toBe(true);
  });
});
