import { describe, expect, it } from "vitest";
import { NonDeterministicValueError } from "../../coders/NonDeterministicValueError";
import { accumulate, combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.distinctCount()", () => {
  const fn = combiners.distinctCount();

  it("runs the documented example: structurally equal values count once", () => {
    expect(combineAll(fn, [{ user: "a" }, { user: "b" }, { user: "a" }])).toBe(2);
  });

  it("counts 0 for no inputs and 1 for one", () => {
    expect(combineAll(fn, [])).toBe(0);
    expect(combineAll(fn, [[1, 2]])).toBe(1);
  });

  it("compares like grouping keys: key order, 0 / -0 and NaNs do not matter; types do", () => {
    expect(
      combineAll(fn, [
        { a: 1, b: [2] },
        { b: [2], a: 1 },
      ]),
    ).toBe(1);
    expect(combineAll(fn, [0, -0, NaN, NaN])).toBe(2);
    expect(combineAll(fn, [1, "1", 1n, [1], { 1: 1 }])).toBe(5);
    expect(combineAll(fn, [undefined, null, { a: undefined }, {}])).toBe(4);
  });

  it("merges sets of keys: a value seen in several accumulators counts once", () => {
    const merged = fn.mergeAccumulators([
      accumulate(fn, ["x", "y"]),
      accumulate(fn, ["y", "z"]),
      accumulate(fn, ["x"]),
    ]);
    expect(fn.extractOutput(merged)).toBe(3);
  });

  it("rejects values that are not plain data, as grouping keys do", () => {
    expect(() => combineAll(fn, [{ callback: () => 1 }])).toThrow(NonDeterministicValueError);
    expect(() => combineAll(fn, [new Map()])).toThrow(NonDeterministicValueError);
  });

  it("prints itself as code", () => {
    expect(fn.toString()).toBe("combiners.distinctCount()");
  });
});
