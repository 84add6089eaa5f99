import { describe, expect, it } from "vitest";
import { combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.min()", () => {
  it("runs the documented example", () => {
    expect(combineAll(combiners.min<number>(), [3, 1, 2])).toBe(1);
  });

  it("is undefined for no inputs and the input itself for one", () => {
    expect(combineAll(combiners.min<number>(), [])).toBeUndefined();
    expect(combineAll(combiners.min<string>(), ["only"])).toBe("only");
  });

  it("orders -0 below 0 and NaN above every number", () => {
    expect(combineAll(combiners.min<number>(), [0, -0])).toBe(-0);
    expect(combineAll(combiners.min<number>(), [NaN, 5, -Infinity, NaN])).toBe(-Infinity);
    expect(combineAll(combiners.min<number>(), [NaN, NaN])).toBeNaN();
  });

  it("orders strings by code units and bigints numerically", () => {
    expect(combineAll(combiners.min<string>(), ["b", "B", "a"])).toBe("B");
    expect(combineAll(combiners.min<bigint>(), [10n, -(2n ** 70n), 3n])).toBe(-(2n ** 70n));
  });

  it("uses a comparator, and prints it by name", () => {
    const byTime = (a: Date, b: Date): number => a.getTime() - b.getTime();
    const dates = [new Date(3000), new Date(1000), new Date(2000)];
    const fn = combiners.min(byTime);
    expect(combineAll(fn, dates)).toBe(dates[1]);
    expect(fn.toString()).toBe("combiners.min(byTime)");
    expect(combiners.min((a: number, b: number) => a - b).toString()).toBe("combiners.min(anonymous)");
    expect(combiners.min().toString()).toBe("combiners.min()");
  });
});
