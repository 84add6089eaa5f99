import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Pipeline,
  combiners,
  createTimestamped,
  fixedWindows,
  sessions,
  slidingWindows,
  type KV,
  type PCollection,
  type WindowFn,
  type BoundedWindow,
} from "@tributary/core";
import {
  bundleSizeArb,
  describeKeyed,
  sortNumbers,
  timestampedKvsArb,
  type TimestampedKV,
} from "../support/arbitraries";
import { runBounded } from "../support/run";

/**
 * Runs `build` over the same input at two bundle sizes and returns both outputs, each as a sorted
 * list of (key, value, timestamp, window, pane) descriptions.
 */
async function atBundleSizes<V>(
  input: TimestampedKV[],
  bundleSizes: readonly number[],
  build: (pc: PCollection<KV<unknown, number>>) => PCollection<KV<unknown, V>>,
  normalize?: (v: V) => unknown,
): Promise<string[][]> {
  const outputs: string[][] = [];
  for (const bundleSize of bundleSizes) {
    const p = Pipeline.create();
    const out = build(p.apply(createTimestamped(input)));
    const result = await runBounded(p, { bundleSize }, 1_000);
    outputs.push(
      result
        .windowedValues(out)
        .map((wv) => describeKeyed(wv, normalize))
        .sort(),
    );
  }
  return outputs;
}

const inputAndTwoBundleSizes = timestampedKvsArb.chain((input) =>
  fc.tuple(fc.constant(input), bundleSizeArb(input.length), bundleSizeArb(input.length)),
);

const windowFns: Array<[string, WindowFn<BoundedWindow>]> = [
  ["fixed windows", fixedWindows(10)],
  ["sliding windows", slidingWindows(20).every(5)],
  ["sessions", sessions(7)],
];

describe("results do not depend on the bundle size", () => {
  it("groupByKey in the global window", async () => {
    await fc.assert(
      fc.asyncProperty(inputAndTwoBundleSizes, async ([input, b1, b2]) => {
        const [a, b] = await atBundleSizes(input, [b1, b2], (pc) => pc.groupByKey(), sortNumbers);
        expect(a).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it("combinePerKey in the global window", async () => {
    await fc.assert(
      fc.asyncProperty(inputAndTwoBundleSizes, async ([input, b1, b2]) => {
        const [a, b] = await atBundleSizes(input, [b1, b2], (pc) => pc.combinePerKey(combiners.sum()));
        expect(a).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  for (const [what, windowFn] of windowFns) {
    it(`a windowed combinePerKey and groupByKey with ${what}`, async () => {
      await fc.assert(
        fc.asyncProperty(inputAndTwoBundleSizes, async ([input, b1, b2]) => {
          const [a, b] = await atBundleSizes(input, [b1, b2], (pc) =>
            pc.windowInto(windowFn).combinePerKey(combiners.mean()),
          );
          expect(a).toEqual(b);
          const [c, d] = await atBundleSizes(
            input,
            [b1, b2],
            (pc) => pc.windowInto(windowFn).groupByKey(),
            sortNumbers,
          );
          expect(c).toEqual(d);
        }),
        { numRuns: 200 },
      );
    });
  }
});
