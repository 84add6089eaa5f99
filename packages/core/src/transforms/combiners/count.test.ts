import { describe, expect, it } from "vitest";
import { combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.count()", () => {
  const fn = combiners.count();

  it("counts inputs of any kind; empty input counts 0", () => {
    expect(combineAll(fn, [])).toBe(0);
    expect(combineAll(fn, ["a"])).toBe(1);
    expect(combineAll(fn, ["a", "b", undefined, null, "a"])).toBe(5);
  });

  it("merges counts, and an empty merge is 0", () => {
    expect(fn.mergeAccumulators([2, 0, 3])).toBe(5);
    expect(fn.mergeAccumulators([])).toBe(0);
  });

  it("prints itself as code", () => {
    expect(fn.toString()).toBe("combiners.count()");
  });
});
