import { describe, expect, it } from "vitest";
import { accumulate, combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.top(n)", () => {
  it("runs the documented example: the n largest, descending", () => {
    expect(combineAll(combiners.top<number>(2), [3, 1, 4, 1, 5])).toEqual([5, 4]);
  });

  it("gives [] for no inputs, all inputs when fewer than n, and [] for n = 0", () => {
    expect(combineAll(combiners.top<number>(3), [])).toEqual([]);
    expect(combineAll(combiners.top<number>(3), [2])).toEqual([2]);
    expect(combineAll(combiners.top<number>(3), [2, 9])).toEqual([9, 2]);
    expect(combineAll(combiners.top<number>(0), [1, 2, 3])).toEqual([]);
  });

  it("keeps tied inputs as many times as they occur", () => {
    expect(combineAll(combiners.top<number>(3), [5, 1, 5, 5, 5])).toEqual([5, 5, 5]);
    expect(combineAll(combiners.top<number>(4), [2, 7, 2, 7])).toEqual([7, 7, 2, 2]);
  });

  it("keeps at most n inputs in its accumulator", () => {
    const fn = combiners.top<number>(3);
    const acc = accumulate(
      fn,
      Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000),
    );
    expect(acc.length).toBe(3);
    expect(fn.mergeAccumulators([acc, accumulate(fn, [5000, 4000, 1, 2])]).length).toBe(3);
    expect(fn.extractOutput(acc)).toEqual([5000, 4000, 999]);
  });

  it("orders NaN above every number and 0 above -0", () => {
    expect(combineAll(combiners.top<number>(3), [1, NaN, -0, 0, Infinity])).toEqual([NaN, Infinity, 1]);
    expect(
      combineAll(combiners.top<number>(5), [1, NaN, -0, 0, Infinity]).map((x) => Object.is(x, -0)),
    ).toEqual([false, false, false, false, true]);
  });

  it("uses a comparator, and prints it by name", () => {
    const byScore = (a: { score: number }, b: { score: number }): number => a.score - b.score;
    const fn = combiners.top(2, byScore);
    expect(combineAll(fn, [{ score: 1 }, { score: 9 }, { score: 4 }])).toEqual([{ score: 9 }, { score: 4 }]);
    expect(fn.toString()).toBe("combiners.top(2, byScore)");
    expect(combiners.top(10).toString()).toBe("combiners.top(10)");
  });

  it("rejects an n that is not an integer >= 0, naming the combiner", () => {
    expect(() => combiners.top(-1)).toThrow(
      new RangeError("combiners.top(-1) needs an integer n >= 0, got -1"),
    );
    expect(() => combiners.top(2.5)).toThrow(RangeError);
    expect(() => combiners.top(NaN)).toThrow(RangeError);
    expect(() => combiners.top(Infinity)).toThrow(RangeError);
  });
});
