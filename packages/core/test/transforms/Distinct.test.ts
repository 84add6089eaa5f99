import { describe, expect, it } from "vitest";
import { Pipeline, UserCodeError, create, createTimestamped, distinct, fixedWindows } from "@tributary/core";
import { sortCanonical } from "../support/normalize";
import { runBounded } from "../support/run";

describe("distinct", () => {
  it("outputs each distinct element once", async () => {
    const p = Pipeline.create();
    const out = p.apply(create(["b", "a", "b", "c", "a", "b"])).apply(distinct());
    const result = await runBounded(p);
    expect(result.values(out).sort()).toEqual(["a", "b", "c"]);
  });

  it("compares elements structurally", async () => {
    const p = Pipeline.create();
    const out = p
      .apply(create<unknown>([{ u: 1, r: "eu" }, { r: "eu", u: 1 }, [1, 2], [1, 2], 1, "1"]))
      .apply(distinct());
    const result = await runBounded(p);
    expect(sortCanonical(result.values(out))).toEqual(sortCanonical([{ u: 1, r: "eu" }, [1, 2], 1, "1"]));
  });

  it("is distinct per window", async () => {
    const p = Pipeline.create();
    const out = p
      .apply(
        createTimestamped([
          { value: "x", timestamp: 1 },
          { value: "x", timestamp: 2 },
          { value: "x", timestamp: 12 },
        ]),
      )
      .windowInto(fixedWindows(10))
      .apply(distinct());
    const result = await runBounded(p);
    expect(
      result
        .windowedValues(out)
        .map((wv) => `${wv.value}${wv.windows[0]!.toString()}`)
        .sort(),
    ).toEqual(["x[0, 10)", "x[10, 20)"]);
  });

  it("fails naming the step for an element that cannot be compared deterministically", async () => {
    const p = Pipeline.create();
    p.apply(create<unknown>([new Map()])).apply("Dedupe", distinct());
    const e = await runBounded(p).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserCodeError);
    expect((e as UserCodeError).step).toMatch(/^Dedupe\//);
    expect((e as Error).message).toMatch(/Map/);
  });
});
