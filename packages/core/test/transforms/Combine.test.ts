import { describe, expect, it } from "vitest";
import {
  END_OF_GLOBAL_WINDOW,
  Pipeline,
  UserCodeError,
  combineFn,
  combineGlobally,
  combineGroupedValues,
  combinePerKey,
  combiners,
  create,
  createTimestamped,
  fixedWindows,
  fromBinaryFn,
  kv,
  sessions,
  type KV,
} from "@tributary/core";
import { byKey } from "../support/normalize";
import { runBounded } from "../support/run";

const clicks = [kv("a", 3), kv("b", 10), kv("a", 4), kv("c", -1), kv("a", 5), kv("b", 2)];

describe("combinePerKey", () => {
  it("applies the CombineFn to the values of each key", async () => {
    const p = Pipeline.create();
    const input = p.apply(create(clicks));
    const sum = input.apply("Sum", combinePerKey(combiners.sum()));
    const count = input.apply("Count", combinePerKey(combiners.count()));
    const max = input.apply("Max", combinePerKey(combiners.max<number>()));
    const mean = input.apply("Mean", combinePerKey(combiners.mean()));
    const top = input.apply("Top2", combinePerKey(combiners.top<number>(2)));
    const result = await runBounded(p);
    expect(byKey(result.values(sum))).toEqual([kv("a", 12), kv("b", 12), kv("c", -1)]);
    expect(byKey(result.values(count))).toEqual([kv("a", 3), kv("b", 2), kv("c", 1)]);
    expect(byKey(result.values(max))).toEqual([kv("a", 5), kv("b", 10), kv("c", -1)]);
    expect(byKey(result.values(mean))).toEqual([kv("a", 4), kv("b", 6), kv("c", -1)]);
    expect(byKey(result.values(top))).toEqual([kv("a", [5, 4]), kv("b", [10, 2]), kv("c", [-1])]);
  });

  it("combines per key and window, stamping the pane at the end of the window", async () => {
    const p = Pipeline.create();
    const sums = p
      .apply(
        createTimestamped([
          { value: kv("a", 1), timestamp: 0 },
          { value: kv("a", 2), timestamp: 59_999 },
          { value: kv("a", 4), timestamp: 60_000 },
        ]),
      )
      .windowInto(fixedWindows(60_000))
      .combinePerKey(combiners.sum());
    const result = await runBounded(p);
    expect(
      result
        .windowedValues(sums)
        .map((wv) => [wv.value.value, wv.windows[0]!.toString(), wv.timestamp, wv.pane.timing])
        .sort((x, y) => (x[2] as number) - (y[2] as number)),
    ).toEqual([
      [3, "[0, 60000)", 59_999, "ON_TIME"],
      [4, "[60000, 120000)", 119_999, "ON_TIME"],
    ]);
  });

  it("merges accumulators when session windows merge", async () => {
    const p = Pipeline.create();
    const sums = p
      .apply(
        createTimestamped([
          { value: kv("u", 1), timestamp: 0 },
          { value: kv("u", 2), timestamp: 20 },
          { value: kv("u", 4), timestamp: 10 }, // bridges the two sessions above
          { value: kv("u", 8), timestamp: 100 },
        ]),
      )
      .windowInto(sessions(15))
      .combinePerKey(combiners.sum());
    const result = await runBounded(p, { bundleSize: 1 });
    expect(
      result
        .windowedValues(sums)
        .map((wv) => `${wv.windows[0]!.toString()}=${wv.value.value}`)
        .sort(),
    ).toEqual(["[0, 35)=7", "[100, 115)=8"]);
  });

  it("uses a custom CombineFn made with combineFn() or fromBinaryFn()", async () => {
    const longest = combineFn<string, { best: string }, string>({
      name: "longest",
      create: () => ({ best: "" }),
      add: (acc, s) => (s.length > acc.best.length ? { best: s } : acc),
      merge: (accs) => accs.reduce((a, b) => (b.best.length > a.best.length ? b : a)),
      extract: (acc) => acc.best,
    });
    const product = fromBinaryFn("product", (a: number, b: number) => a * b, 1);
    const p = Pipeline.create();
    const words = p
      .apply("Words", create([kv(1, "ab"), kv(1, "abcd"), kv(2, "x"), kv(1, "abc")]))
      .combinePerKey(longest);
    const products = p.apply("Numbers", create([kv("k", 2), kv("k", 3), kv("k", 7)])).combinePerKey(product);
    const result = await runBounded(p);
    expect(byKey(result.values(words))).toEqual([kv(1, "abcd"), kv(2, "x")]);
    expect(result.values(products)).toEqual([kv("k", 42)]);
  });

  it("names the step and the element when the CombineFn throws", async () => {
    const picky = combineFn<number, number, number>({
      name: "picky",
      create: () => 0,
      add: (acc, x) => {
        if (x < 0) throw new RangeError("negative input");
        return acc + x;
      },
      merge: (accs) => accs.reduce((a, b) => a + b),
      extract: (acc) => acc,
    });
    const p = Pipeline.create();
    p.apply(create([kv("a", 1), kv("a", -2)])).combinePerKey(picky, "PickySum");
    const e = await runBounded(p).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserCodeError);
    expect((e as UserCodeError).step).toBe("PickySum");
    expect((e as Error).message).toMatch(/PickySum.*-2.*negative input/);
  });

  it("prints itself as code", () => {
    expect(combinePerKey(combiners.top(3)).toString()).toBe("combinePerKey(combiners.top(3))");
    expect(combineGlobally(combiners.sum()).toString()).toBe("combineGlobally(combiners.sum())");
  });
});

describe("combineGlobally", () => {
  it("combines every element into one output", async () => {
    const p = Pipeline.create();
    const total = p.apply(create([1, 2, 3, 4])).combineGlobally(combiners.sum(), "Total");
    const result = await runBounded(p);
    expect(result.values(total)).toEqual([10]);
    expect(result.windowedValues(total)[0]!.timestamp).toBe(END_OF_GLOBAL_WINDOW);
  });

  it("outputs the combiner's empty result for an empty bounded input in the global window", async () => {
    const p = Pipeline.create();
    const empty = p.apply(create<number>([]));
    const sum = empty.apply("Sum", combineGlobally(combiners.sum()));
    const count = empty.apply("Count", combineGlobally(combiners.count()));
    const list = empty.apply("ToList", combineGlobally(combiners.toList<number>()));
    const top = empty.apply("Top", combineGlobally(combiners.top<number>(3)));
    const mean = empty.apply("Mean", combineGlobally(combiners.mean()));
    const max = empty.apply("Max", combineGlobally(combiners.max<number>()));
    const result = await runBounded(p);
    expect(result.values(sum)).toEqual([0]);
    expect(result.values(count)).toEqual([0]);
    expect(result.values(list)).toEqual([[]]);
    expect(result.values(top)).toEqual([[]]);
    expect(result.values(mean)).toEqual([NaN]);
    expect(result.values(max)).toEqual([undefined]);
  });

  it("outputs nothing for empty windows of a windowed input (no default outside the global window)", async () => {
    const p = Pipeline.create();
    const sums = p
      .apply(createTimestamped([{ value: 5, timestamp: 25 }]))
      .windowInto(fixedWindows(10))
      .combineGlobally(combiners.sum());
    const result = await runBounded(p);
    expect(result.windowedValues(sums).map((wv) => [wv.value, wv.windows[0]!.toString()])).toEqual([
      [5, "[20, 30)"],
    ]);
  });

  it("is a composite named CombineGlobally with WithNullKey, Combine and Values parts", () => {
    const p = Pipeline.create();
    p.apply(create([1])).combineGlobally(combiners.count(), "CountAll");
    expect(p.nodes.map((n) => n.fullName).toArray()).toEqual([
      "Create",
      "CountAll",
      "CountAll/WithNullKey",
      "CountAll/Combine",
      "CountAll/Values",
    ]);
  });
});

describe("combineGroupedValues", () => {
  it("combines the values of each grouped KV", async () => {
    const p = Pipeline.create();
    const means = p
      .apply(create(clicks))
      .groupByKey()
      .apply(combineGroupedValues<string, number, unknown, number>(combiners.mean()));
    const result = await runBounded(p);
    expect(byKey(result.values(means))).toEqual([kv("a", 4), kv("b", 6), kv("c", -1)]);
  });

  it("works on already-grouped data from create", async () => {
    const p = Pipeline.create();
    const grouped: KV<string, number[]>[] = [kv("x", [1, 2, 3]), kv("y", [])];
    const sums = p
      .apply(create(grouped))
      .apply(combineGroupedValues<string, number, unknown, number>(combiners.sum()));
    const result = await runBounded(p);
    expect(result.values(sums)).toEqual([kv("x", 6), kv("y", 0)]);
  });
});
