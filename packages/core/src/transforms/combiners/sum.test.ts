import { describe, expect, it } from "vitest";
import { accumulate, combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.sum()", () => {
  const fn = combiners.sum();

  it("runs the documented example: the exact sum, rounded once", () => {
    expect(combineAll(fn, [0.1, 0.2, 0.3])).toBe(0.6);
    expect(0.1 + 0.2 + 0.3).toBe(0.6000000000000001);
    expect(combineAll(fn, [1e100, 1, -1e100])).toBe(1);
    expect(combineAll(fn, Array<number>(10).fill(0.1))).toBe(1);
  });

  it("gives the same answer in any order, where naive addition does not", () => {
    const inputs = [1e16, 1, 1, -1e16, 3.5, -(2 ** -30)];
    const orders = [inputs, [...inputs].reverse(), [1, 1, 1e16, 3.5, -1e16, -(2 ** -30)]];
    const naive = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    expect(new Set(orders.map(naive)).size).toBeGreaterThan(1);
    for (const order of orders) expect(combineAll(fn, order)).toBe(5.5 - 2 ** -30);
  });

  it("sums no inputs to 0 and one input to itself, keeping -0", () => {
    expect(combineAll(fn, [])).toBe(0);
    expect(combineAll(fn, [42.5])).toBe(42.5);
    expect(combineAll(fn, [-0])).toBe(-0);
    expect(combineAll(fn, [-0, -0])).toBe(-0);
    expect(combineAll(fn, [-0, 0])).toBe(0);
    expect(combineAll(fn, [Number.MIN_VALUE, -Number.MIN_VALUE])).toBe(0);
  });

  it("follows IEEE for non-finite inputs: NaN wins; opposite infinities give NaN", () => {
    expect(combineAll(fn, [1, NaN, 2])).toBeNaN();
    expect(combineAll(fn, [1, Infinity, 2])).toBe(Infinity);
    expect(combineAll(fn, [-Infinity, 1e308, -1])).toBe(-Infinity);
    expect(combineAll(fn, [Infinity, 1, -Infinity])).toBeNaN();
    expect(fn.mergeAccumulators([accumulate(fn, [Infinity]), accumulate(fn, [-Infinity])])).toEqual(
      accumulate(fn, [NaN]),
    );
  });

  it("overflows to ±Infinity when a running partial exceeds Number.MAX_VALUE (documented)", () => {
    expect(combineAll(fn, [Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE])).toBe(Infinity);
    expect(combineAll(fn, [-Number.MAX_VALUE, -Number.MAX_VALUE])).toBe(-Infinity);
    expect(combineAll(fn, [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.MAX_VALUE);
    expect(combineAll(fn, [-Infinity, Number.MAX_VALUE, Number.MAX_VALUE])).toBe(-Infinity); // inputs win
  });

  it("prints itself as code", () => {
    expect(fn.toString()).toBe("combiners.sum()");
  });
});
