import { describe, expect, it } from "vitest";
import { Pipeline, UserCodeError, create, partition } from "@tributary/core";
import { runBounded } from "../support/run";

describe("partition", () => {
  it("splits a PCollection into n by the partition function", async () => {
    const p = Pipeline.create();
    const parts = p.apply(create([5, 150, 20, 999, 100])).apply(
      "BySize",
      partition(3, (x: number, n) => Math.min(n - 1, Math.floor(Math.log10(x)))),
    );
    expect(parts).toHaveLength(3);
    const result = await runBounded(p);
    expect(parts.map((pc) => result.values(pc))).toEqual([[5], [20], [150, 999, 100]]);
  });

  it("passes n to the partition function and names its parts under the step", () => {
    const seen: number[] = [];
    const p = Pipeline.create();
    const parts = p.apply(create([1])).apply(
      "Split2",
      partition(2, (_x: number, n) => {
        seen.push(n);
        return 0;
      }),
    );
    expect(parts.map((pc) => pc.name)).toEqual(["Split2/Split.partition0", "Split2/Split.partition1"]);
    return runBounded(p).then(() => expect(seen).toEqual([2]));
  });

  it("fails the run naming the step and element when the function returns an index outside [0, n)", async () => {
    for (const bad of [2, -1, 0.5, NaN]) {
      const p = Pipeline.create();
      p.apply(create(["ok", "bad"])).apply(
        "Route",
        partition(2, (x: string) => (x === "bad" ? bad : 0)),
      );
      const e = await runBounded(p).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e, `index ${bad}`).toBeInstanceOf(UserCodeError);
      expect((e as UserCodeError).step).toMatch(/^Route\//);
      expect((e as UserCodeError).element).toBe("bad");
      expect((e as Error).message).toContain(`returned ${bad}; it must be an integer in [0, 2)`);
    }
  });

  it("rejects a partition count that is not a positive integer", () => {
    expect(() => partition(0, () => 0)).toThrow(RangeError);
    expect(() => partition(1.5, () => 0)).toThrow(RangeError);
  });
});
