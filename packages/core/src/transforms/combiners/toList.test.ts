import { describe, expect, it } from "vitest";
import { accumulate, combineAll } from "./combineFnLaws.testkit";
import { combiners } from "./index";

describe("combiners.toList()", () => {
  const fn = combiners.toList<string>();

  it("collects inputs; no inputs give []", () => {
    expect(combineAll(fn, ["a", "b"])).toEqual(["a", "b"]);
    expect(combineAll(fn, [])).toEqual([]);
    expect(combineAll(fn, ["a", "a"])).toEqual(["a", "a"]);
  });

  it("returns a copy, so later inputs do not change an output already extracted", () => {
    const acc = accumulate(fn, ["a"]);
    const fired = fn.extractOutput(acc);
    fn.addInput(acc, "b");
    expect(fired).toEqual(["a"]);
    expect(fn.extractOutput(acc)).toEqual(["a", "b"]);
  });

  it("prints itself as code", () => {
    expect(fn.toString()).toBe("combiners.toList()");
  });
});
