import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Pipeline,
  combineGroupedValues,
  combiners,
  createTimestamped,
  fixedWindows,
  globalWindows,
  sessions,
  type BoundedWindow,
  type CombineFn,
  type WindowFn,
} from "@tributary/core";
import { bundleSizeArb, describeKeyed, timestampedKvsArb } from "../support/arbitraries";
import { sortCanonical } from "../support/normalize";
import { runBounded } from "../support/run";

type AnyCombineFn = CombineFn<number, unknown, unknown>;

/** The standard combiners; toList's output order is unspecified, so it is compared as a multiset. */
const standard: Array<[string, AnyCombineFn, (v: unknown) => unknown]> = [
  ["sum", combiners.sum(), (v) => v],
  ["count", combiners.count(), (v) => v],
  ["mean", combiners.mean(), (v) => v],
  ["min", combiners.min<number>(), (v) => v],
  ["max", combiners.max<number>(), (v) => v],
  ["top(3)", combiners.top<number>(3), (v) => v],
  ["toList", combiners.toList<number>(), (v) => sortCanonical(v as unknown[])],
  ["distinctCount", combiners.distinctCount(), (v) => v],
];

const windowFnArb: fc.Arbitrary<WindowFn<BoundedWindow>> = fc.constantFrom<WindowFn<BoundedWindow>>(
  globalWindows(),
  fixedWindows(10),
  sessions(5),
);

describe("lifted (combinePerKey) and unlifted (groupByKey + combineGroupedValues) Combine agree", () => {
  for (const [name, fn, normalize] of standard) {
    it(`combiners.${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          timestampedKvsArb.chain((input) =>
            fc.tuple(fc.constant(input), bundleSizeArb(input.length), windowFnArb),
          ),
          async ([input, bundleSize, windowFn]) => {
            const p = Pipeline.create();
            const windowed = p.apply(createTimestamped(input)).windowInto(windowFn);
            const lifted = windowed.combinePerKey(fn, "Lifted");
            const unlifted = windowed
              .groupByKey("Group")
              .apply("Unlifted", combineGroupedValues<unknown, number, unknown, unknown>(fn));
            const result = await runBounded(p, { bundleSize }, 1_000);
            const a = result.windowedValues(lifted).map((wv) => describeKeyed(wv, normalize));
            const b = result.windowedValues(unlifted).map((wv) => describeKeyed(wv, normalize));
            expect(a.sort()).toEqual(b.sort());
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});
