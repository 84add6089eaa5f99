import { describe, expect, it } from "vitest";
import {
  Pipeline,
  Runner,
  afterCount,
  asSingleton,
  combinePerKey,
  combiners,
  create,
  createTimestamped,
  eventTimer,
  globalWindows,
  repeatedly,
  fixedWindows,
  flatten,
  kv,
  parDo,
  sessions,
  slidingWindows,
  valueState,
  IntervalWindow,
  TupleTag,
  type DoFn,
  type KV,
  type PCollection,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";
import { runBounded } from "../support/run";

/** Element-wise chains run fused by default; every observable of a run must equal the unfused run's. */
describe("Runner: fusion of element-wise steps", () => {
  function build() {
    const p = Pipeline.create();
    const input = p.apply(
      "Input",
      createTimestamped(Array.from({ length: 40 }, (_, i) => ({ value: i, timestamp: i * 250 }))),
    );
    const evens = input.filter((x) => x % 2 === 0, "Evens");
    const scaled = evens.parDo<number>({
      name: "Scale",
      process(x, ctx) {
        ctx.metrics.counter("scaled").inc();
        ctx.output(x * 10);
        if (x % 4 === 0) ctx.outputWithTimestamp(x * 10 + 1, ctx.timestamp + 1);
      },
    });
    const windowed = scaled.windowInto(slidingWindows(2000).every(1000));
    const parsed = windowed.apply(
      "Parse",
      parDo<number, number>({
        process(x, ctx) {
          if (x % 30 === 0) throw new RangeError(`bad ${x}`);
          ctx.output(x);
        },
      }).withDeadLetters(),
    );
    const keyed = parsed.main.withKeys((x) => x % 3, "Key");
    const sums = keyed.combinePerKey(combiners.sum(), "Sum");
    const formatted = sums.map((e) => `${e.key}:${e.value}`, "Format");
    return {
      p,
      pcs: { input, evens, scaled, windowed, parsed: parsed.main, keyed, sums, formatted },
      letters: parsed.deadLetters,
    };
  }

  async function observe(fusion: boolean) {
    const { p, pcs, letters } = build();
    const result = await runBounded(p, { fusion });
    const counts = Object.fromEntries(
      Object.entries(pcs).map(([name, pc]) => [name, result.elementCount(pc as PCollection<unknown>)]),
    );
    return {
      counts,
      formatted: result
        .windowedValues(pcs.formatted)
        .map((wv) => [wv.value, wv.timestamp, wv.windows[0]!.toString(), wv.pane]),
      letters: result
        .windowedValues(letters)
        .map((wv) => [wv.value, wv.timestamp, wv.windows[0]!.toString()]),
      scaled: result.counter("Scale", "scaled"),
      deadLetters: result.counter("Parse", "deadLetters"),
    };
  }

  it("gives the same outputs, element counts per PCollection, metrics and dead letters as an unfused run", async () => {
    const fused = await observe(true);
    const unfused = await observe(false);
    expect(fused).toEqual(unfused);
    expect(fused.counts).toMatchObject({ input: 40, evens: 20, scaled: 30 });
    expect(fused.counts["windowed"]).toBe(30);
    expect(fused.counts["parsed"]).toBeGreaterThan(0);
    expect(fused.letters.length).toBe(fused.deadLetters);
    expect(fused.deadLetters).toBeGreaterThan(0);
    expect(fused.scaled).toBe(20);
  });

  it("a fused withKeys hands the grouping step each element's timestamp (EARLIEST output timestamps)", async () => {
    const input = Array.from({ length: 30 }, (_, i) => ({
      value: i,
      timestamp: 1000 + ((i * 37) % 29) * 100,
    }));
    async function run(fusion: boolean) {
      const p = Pipeline.create();
      const counts = p
        .apply(createTimestamped(input))
        .map((x) => x + 1, "Inc")
        .windowInto(fixedWindows(1000), { timestampCombiner: "EARLIEST" })
        .withKeys((x) => x % 2, "Key")
        .combinePerKey(combiners.count(), "Count");
      const result = await runBounded(p, { fusion });
      return result
        .windowedValues(counts)
        .map((wv) => `${wv.value.key} ${wv.windows[0]!.toString()} ${wv.value.value} @${wv.timestamp}`)
        .sort();
    }
    // Each pane comes out at its key's earliest element timestamp in the window.
    const earliest = new Map<string, { count: number; first: number }>();
    for (const { value, timestamp } of input) {
      const start = Math.floor(timestamp / 1000) * 1000;
      const id = `${(value + 1) % 2} ${new IntervalWindow(start, start + 1000).toString()}`;
      const e = earliest.get(id) ?? { count: 0, first: Infinity };
      earliest.set(id, { count: e.count + 1, first: Math.min(e.first, timestamp) });
    }
    const expected = [...earliest].map(([id, e]) => `${id} ${e.count} @${e.first}`).sort();
    expect(await run(true)).toEqual(expected);
    expect(await run(false)).toEqual(expected);
  });

  it("an error in a fused step names that step, not the step that fed it", async () => {
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: 1, timestamp: 0 }]))
      .map((x) => x + 1, "Inc")
      .map((x): number => {
        throw new Error(`no ${x}`);
      }, "Fail")
      .map((x) => x, "After");
    await expect(p.run()).rejects.toMatchObject({ name: "UserCodeError", step: "Fail" });
  });

  it("map, filter and withKeys give what the same DoFn written by hand gives, fused or not, in several windows", async () => {
    async function run(fusion: boolean, library: boolean) {
      const p = Pipeline.create();
      const windowed = p
        .apply(createTimestamped(Array.from({ length: 20 }, (_, i) => ({ value: i, timestamp: i * 300 }))))
        .windowInto(slidingWindows(2000).every(1000));
      const out: PCollection<KV<number, number>> = library
        ? windowed
            .filter((x) => x % 2 === 0)
            .map((x) => x * 10)
            .withKeys((x) => x % 3)
        : windowed.parDo<KV<number, number>>({
            process(x, ctx) {
              if (x % 2 === 0) ctx.output({ key: (x * 10) % 3, value: x * 10 });
            },
          });
      const result = await runBounded(p, { fusion });
      // One row per element and window: the library's steps keep an element's windows together,
      // a DoFn that may read its window runs once per window.
      return result
        .windowedValues(out)
        .flatMap((wv) =>
          wv.windows.map((w) =>
            [wv.value.key, wv.value.value, wv.timestamp, w.toString(), wv.pane.timing, wv.pane.index].join(
              " ",
            ),
          ),
        )
        .sort();
    }
    const expected = await run(true, false);
    expect(expected.length).toBe(20); // 10 even elements, each in two sliding windows
    expect(await run(true, true)).toEqual(expected);
    expect(await run(false, true)).toEqual(expected);
  });

  it("a failing fused filter or withKeys names its step and the element", async () => {
    const fail = (x: number): never => {
      throw new Error(`no ${x}`);
    };
    for (const [step, apply] of [
      ["FailFilter", (pc: PCollection<number>) => pc.filter(fail, "FailFilter")],
      ["FailKeys", (pc: PCollection<number>) => pc.withKeys(fail, "FailKeys")],
    ] as const) {
      const p = Pipeline.create();
      apply(p.apply(createTimestamped([{ value: 1, timestamp: 0 }])).map((x) => x + 1, "Inc")).map(
        (x) => x,
        "After",
      );
      await expect(p.run()).rejects.toMatchObject({ name: "UserCodeError", step, element: 2 });
    }
  });

  it("a compiled chain of filter, map, WindowInto and withKeys gives the unfused run's panes and counts", async () => {
    async function observe(fusion: boolean) {
      const p = Pipeline.create();
      const input = p.apply(
        createTimestamped(Array.from({ length: 60 }, (_, i) => ({ value: i, timestamp: i * 100 }))),
      );
      const kept = input.filter((x) => x % 3 !== 0, "Kept");
      const scaled = kept.map((x) => x * 2, "Scale");
      const windowed = scaled.windowInto(sessions(250), {}, "Sessions");
      const keyed = windowed.withKeys((x) => x % 4, "Key");
      const named = keyed.map((e) => ({ key: `k${e.key}`, value: e.value }), "Name");
      const sums = named.combinePerKey(combiners.sum(), "Sum");
      const result = await runBounded(p, { fusion });
      const pcs = { input, kept, scaled, windowed, keyed, named, sums };
      return {
        counts: Object.fromEntries(
          Object.entries(pcs).map(([n, pc]) => [n, result.elementCount(pc as PCollection<unknown>)]),
        ),
        sums: result
          .windowedValues(sums)
          .map((wv) => `${wv.value.key}=${wv.value.value} ${wv.windows[0]!.toString()} ${wv.pane.timing}`)
          .sort(),
      };
    }
    const fused = await observe(true);
    expect(fused).toEqual(await observe(false));
    expect(fused.counts).toMatchObject({
      input: 60,
      kept: 40,
      scaled: 40,
      windowed: 40,
      keyed: 40,
      named: 40,
    });
    expect(fused.sums.length).toBeGreaterThan(4);
  });

  it("a failing fused consumer with dead letters keeps its own retries and routing", async () => {
    let calls = 0;
    const flaky: DoFn<number, number> = {
      process(x, ctx) {
        calls++;
        if (x === 2 && calls % 2 === 1) throw new Error("transient");
        ctx.output(x);
      },
    };
    const p = Pipeline.create();
    const outs = p
      .apply(createTimestamped([1, 2, 3].map((x) => ({ value: x, timestamp: x }))))
      .map((x) => x * 2, "Double")
      .apply("Flaky", parDo(flaky).withDeadLetters({ maxRetries: 1 }));
    const result = await runBounded(p);
    expect(result.values(outs.main)).toEqual([2, 4, 6]);
    expect(result.values(outs.deadLetters)).toEqual([]);
  });

  it("fans an output out to every fused reader element by element, and bundles it for a collector and an unfused reader", async () => {
    async function observe(fusion: boolean) {
      const log: string[] = [];
      const p = Pipeline.create();
      const factor = asSingleton(p.apply("Factor", create([10])));
      const input = p.apply(createTimestamped([1, 2, 3].map((x) => ({ value: x, timestamp: x }))));
      const doubled = input.map((x) => x * 2, "Double").windowInto(fixedWindows(10));
      const a = doubled.map((x) => (log.push(`A${x}`), x + 1), "A");
      const b = doubled.map((x) => (log.push(`B${x}`), x - 1), "B");
      // A ParDo with side inputs is fused on its main input; its side input still comes in bundles.
      const c = doubled.apply(
        "C",
        parDo<number, number>({
          process(x, ctx) {
            log.push(`C${x}`);
            ctx.output(x * ctx.sideInput(factor));
          },
        }).withSideInputs(factor),
      );
      // A flatten reads several PCollections: it takes bundles, as does the collector of `doubled`.
      const other = p
        .apply("Other", createTimestamped([{ value: 100, timestamp: 0 }]))
        .windowInto(fixedWindows(10));
      const d = flatten([doubled, other], "D").map((x) => (log.push(`D${x}`), x), "LogD");
      const runner = new Runner(p, { collect: [doubled], fusion });
      await runner.runUntilIdle();
      const result = runner.result();
      return {
        log,
        values: [doubled, a, b, c, d].map((pc) => [...result.values(pc)].sort((x, y) => x - y)),
        counts: [doubled, a, b, c, d].map((pc) => result.elementCount(pc)),
      };
    }
    const fused = await observe(true);
    const unfused = await observe(false);
    expect(fused.values).toEqual([
      [2, 4, 6],
      [3, 5, 7],
      [1, 3, 5],
      [20, 40, 60],
      [2, 4, 6, 100],
    ]);
    expect(fused.values).toEqual(unfused.values);
    // Counted once per element, however many readers (fused or not) take it.
    expect(fused.counts).toEqual([3, 3, 3, 3, 4]);
    expect(fused.counts).toEqual(unfused.counts);
    const of = (log: string[], steps: string) => log.filter((e) => steps.includes(e[0]!));
    // Fused readers take each element in turn (C once its side input is ready: held back before)…
    expect(of(fused.log, "AB")).toEqual(["A2", "B2", "A4", "B4", "A6", "B6"]);
    expect(of(fused.log, "C")).toEqual(["C2", "C4", "C6"]);
    // …the flatten takes the bundle after them; unfused, each reader takes the whole bundle.
    expect(fused.log.indexOf("D2")).toBeGreaterThan(fused.log.indexOf("B6"));
    expect(of(unfused.log, "AB")).toEqual(["A2", "A4", "A6", "B2", "B4", "B6"]);
  });

  it("a general DoFn written into a compiled chain: per window, its bundles, tagged and timestamped outputs, its errors — as unfused", async () => {
    const big = new TupleTag<string>("big");
    async function observe(fusion: boolean, failOn?: number) {
      const log: string[] = [];
      const p = Pipeline.create();
      const input = p.apply(
        createTimestamped(Array.from({ length: 30 }, (_, i) => ({ value: i, timestamp: i * 400 }))),
      );
      // Source → a DoFn that reads its window (each element in two sliding windows: once per window)
      // → a DoFn with bundles and several outputs → a map, all fused.
      const tagged = input
        .windowInto(slidingWindows(2000).every(1000), {}, "Slide")
        .parDo<number>({
          name: "PerWindow",
          process(x, ctx) {
            if (x === failOn) throw new Error(`no ${x}`);
            const w = ctx.window as IntervalWindow;
            ctx.output(x * 100 + (w.start / 1000) * 1);
          },
        })
        .apply(
          "Split",
          parDo<number, number>({
            startBundle: () => void log.push("start"),
            process(x, ctx) {
              if (x % 3 === 0) ctx.outputTo(big, `big ${x}`);
              else ctx.outputWithTimestamp(x + 1, ctx.timestamp + 5);
            },
            finishBundle: (ctx) => ctx.outputAt(-1, 0, new IntervalWindow(0, 1000)),
          }).withOutputs({ big }),
        );
      const plusOne = tagged.main.map((x) => x + 1, "PlusOne");
      const result = await runBounded(p, { fusion, bundleSize: 7 });
      const rows = (pc: PCollection<unknown>) =>
        result
          .windowedValues(pc)
          .map((wv) => `${String(wv.value)} @${wv.timestamp} ${wv.windows.map(String).join(",")}`)
          .sort();
      return {
        log,
        main: rows(plusOne),
        big: rows(tagged.big),
        counts: [tagged.main, plusOne].map((pc) => result.elementCount(pc as PCollection<unknown>)),
      };
    }
    const fused = await observe(true);
    expect(fused).toEqual(await observe(false));
    // 30 elements in two windows each (one in one: the window [-1000, 1000) starts before 0)…
    expect(fused.main.length + fused.big.length).toBeGreaterThan(50);
    expect(fused.big.length).toBeGreaterThan(0);
    // …one bundle start per source bundle of 7, and finishBundle's output in its window.
    expect(fused.log).toEqual(["start", "start", "start", "start", "start"]);
    expect(fused.main).toContain("0 @0 [0, 1000)");
    await expect(observe(true, 11)).rejects.toMatchObject({
      name: "UserCodeError",
      step: "PerWindow",
      element: 11,
    });
  });

  it("keeps bundle boundaries: a fused chain emits one bundle per source bundle", async () => {
    const p = Pipeline.create();
    const seen: number[] = [];
    p.apply(createTimestamped(Array.from({ length: 10 }, (_, i) => ({ value: i, timestamp: i }))))
      .map((x) => x + 1, "Inc")
      .parDo({
        name: "Bundles",
        startBundle: () => void seen.push(0),
        process: () => void (seen[seen.length - 1]! += 1),
      });
    await runBounded(p, { bundleSize: 4 });
    expect(seen).toEqual([4, 4, 2]);
  });

  it("a stateful DoFn inside a fused chain gives the same outputs and counts as unfused", async () => {
    const seen = valueState<number>("seen");
    const flush = eventTimer("flush");
    const runningTotals: DoFn<KV<number, number>, string> = {
      name: "Totals",
      state: { seen },
      timers: { flush },
      process({ key, value }, ctx) {
        const cell = ctx.state.access(seen);
        const total = (cell.read() ?? 0) + value;
        cell.write(total);
        ctx.timers.access(flush).set(ctx.timestamp + 5);
        ctx.output(`${key} has ${total}`);
      },
      onTimer(ctx) {
        ctx.output(`${String(ctx.key)} flushed at ${ctx.fireTimestamp}`);
        ctx.state.access(seen).clear();
      },
    };
    async function observe(fusion: boolean) {
      const p = Pipeline.create();
      const keyed = p
        .apply(createTimestamped(Array.from({ length: 30 }, (_, i) => ({ value: i, timestamp: i * 2 }))))
        .map((x) => kv(x % 3, x), "Key");
      const totals = keyed.parDo(runningTotals);
      const shouted = totals.map((s) => s.toUpperCase(), "Shout");
      const result = await runBounded(p, { fusion, bundleSize: 7 });
      return {
        out: result.windowedValues(shouted).map((wv) => [wv.value, wv.timestamp]),
        counts: [keyed, totals, shouted].map((pc) => result.elementCount(pc as PCollection<unknown>)),
      };
    }
    const fused = await observe(true);
    expect(fused).toEqual(await observe(false));
    expect(fused.out.filter(([v]) => String(v).includes("FLUSHED")).length).toBeGreaterThan(0);
    expect(fused.counts[1]).toBe(fused.out.length);
  });

  it("a grouping step fed by a fused step asks its triggers at the same bundle ends as unfused", async () => {
    async function panes(fusion: boolean) {
      const p = Pipeline.create();
      const counts = p
        .apply(createTimestamped(Array.from({ length: 23 }, (_, i) => ({ value: i, timestamp: i }))))
        .map((x) => kv(x % 2, x), "Key")
        .windowInto(globalWindows(), { trigger: repeatedly(afterCount(3)), accumulation: "DISCARDING" })
        .combinePerKey(combiners.count(), "Count");
      const result = await runBounded(p, { fusion, bundleSize: 4 });
      return result.windowedValues(counts).map((wv) => [wv.value, wv.pane.index, wv.pane.timing]);
    }
    const fused = await panes(true);
    expect(fused).toEqual(await panes(false));
    // Bundles of 4 elements, 2 of each key: a key's count passes 3 only at every second bundle end
    // (a trigger asked after every element would fire at 3); then the on-time pane at the end of
    // the window, empty (Beam's default on-time behaviour fires it always).
    const byKey = (key: number) =>
      fused
        .filter(([e]) => (e as KV<number, number>).key === key)
        .map(([e]) => (e as KV<number, number>).value);
    expect(byKey(0)).toEqual([4, 4, 4, 0]);
    expect(byKey(1)).toEqual([4, 4, 3, 0]);
  });

  it("a grouping step fed by a fused withKeys takes key and value apart: same panes, late data and key errors as unfused", async () => {
    // Sessions (merging) and a late element routed to lateData, which must still be the KV. With
    // `shown`, the keyed output has a second reader, which must still see KVs.
    const stream = TestStream.create<number>()
      .addElements(...Array.from({ length: 12 }, (_, i) => ({ value: i, timestamp: i * 400 })))
      .advanceWatermarkTo(20_000)
      .addElements({ value: 7, timestamp: 500 }, { value: 20, timestamp: 19_500 })
      .advanceWatermarkToInfinity();
    async function run(fusion: boolean, shown: boolean) {
      const p = Pipeline.create();
      const keyed = p
        .apply(stream)
        .windowInto(sessions(1000), { allowedLateness: 2000 })
        .withKeys((x) => `k${x % 3}`, "Key");
      const { grouped, lateData } = keyed.apply(
        "Sum",
        combinePerKey<string, number, unknown, number>(combiners.sum()).withLateData(),
      );
      const collect: PCollection<unknown>[] = [grouped, lateData];
      if (shown) collect.push(keyed.map((e) => `${e.key}=${e.value}`, "Show"));
      const result = await p.run({ fusion, collect });
      const rows = (pc: PCollection<unknown>) =>
        result
          .windowedValues(pc)
          .map((wv) => JSON.stringify([wv.value, wv.timestamp, wv.windows.map(String), wv.pane.timing]))
          .sort();
      return { rows: collect.map(rows), keyed: result.elementCount(keyed) };
    }
    for (const shown of [false, true]) {
      const fused = await run(true, shown);
      expect(fused).toEqual(await run(false, shown));
      const [grouped, late, show] = fused.rows;
      expect(late).toEqual([JSON.stringify([kv("k1", 7), 500, ["[500, 1500)"], "UNKNOWN"])]);
      expect(grouped).toContain(JSON.stringify([kv("k2", 20), 20_499, ["[19500, 20500)"], "ON_TIME"]));
      expect(fused.keyed).toBe(14);
      if (shown) expect(show).toContain(JSON.stringify(["k1=7", 500, ["[500, 1500)"], "UNKNOWN"]));
    }

    for (const fusion of [true, false]) {
      const p = Pipeline.create();
      p.apply(createTimestamped([{ value: 1, timestamp: 0 }]))
        .withKeys((n) => () => n, "Key")
        .groupByKey("Group");
      await expect(p.run({ fusion })).rejects.toMatchObject({
        name: "UserCodeError",
        step: "Group",
        element: { value: 1 },
      });
    }
  });
});
