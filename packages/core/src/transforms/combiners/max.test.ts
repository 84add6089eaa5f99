import { describe, expect, it } from "vitest";
import { combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.max()", () => {
  it("runs the documented example", () => {
    expect(combineAll(combiners.max<number>(), [3, 1, 2])).toBe(3);
  });

  it("is undefined for no inputs and the input itself for one", () => {
    expect(combineAll(combiners.max<number>(), [])).toBeUndefined();
    expect(combineAll(combiners.max<number>(), [-4])).toBe(-4);
  });

  it("orders 0 above -0 and NaN above every number", () => {
    expect(combineAll(combiners.max<number>(), [-0, 0, -0])).toBe(0);
    expect(combineAll(combiners.max<number>(), [-0])).toBe(-0);
    expect(combineAll(combiners.max<number>(), [1, NaN, Infinity])).toBeNaN();
  });

  it("uses a comparator, and prints it by name", () => {
    const byLength = (a: string, b: string): number => a.length - b.length;
    const fn = combiners.max(byLength);
    expect(combineAll(fn, ["ab", "abcd", "abc"])).toBe("abcd");
    expect(fn.toString()).toBe("combiners.max(byLength)");
    expect(combiners.max().toString()).toBe("combiners.max()");
  });
});
