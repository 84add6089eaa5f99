import { describe, expect, it } from "vitest";
import {
  END_OF_GLOBAL_WINDOW,
  GlobalWindow,
  IntervalWindow,
  Pipeline,
  PipelineConstructionError,
  UserCodeError,
  combiners,
  create,
  createTimestamped,
  fixedWindows,
  groupByKey,
  kv,
  type KV,
  type PCollection,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";
import { byKey } from "../support/normalize";
import { runBounded } from "../support/run";

/** Sorts each group's values so that groups compare regardless of value order. */
function sortedGroups<K>(groups: readonly KV<K, number[]>[]): KV<K, number[]>[] {
  return byKey(
    groups.map((g) =>
      kv(
        g.key,
        [...g.value].sort((a, b) => a - b),
      ),
    ),
  );
}

async function failure(p: Pipeline): Promise<Error> {
  return runBounded(p).then(
    () => {
      throw new Error("expected run() to reject");
    },
    (e: unknown) => e as Error,
  );
}

describe("groupByKey", () => {
  it("groups the values of each key into one output per key", async () => {
    const p = Pipeline.create();
    const grouped = p
      .apply(create([kv("a", 1), kv("b", 2), kv("a", 3), kv("c", 4), kv("a", 5)]))
      .groupByKey();
    const result = await runBounded(p);
    expect(sortedGroups(result.values(grouped))).toEqual([kv("a", [1, 3, 5]), kv("b", [2]), kv("c", [4])]);
  });

  it("emits each group once, in the global window's ON_TIME final pane at END_OF_GLOBAL_WINDOW", async () => {
    const p = Pipeline.create();
    const grouped = p.apply(create([kv("a", 1), kv("a", 2)])).apply(groupByKey<string, number>());
    const result = await runBounded(p);
    const wvs = result.windowedValues(grouped);
    expect(wvs).toHaveLength(1);
    expect(wvs[0]!.windows).toEqual([GlobalWindow.INSTANCE]);
    expect(wvs[0]!.timestamp).toBe(END_OF_GLOBAL_WINDOW);
    expect(wvs[0]!.pane).toMatchObject({ isFirst: true, isLast: true, timing: "ON_TIME", index: 0 });
  });

  it("groups per key AND window", async () => {
    const p = Pipeline.create();
    const grouped = p
      .apply(
        createTimestamped([
          { value: kv("a", 1), timestamp: 1 },
          { value: kv("a", 2), timestamp: 9 },
          { value: kv("a", 3), timestamp: 10 },
          { value: kv("b", 4), timestamp: 15 },
        ]),
      )
      .windowInto(fixedWindows(10))
      .groupByKey();
    const result = await runBounded(p);
    const byWindow = result
      .windowedValues(grouped)
      .map(
        (wv) =>
          `${wv.windows[0]!.toString()} ${wv.value.key}=${[...wv.value.value].sort().join(",")} @${wv.timestamp}`,
      )
      .sort();
    expect(byWindow).toEqual(["[0, 10) a=1,2 @9", "[10, 20) a=3 @19", "[10, 20) b=4 @19"]);
  });

  it("an empty input gives no groups", async () => {
    const p = Pipeline.create();
    const grouped = p.apply(create<KV<string, number>>([])).groupByKey();
    const result = await runBounded(p);
    expect(result.values(grouped)).toEqual([]);
  });

  it("keeps duplicate values", async () => {
    const p = Pipeline.create();
    const grouped = p.apply(create([kv("k", 7), kv("k", 7), kv("k", 7)])).groupByKey();
    const result = await runBounded(p);
    expect(result.values(grouped)).toEqual([kv("k", [7, 7, 7])]);
  });

  it("fails with an error naming the step when the input is not KVs", async () => {
    const p = Pipeline.create();
    // The types forbid this; a caller that casts still gets a clear error.
    const notKvs = p.apply(create([1, 2])) as unknown as PCollection<KV<unknown, unknown>>;
    notKvs.apply("GroupNumbers", groupByKey());
    const e = await failure(p);
    expect(e).toBeInstanceOf(UserCodeError);
    expect(e.message).toMatch(/GroupNumbers[\s\S]*KV/);
  });
});

describe("grouping keys compare structurally", () => {
  it("objects with the same fields in another order are one key", async () => {
    const p = Pipeline.create();
    const grouped = p
      .apply(
        create([
          kv({ user: "u1", region: "eu" }, 1),
          kv({ region: "eu", user: "u1" }, 2),
          kv({ user: "u1", region: "us" }, 3),
          kv({ region: "eu", user: "u1" }, 4),
        ]),
      )
      .groupByKey();
    const result = await runBounded(p);
    const groups = result.values(grouped);
    expect(groups).toHaveLength(2);
    const eu = groups.find((g) => g.key.region === "eu");
    expect([...eu!.value].sort()).toEqual([1, 2, 4]);
  });

  it("nested arrays and objects compare structurally; 1 and '1' are different keys", async () => {
    const p = Pipeline.create();
    const grouped = p
      .apply(
        create<KV<unknown, number>>([
          kv([1, { a: [2, 3], b: null }], 1),
          kv([1, { b: null, a: [2, 3] }], 2),
          kv(1, 3),
          kv("1", 4),
          kv(-0, 5),
          kv(0, 6),
        ]),
      )
      .groupByKey();
    const result = await runBounded(p);
    expect(sortedGroups(result.values(grouped)).map((g) => g.value)).toEqual(
      expect.arrayContaining([[1, 2], [3], [4], [5, 6]]),
    );
    expect(result.values(grouped)).toHaveLength(4);
  });

  it("combinePerKey groups structurally equal keys too", async () => {
    const p = Pipeline.create();
    const sums = p
      .apply(create([kv({ a: 1, b: 2 }, 10), kv({ b: 2, a: 1 }, 5)]))
      .combinePerKey(combiners.sum(), "Sum");
    const result = await runBounded(p);
    expect(result.values(sums)).toEqual([kv({ a: 1, b: 2 }, 15)]);
  });

  describe("a key that cannot be encoded deterministically fails with an error naming the step", () => {
    class UserId {
      constructor(readonly id: string) {}
    }
    const cases: Array<[string, unknown, RegExp]> = [
      ["a function", () => "k", /is a function/],
      ["a Map", new Map([["a", 1]]), /Map/],
      ["a Set", new Set([1]), /Set/],
      ["a class instance", new UserId("u1"), /UserId|class/],
      ["a function nested in an object", { user: "u1", callback: () => 1 }, /value\.callback is a function/],
      ["a symbol", Symbol("k"), /symbol/],
    ];
    for (const [what, key, problem] of cases) {
      it(`groupByKey: ${what}`, async () => {
        const p = Pipeline.create();
        p.apply(create([kv(key, 1)])).apply("GroupClicks", groupByKey());
        const e = await failure(p);
        expect(e).toBeInstanceOf(UserCodeError);
        expect((e as UserCodeError).step).toBe("GroupClicks");
        expect(e.message).toContain("GroupClicks");
        expect(e.message).toMatch(problem);
      });
    }

    it("combinePerKey: a class instance", async () => {
      const p = Pipeline.create();
      p.apply(create([kv(new UserId("u1"), 1)])).combinePerKey(combiners.count(), "CountClicks");
      const e = await failure(p);
      expect(e).toBeInstanceOf(UserCodeError);
      expect(e.message).toMatch(/CountClicks[\s\S]*(UserId|class)/);
    });
  });
});

describe("groupByKey validation at construction", () => {
  it("rejects an unbounded global-window input with the default trigger, naming the step and the fix", () => {
    const p = Pipeline.create();
    const clicks = p.apply(
      "Clicks",
      TestStream.create<KV<string, number>>()
        .addElements({ value: kv("a", 1), timestamp: 0 })
        .advanceWatermarkToInfinity(),
    );
    expect(clicks.isBounded).toBe(false);
    let error: unknown;
    try {
      clicks.apply("GroupClicks", groupByKey());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineConstructionError);
    const pce = error as PipelineConstructionError;
    expect(pce.step).toBe("GroupClicks");
    expect(pce.message).toMatch(/^GroupClicks: /);
    expect(pce.message).toMatch(/unbounded.*global window.*never fire/);
    expect(pce.message).toMatch(/windowInto.*fixedWindows|trigger/);
  });

  it("accepts the same unbounded input once it is windowed", async () => {
    const p = Pipeline.create();
    const grouped = p
      .apply(
        TestStream.create<KV<string, number>>()
          .addElements({ value: kv("a", 1), timestamp: 0 }, { value: kv("a", 2), timestamp: 5 })
          .advanceWatermarkToInfinity(),
      )
      .windowInto(fixedWindows(10))
      .groupByKey();
    const result = await runBounded(p);
    expect(
      result
        .windowedValues(grouped)
        .map((wv) => [wv.value.key, [...wv.value.value].sort(), wv.windows[0]!.id]),
    ).toEqual([["a", [1, 2], new IntervalWindow(0, 10).id]]);
  });
});
