import { describe, expect, it } from "vitest";
import {
  Pipeline,
  create,
  createTimestamped,
  filter,
  flatMap,
  keys,
  kv,
  map,
  slidingWindows,
  values,
  withKeys,
  type IntervalWindow,
} from "@tributary/core";
import { runBounded } from "../support/run";

describe("element-wise transforms", () => {
  it("map applies the function to each element and keeps its timestamp", async () => {
    const p = Pipeline.create();
    const out = p
      .apply(
        createTimestamped([
          { value: 2, timestamp: 10 },
          { value: 3, timestamp: 20 },
        ]),
      )
      .apply(map((x: number) => x * x));
    const result = await runBounded(p);
    expect(result.windowedValues(out).map((wv) => [wv.value, wv.timestamp])).toEqual([
      [4, 10],
      [9, 20],
    ]);
  });

  it("flatMap emits every item of the returned iterable, none for an empty one", async () => {
    const p = Pipeline.create();
    const out = p.apply(create(["a b", "", "c"])).apply(flatMap((s: string) => s.split(" ").filter(Boolean)));
    const gen = p.apply("Gen", create([3])).flatMap(function* (n) {
      for (let i = 0; i < n; i++) yield i;
    });
    const result = await runBounded(p);
    expect(result.values(out)).toEqual(["a", "b", "c"]);
    expect(result.values(gen)).toEqual([0, 1, 2]);
  });

  it("filter keeps the elements for which the predicate holds", async () => {
    const p = Pipeline.create();
    const out = p.apply(create([1, 2, 3, 4, 5, 6])).apply(filter((x: number) => x % 3 === 0));
    const result = await runBounded(p);
    expect(result.values(out)).toEqual([3, 6]);
  });

  it("filter with a type guard types its output as what the guard admits", async () => {
    type Shape = { kind: "circle"; r: number } | { kind: "square"; side: number };
    const isCircle = (s: Shape): s is Extract<Shape, { kind: "circle" }> => s.kind === "circle";
    const p = Pipeline.create();
    const shapes = p.apply(
      create<Shape>([
        { kind: "circle", r: 1 },
        { kind: "square", side: 2 },
        { kind: "circle", r: 3 },
      ]),
    );
    // Typed without a cast: `r` exists only on circles (the file does not compile otherwise).
    const radii = shapes.filter(isCircle, "Circles").map((c) => c.r);
    const viaTransform = shapes.apply("Circles2", filter(isCircle)).map((c) => c.r * 10, "Tens");
    const result = await runBounded(p);
    expect(result.values(radii)).toEqual([1, 3]);
    expect(result.values(viaTransform)).toEqual([10, 30]);
  });

  it("withKeys pairs each element with its key; keys and values take them apart", async () => {
    const p = Pipeline.create();
    const keyed = p.apply(create(["apple", "bob"])).apply(withKeys((s: string) => s.length));
    const ks = keyed.apply(keys<number>());
    const vs = keyed.apply(values<string>());
    const result = await runBounded(p, { collect: [keyed] });
    expect(result.values(ks)).toEqual([5, 3]);
    expect(result.values(vs)).toEqual(["apple", "bob"]);
    expect(result.values(keyed)).toEqual([kv(5, "apple"), kv(3, "bob")]);
  });

  it("the chaining API names steps after the transform unless given a name", () => {
    const p = Pipeline.create();
    const out = p
      .apply(create(["x"]))
      .map((s) => s.toUpperCase())
      .filter((s) => s.length > 0, "NonEmpty")
      .withKeys((s) => s)
      .keys<string>()
      .flatMap((s) => [s, s]);
    expect(p.primitives().map((n) => n.fullName)).toEqual([
      "Create",
      "Map",
      "NonEmpty",
      "WithKeys",
      "Keys",
      "FlatMap",
    ]);
    expect(out.name).toBe("FlatMap");
  });

  it("an exception in a user function fails the run naming the step and the element", async () => {
    const p = Pipeline.create();
    p.apply(create([1, 0, 2])).map((x) => {
      if (x === 0) throw new Error("division by zero");
      return 1 / x;
    }, "Invert");
    await expect(runBounded(p)).rejects.toThrow(/Invert failed on element the number 0: division by zero/);
  });

  it("runs once for an element in several windows and keeps them all; a user DoFn runs once per window", async () => {
    let mapped = 0;
    const p = Pipeline.create();
    const windowed = p
      .apply(createTimestamped([{ value: 1, timestamp: 1500 }]))
      .windowInto(slidingWindows(2000).every(1000));
    const squared = windowed.map((x) => {
      mapped++;
      return x * x;
    });
    const perWindow = squared.parDo<string>({
      name: "SeesWindow",
      process: (x, ctx) => ctx.output(`${x} in ${(ctx.window as IntervalWindow).start}`),
    });
    const result = await runBounded(p, { collect: [squared] });
    expect(mapped).toBe(1);
    const [only, ...none] = result.windowedValues(squared);
    expect(none).toEqual([]);
    expect(only!.windows.map(String).sort()).toEqual(["[0, 2000)", "[1000, 3000)"]);
    expect(result.elementCount(squared)).toBe(1);
    expect(result.values(perWindow).sort()).toEqual(["1 in 0", "1 in 1000"]);
  });
});
