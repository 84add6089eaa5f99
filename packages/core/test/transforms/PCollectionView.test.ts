import { describe, expect, it } from "vitest";
import {
  Pipeline,
  UserCodeError,
  asIterable,
  asMap,
  asMultimap,
  asSingleton,
  combiners,
  create,
  createTimestamped,
  fixedWindows,
  kv,
  parDo,
  type KV,
} from "@tributary/core";
import { runBounded } from "../support/run";

async function failure(p: Pipeline): Promise<unknown> {
  return runBounded(p).then(
    () => {
      throw new Error("expected run() to reject");
    },
    (e: unknown) => e,
  );
}

describe("side inputs", () => {
  it("asSingleton: every main element sees the single value of the side input", async () => {
    const p = Pipeline.create();
    const total = p.apply("Amounts", create([1, 2, 3, 4])).combineGlobally(combiners.sum(), "Total");
    const view = asSingleton(total);
    const shares = p
      .apply("Items", create([1, 3]))
      .apply(
        "Share",
        parDo<number, number>({ process: (x, ctx) => ctx.output(x / ctx.sideInput(view)) }).withSideInputs(
          view,
        ),
      );
    const result = await runBounded(p);
    expect(result.values(shares).sort()).toEqual([0.1, 0.3]);
  });

  it("asSingleton with a default value reads the default when the side input is empty", async () => {
    const p = Pipeline.create();
    const empty = p.apply("Nothing", create<string>([]));
    const view = asSingleton(empty, { defaultValue: "fallback" });
    const out = p.apply("Main", create([1, 2])).apply(
      parDo<number, string>({
        process: (x, ctx) => ctx.output(`${x}:${ctx.sideInput(view)}`),
      }).withSideInputs(view),
    );
    const result = await runBounded(p);
    expect(result.values(out).sort()).toEqual(["1:fallback", "2:fallback"]);
  });

  it("asSingleton without a default fails the run, naming the step, when the side input is empty", async () => {
    const p = Pipeline.create();
    const view = asSingleton(p.apply("Nothing", create<string>([])));
    p.apply("Main", create([1])).apply(
      "ReadSide",
      parDo<number, string>({ process: (_x, ctx) => ctx.output(ctx.sideInput(view)) }).withSideInputs(view),
    );
    const e = await failure(p);
    expect(e).toBeInstanceOf(UserCodeError);
    expect((e as UserCodeError).step).toBe("ReadSide");
    expect((e as Error).message).toMatch(/asSingleton\(Nothing\) is empty.*no defaultValue/);
  });

  it("asSingleton fails when the side input has more than one element", async () => {
    const p = Pipeline.create();
    const view = asSingleton(p.apply("Two", create(["a", "b"])));
    p.apply("Main", create([1])).apply(
      "ReadSide",
      parDo<number, string>({ process: (_x, ctx) => ctx.output(ctx.sideInput(view)) }).withSideInputs(view),
    );
    expect(String(await failure(p))).toMatch(/ReadSide[\s\S]*asSingleton\(Two\) has 2 elements/);
  });

  it("asIterable: every element of the side input, even when it arrives after the main input", async () => {
    const p = Pipeline.create();
    const main = p.apply("Main", create(["x", "y"]));
    // The side input goes through more steps than the main input: the main elements must wait for it.
    const side = p
      .apply("Side", create([3, 1, 2]))
      .map((n) => n * 10)
      .filter((n) => n > 0);
    const view = asIterable(side);
    const out = main.apply(
      parDo<string, string>({
        process: (x, ctx) => ctx.output(`${x}:${[...ctx.sideInput(view)].sort((a, b) => a - b).join(",")}`),
      }).withSideInputs(view),
    );
    const result = await runBounded(p, { bundleSize: 1 });
    expect(result.values(out).sort()).toEqual(["x:10,20,30", "y:10,20,30"]);
  });

  it("asMap: looks up KVs by key, comparing object keys structurally", async () => {
    const p = Pipeline.create();
    const names = p.apply(
      "Names",
      create([kv({ id: 1, region: "eu" }, "Ada"), kv({ id: 2, region: "us" }, "Bob")]),
    );
    const view = asMap(names);
    const out = p
      .apply(
        "Lookups",
        create([
          { region: "eu", id: 1 },
          { id: 3, region: "eu" },
        ]),
      )
      .apply(
        parDo<{ id: number; region: string }, string>({
          process(k, ctx) {
            const m = ctx.sideInput(view);
            ctx.output(`${k.id}:${m.get(k) ?? "?"}:${m.has(k)}:${m.size}`);
          },
        }).withSideInputs(view),
      );
    const result = await runBounded(p);
    expect(result.values(out).sort()).toEqual(["1:Ada:true:2", "3:?:false:2"]);
  });

  it("asMap fails with a clear error naming the step when a key occurs twice", async () => {
    const p = Pipeline.create();
    const view = asMap(p.apply("Dupes", create([kv("a", 1), kv("a", 2)])));
    p.apply("Main", create([1])).apply(
      "UseMap",
      parDo<number, number>({ process: (_x, ctx) => ctx.output(ctx.sideInput(view).size) }).withSideInputs(
        view,
      ),
    );
    const e = await failure(p);
    expect(e).toBeInstanceOf(UserCodeError);
    expect((e as UserCodeError).step).toBe("UseMap");
    expect((e as Error).message).toMatch(/asMap\(Dupes\) has duplicate key.*use asMultimap/);
  });

  it("asMultimap: every value of each key", async () => {
    const p = Pipeline.create();
    const view = asMultimap(p.apply("Tags", create([kv("a", 1), kv("b", 2), kv("a", 3)])));
    const out = p.apply("Keys", create(["a", "b", "c"])).apply(
      parDo<string, KV<string, number[]>>({
        process: (k, ctx) => ctx.output(kv(k, [...(ctx.sideInput(view).get(k) ?? [])].sort())),
      }).withSideInputs(view),
    );
    const result = await runBounded(p);
    expect(result.values(out).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      kv("a", [1, 3]),
      kv("b", [2]),
      kv("c", []),
    ]);
  });

  it("maps each main window to the side input's window", async () => {
    const p = Pipeline.create();
    const totals = p
      .apply(
        "SideEvents",
        createTimestamped([
          { value: 1, timestamp: 1 },
          { value: 2, timestamp: 5 },
          { value: 10, timestamp: 12 },
        ]),
      )
      .windowInto(fixedWindows(10), undefined, "SideWindows")
      .combineGlobally(combiners.sum(), "SideSum");
    const view = asSingleton(totals);
    const out = p
      .apply(
        "MainEvents",
        createTimestamped([
          { value: "early", timestamp: 3 },
          { value: "late", timestamp: 15 },
        ]),
      )
      .windowInto(fixedWindows(10), undefined, "MainWindows")
      .apply(
        parDo<string, string>({
          process: (x, ctx) => ctx.output(`${x}:${ctx.sideInput(view)}`),
        }).withSideInputs(view),
      );
    const result = await runBounded(p);
    expect(result.values(out).sort()).toEqual(["early:3", "late:10"]);
  });

  it("rejects reading a side input that was not declared", async () => {
    const p = Pipeline.create();
    const view = asIterable(p.apply("Side", create([1])));
    p.apply("Main", create([1])).apply(
      "NoDecl",
      parDo<number, number>({ process: (_x, ctx) => ctx.output(ctx.sideInput(view).length) }),
    );
    expect(String(await failure(p))).toMatch(/NoDecl[\s\S]*asIterable\(Side\) is not declared/);
  });

  it("rejects a side input from another pipeline at construction, naming the step", () => {
    const other = Pipeline.create();
    const view = asIterable(other.apply(create([1])));
    const p = Pipeline.create();
    expect(() =>
      p
        .apply(create([1]))
        .apply("Joined", parDo<number, number>({ process: (x, ctx) => ctx.output(x) }).withSideInputs(view)),
    ).toThrow(/Joined: .*belongs to another pipeline/);
  });
});
