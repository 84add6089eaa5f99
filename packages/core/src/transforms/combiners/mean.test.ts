import { describe, expect, it } from "vitest";
import { accumulate, combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.mean()", () => {
  const fn = combiners.mean();

  it("runs the documented example", () => {
    expect(combineAll(fn, [1, 2, 6])).toBe(3);
  });

  it("is NaN for no inputs and the input itself for one", () => {
    expect(combineAll(fn, [])).toBeNaN();
    expect(combineAll(fn, [7.25])).toBe(7.25);
    expect(
      fn.extractOutput(fn.mergeAccumulators([fn.createAccumulator(), fn.createAccumulator()])),
    ).toBeNaN();
  });

  it("averages the exact sum: no loss from cancellation", () => {
    expect(combineAll(fn, [1e100, 4, -1e100, 2])).toBe(1.5);
    expect(combineAll(fn, [0.1, 0.2, 0.3])).toBe(0.19999999999999998); // 0.6 / 3, rounded once more
  });

  it("is NaN with any NaN input or with both infinities, else an infinite input wins", () => {
    expect(combineAll(fn, [1, NaN])).toBeNaN();
    expect(combineAll(fn, [Infinity, -Infinity])).toBeNaN();
    expect(combineAll(fn, [1, -Infinity])).toBe(-Infinity);
  });

  it("keeps the sum and the count in its accumulator and merges both", () => {
    const merged = fn.mergeAccumulators([accumulate(fn, [1, 2]), accumulate(fn, [3])]);
    expect(merged.count).toBe(3);
    expect(fn.extractOutput(merged)).toBe(2);
  });

  it("prints itself as code", () => {
    expect(fn.toString()).toBe("combiners.mean()");
  });
});
