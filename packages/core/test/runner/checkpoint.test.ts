import fc from "fast-check";
import { mkdtemp, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  afterCount,
  afterProcessingTime,
  afterWatermark,
  asIterable,
  bagState,
  CheckpointStore,
  combiners,
  eventTimer,
  fixedWindows,
  kv,
  mapState,
  orderedListState,
  parDo,
  Pipeline,
  Runner,
  sessions,
  setState,
  structuralKey,
  type DoFn,
  type KV,
  type PCollection,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";

type Action =
  | { kind: "elements"; els: Array<{ key: string; t: number }> }
  | { kind: "watermark"; by: number }
  | { kind: "clock"; by: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("elements" as const),
    els: fc.array(fc.record({ key: fc.constantFrom("a", "b"), t: fc.integer({ min: 0, max: 300 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({ kind: fc.constant("watermark" as const), by: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("clock" as const), by: fc.integer({ min: 1, max: 40 }) }),
);

/** The same pipeline every time (same step names): sessions with early and late panes, a windowed combine, a stateful DoFn with timers, and a ParDo with a side input. */
function build(actions: readonly Action[]): { p: Pipeline; outs: PCollection<unknown>[] } {
  let stream = TestStream.create<KV<string, number>>();
  let wm = 0;
  for (const a of actions) {
    if (a.kind === "elements")
      stream = stream.addElements(...a.els.map((e) => ({ value: kv(e.key, e.t), timestamp: e.t })));
    else if (a.kind === "watermark") stream = stream.advanceWatermarkTo((wm += a.by));
    else stream = stream.advanceProcessingTime(a.by);
  }
  stream = stream.advanceWatermarkToInfinity();
  const p = Pipeline.create();
  const input = p.apply("Input", stream);
  const sessionsOut = input
    .windowInto(
      sessions(20),
      {
        trigger: afterWatermark().withEarlyFirings(afterProcessingTime(15)).withLateFirings(afterCount(1)),
        accumulation: "ACCUMULATING",
        allowedLateness: 30,
      },
      "Sessions",
    )
    .groupByKey("GroupSessions");
  const fixed = input.windowInto(fixedWindows(50), { allowedLateness: 20 }, "Fixed");
  const sums = fixed.combinePerKey(combiners.sum(), "Sum");
  // distinctCount's accumulator is a Set (no accumulatorCoder).
  const distinct = fixed.combinePerKey(combiners.distinctCount(), "Distinct");
  const buffer = bagState<number>("buffer");
  // Map, set and ordered-list cells hold Maps and Sets: the checkpoint must carry them too.
  const counts = mapState<number, number>("counts");
  const seen = setState<number>("seen");
  const ordered = orderedListState<number>("ordered");
  const flush = eventTimer("flush");
  const flushAtEnd: DoFn<KV<string, number>, string> = {
    state: { buffer, counts, seen, ordered },
    timers: { flush },
    process(e, ctx) {
      ctx.state.access(buffer).add(e.value);
      const c = ctx.state.access(counts);
      c.put(e.value % 3, (c.get(e.value % 3) ?? 0) + 1);
      ctx.state.access(seen).add(e.value % 5);
      ctx.state.access(ordered).add(e.value, e.value);
      ctx.timers.access(flush).set(ctx.window.maxTimestamp());
    },
    onTimer(ctx) {
      const b = ctx.state.access(buffer);
      const c = [...ctx.state.access(counts).entries()].sort(([x], [y]) => x - y);
      const s = [...ctx.state.access(seen).read()].sort((x, y) => x - y);
      const o = [...ctx.state.access(ordered).read()].map((t) => t.value);
      const sorted = [...b.read()].sort((x, y) => x - y);
      ctx.output(`${String(ctx.key)}:${sorted.join(",")} ${JSON.stringify(c)} ${s.join(",")} ${o.join(",")}`);
      b.clear();
      ctx.state.access(counts).clear();
      ctx.state.access(seen).clear();
      ctx.state.access(ordered).clear();
    },
  };
  const flushed = input.windowInto(fixedWindows(40), {}, "Fixed40").parDo(flushAtEnd, "Buffer");
  // A side input: main elements wait (held back, and checkpointed) until their window's sums are in.
  const totals = asIterable(sums);
  const withTotals = fixed.apply(
    "WithTotals",
    parDo<KV<string, number>, string>({
      process(e, ctx) {
        const mine = ctx
          .sideInput(totals)
          .filter((t) => t.key === e.key)
          .map((t) => t.value)
          .sort((x, y) => x - y);
        ctx.output(`${e.key}:${e.value} of ${mine.join("/")}`);
      },
    }).withSideInputs(totals),
  );
  return { p, outs: [sessionsOut, sums, distinct, flushed, withTotals] as PCollection<unknown>[] };
}

const describeAll = (runner: Runner, outs: readonly PCollection<unknown>[]): string[] =>
  outs.flatMap((pc, i) =>
    runner.drain(pc).map((wv) => structuralKey([i, wv.value, wv.timestamp, wv.windows[0]!.id, wv.pane])),
  );

async function runFrom(
  actions: readonly Action[],
  checkpoint?: Uint8Array,
  stopAfter?: number,
): Promise<{ before: string[]; after: string[]; checkpoint?: Uint8Array }> {
  const { p, outs } = build(actions);
  const runner = new Runner(p, { collect: outs });
  if (checkpoint) runner.restore(checkpoint);
  const before: string[] = [];
  let steps = 0;
  let taken: Uint8Array | undefined;
  while (await runner.step()) {
    before.push(...describeAll(runner, outs));
    if (++steps === stopAfter) {
      taken = runner.checkpoint();
      break;
    }
  }
  await runner.teardown();
  return { before, after: [], ...(taken ? { checkpoint: taken } : {}) };
}

describe("runner checkpoints", () => {
  it("a run restored from a checkpoint at any step produces exactly what the uninterrupted run produced after it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(actionArb, { minLength: 1, maxLength: 14 }),
        fc.nat(),
        async (actions, cut) => {
          const whole = await runFrom(actions);
          const stopAfter = 1 + (cut % (actions.length + 1));
          const first = await runFrom(actions, undefined, stopAfter);
          expect(first.checkpoint).toBeDefined();
          const resumed = await runFrom(actions, first.checkpoint);
          expect([...first.before, ...resumed.before].sort()).toEqual([...whole.before].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects a checkpoint of another pipeline, naming the step", () => {
    const { p } = build([]);
    const bytes = new Runner(p).checkpoint();
    const other = Pipeline.create();
    other.apply("Input", TestStream.create<number>().advanceWatermarkToInfinity()).map((x) => x, "Different");
    expect(() => new Runner(other).restore(bytes)).toThrow(
      /step Sessions, which this pipeline does not have/,
    );
  });
});

describe("CheckpointStore", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const tempDir = async (): Promise<string> => {
    const d = await mkdtemp(join(tmpdir(), "tributary-ckpt-"));
    dirs.push(d);
    return d;
  };

  it("returns the newest complete checkpoint and keeps only the newest ones", async () => {
    const dir = await tempDir();
    const store = new CheckpointStore(dir, 2);
    expect(await store.latest()).toBeUndefined();
    for (let i = 1; i <= 4; i++) expect(await store.write(new Uint8Array([i, i, i]))).toBe(i);
    expect(await store.latest()).toEqual({ sequence: 4, payload: new Uint8Array([4, 4, 4]) });
    expect((await readdir(dir)).sort()).toEqual([
      "checkpoint-000000000003.bin",
      "checkpoint-000000000004.bin",
    ]);
    // A new store over the same directory continues the numbering.
    expect(await new CheckpointStore(dir).write(new Uint8Array([5]))).toBe(5);
  });

  it("skips a torn or corrupt checkpoint and ignores leftover temporary files", async () => {
    const dir = await tempDir();
    const store = new CheckpointStore(dir, 3);
    await store.write(new Uint8Array(100).fill(1));
    await store.write(new Uint8Array(100).fill(2));
    await truncate(join(dir, "checkpoint-000000000002.bin"), 60); // torn write
    await writeFile(join(dir, ".checkpoint-000000000003.bin.tmp"), "half");
    expect(await store.latest()).toEqual({ sequence: 1, payload: new Uint8Array(100).fill(1) });
    const bytes = new Uint8Array(100).fill(3);
    await store.write(bytes);
    const corrupt = join(dir, "checkpoint-000000000003.bin");
    const { readFile } = await import("node:fs/promises");
    const raw = await readFile(corrupt);
    raw[raw.length - 1] = 9; // flip a payload byte: the checksum no longer matches
    await writeFile(corrupt, raw);
    expect((await store.latest())?.sequence).toBe(1);
  });
});
