import { describe, expect, it } from "vitest";
import { combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.bottom(n)", () => {
  it("runs the documented example: the n smallest, ascending", () => {
    expect(combineAll(combiners.bottom<number>(2), [3, 1, 4, 1, 5])).toEqual([1, 1]);
    expect(combineAll(combiners.bottom<number>(3), [3, 1, 4, 1, 5])).toEqual([1, 1, 3]);
  });

  it("gives [] for no inputs and all inputs when fewer than n", () => {
    expect(combineAll(combiners.bottom<number>(2), [])).toEqual([]);
    expect(combineAll(combiners.bottom<string>(2), ["z"])).toEqual(["z"]);
  });

  it("uses a comparator, and prints it by name", () => {
    const byLength = (a: string, b: string): number => a.length - b.length;
    const fn = combiners.bottom(1, byLength);
    expect(combineAll(fn, ["abc", "a", "ab"])).toEqual(["a"]);
    expect(fn.toString()).toBe("combiners.bottom(1, byLength)");
    expect(combiners.bottom(2).toString()).toBe("combiners.bottom(2)");
  });

  it("rejects an n that is not an integer >= 0, naming the combiner", () => {
    expect(() => combiners.bottom(-2)).toThrow("combiners.bottom(-2) needs an integer n >= 0, got -2");
  });
});
