import { describe, expect, it } from "vitest";
import { combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.sumBigInts()", () => {
  const fn = combiners.sumBigInts();

  it("sums bigints exactly beyond 2^64; empty input sums to 0n", () => {
    expect(combineAll(fn, [2n ** 64n, 1n])).toBe(18446744073709551617n);
    expect(combineAll(fn, [])).toBe(0n);
    expect(combineAll(fn, [-5n])).toBe(-5n);
    expect(fn.mergeAccumulators([3n, 4n, -10n])).toBe(-3n);
  });

  it("prints itself as code", () => {
    expect(fn.toString()).toBe("combiners.sumBigInts()");
  });
});
