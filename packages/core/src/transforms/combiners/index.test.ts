import { describe, expect, it } from "vitest";
import { combiners } from "./index";

describe("combiners namespace", () => {
  it("holds every standard combiner, each printing itself as the code that made it", () => {
    const printed = [
      combiners.count(),
      combiners.sum(),
      combiners.sumBigInts(),
      combiners.mean(),
      combiners.min(),
      combiners.max(),
      combiners.top(3),
      combiners.bottom(3),
      combiners.toList(),
      combiners.distinctCount(),
    ].map(String);
    expect(printed).toEqual([
      "combiners.count()",
      "combiners.sum()",
      "combiners.sumBigInts()",
      "combiners.mean()",
      "combiners.min()",
      "combiners.max()",
      "combiners.top(3)",
      "combiners.bottom(3)",
      "combiners.toList()",
      "combiners.distinctCount()",
    ]);
    expect(Object.keys(combiners).sort()).toEqual(
      ["bottom", "count", "distinctCount", "max", "mean", "min", "sum", "sumBigInts", "toList", "top"].sort(),
    );
    expect(Object.isFrozen(combiners)).toBe(true);
  });
});
