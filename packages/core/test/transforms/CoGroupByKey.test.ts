import { describe, expect, it } from "vitest";
import {
  Pipeline,
  afterCount,
  coGroupByKey,
  create,
  createTimestamped,
  fixedWindows,
  flatten,
  groupByKey,
  kv,
  repeatedly,
  sessions,
  type KV,
  type PCollection,
} from "@tributary/core";
import { byKey } from "../support/normalize";
import { runBounded } from "../support/run";

interface Click {
  page: string;
}
interface Order {
  total: number;
}

describe("coGroupByKey (a join through the public API)", () => {
  it("joins by key, with empty arrays for keys present on one side only", async () => {
    const p = Pipeline.create();
    const clicks = p.apply(
      "Clicks",
      create<KV<string, Click>>([
        kv("u1", { page: "/a" }),
        kv("u2", { page: "/b" }),
        kv("u1", { page: "/c" }),
      ]),
    );
    const orders = p.apply(
      "Orders",
      create<KV<string, Order>>([kv("u1", { total: 30 }), kv("u3", { total: 5 })]),
    );
    const joined = coGroupByKey({ clicks, orders }, "Join");
    const result = await runBounded(p);
    const rows = byKey(result.values(joined)).map((r) =>
      kv(r.key, {
        clicks: r.value.clicks.map((c) => c.page).sort(),
        orders: r.value.orders.map((o) => o.total),
      }),
    );
    expect(rows).toEqual([
      kv("u1", { clicks: ["/a", "/c"], orders: [30] }),
      kv("u2", { clicks: ["/b"], orders: [] }),
      kv("u3", { clicks: [], orders: [5] }),
    ]);
  });

  it("joins per window", async () => {
    const p = Pipeline.create();
    const left = p
      .apply(
        "Left",
        createTimestamped([
          { value: kv("k", "l0"), timestamp: 1 },
          { value: kv("k", "l1"), timestamp: 11 },
        ]),
      )
      .windowInto(fixedWindows(10), undefined, "WindowLeft");
    const right = p
      .apply("Right", createTimestamped([{ value: kv("k", "r1"), timestamp: 12 }]))
      .windowInto(fixedWindows(10), undefined, "WindowRight");
    const joined = coGroupByKey({ left, right });
    const result = await runBounded(p);
    expect(
      result
        .windowedValues(joined)
        .map((wv) => [wv.windows[0]!.toString(), wv.value.value.left, wv.value.value.right])
        .sort(),
    ).toEqual([
      ["[0, 10)", ["l0"], []],
      ["[10, 20)", ["l1"], ["r1"]],
    ]);
  });

  it("joins three inputs, comparing keys structurally", async () => {
    const p = Pipeline.create();
    const a = p.apply("A", create([kv({ x: 1, y: 2 }, "a")]));
    const b = p.apply("B", create([kv({ y: 2, x: 1 }, 10)]));
    const c = p.apply("C", create<KV<{ x: number; y: number }, boolean>>([]));
    const joined = coGroupByKey({ a, b, c });
    const result = await runBounded(p);
    expect(result.values(joined)).toEqual([kv({ x: 1, y: 2 }, { a: ["a"], b: [10], c: [] })]);
  });

  it("is a composite with a hierarchical name", () => {
    const p = Pipeline.create();
    const a = p.apply("A", create([kv("k", 1)]));
    const b = p.apply("B", create([kv("k", 2)]));
    coGroupByKey({ a, b }, "Join");
    expect(p.primitives().map((n) => n.fullName)).toEqual([
      "A",
      "B",
      "Join/Tag[a]",
      "Join/Tag[b]",
      "Join/Flatten",
      "Join/Group",
    ]);
  });

  it("gives what a GroupByKey of tagged values unpacked by tag gives: merging sessions, accumulating panes, bundle by bundle", async () => {
    // Beam's construction, through the public API: the reference the join must equal pane for pane.
    function byGroupByKey(ins: { a: PCollection<KV<string, number>>; b: PCollection<KV<string, number>> }) {
      const tagged = (["a", "b"] as const).map((n) =>
        ins[n].map((e) => kv(e.key, { input: n, value: e.value }), `Tag[${n}]`),
      );
      return flatten(tagged, "FlattenTagged")
        .apply("GroupTagged", groupByKey<string, { input: "a" | "b"; value: number }>())
        .map((g) => {
          const out = { a: [] as number[], b: [] as number[] };
          for (const t of g.value) out[t.input].push(t.value);
          return kv(g.key, out);
        }, "Unpack");
    }
    async function panes(join: "coGroupByKey" | "groupByKey") {
      const p = Pipeline.create();
      const window = {
        trigger: repeatedly(afterCount(2)),
        accumulation: "ACCUMULATING",
        allowedLateness: 100,
      } as const;
      const input = (name: string, times: number[], offset: number) =>
        p
          .apply(
            name,
            createTimestamped(
              times.map((t, i) => ({ value: kv(i % 3 === 0 ? "x" : "y", offset + i), timestamp: t })),
            ),
          )
          .windowInto(sessions(10), window, `Window${name}`);
      // Out of order, so that sessions open apart and merge later.
      const a = input("A", [50, 5, 70, 18, 30, 61, 2, 44, 25, 12], 0);
      const b = input("B", [40, 8, 66, 21, 55, 35, 1, 14], 100);
      const joined = join === "coGroupByKey" ? coGroupByKey({ a, b }, "Join") : byGroupByKey({ a, b });
      const result = await runBounded(p, { bundleSize: 3 });
      return result
        .windowedValues(joined)
        .map((wv) => [wv.value.key, wv.windows[0]!.toString(), wv.pane.index, wv.pane.timing, wv.value.value])
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    }
    const joined = await panes("coGroupByKey");
    expect(joined).toEqual(await panes("groupByKey"));
    // Sessions merged (windows longer than one gap) and early panes accumulated.
    const length = (w: string) => {
      const [, start, end] = /\[(\d+), (\d+)\)/.exec(w)!;
      return Number(end) - Number(start);
    };
    expect(joined.some(([, w]) => length(w as string) > 10)).toBe(true);
    expect(joined.some(([, , index]) => (index as number) > 0)).toBe(true);
  });
});
