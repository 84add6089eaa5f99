import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bagState,
  combiners,
  combiningState,
  createTimestamped,
  eventTimer,
  fixedWindows,
  kv,
  Pipeline,
  Runner,
  structuralKey,
  valueState,
  type DoFn,
  type KV,
  type PCollection,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";

/**
 * Per key: a running sum, the last value, a flush of buffered values by a timer 7 ms after each
 * element (its output stamped with the element's time), and a report of the sum by a timer 3 ms
 * after each element (stamped with its fire time, the default, so it keeps no hold of its own).
 */
function statefulFn(): DoFn<KV<string, number>, string> {
  const sum = combiningState("sum", combiners.sum());
  const last = valueState<number>("last");
  const buffer = bagState<number>("buffer");
  const flush = eventTimer("flush");
  const report = eventTimer("report");
  return {
    state: { sum, last, buffer },
    timers: { flush, report },
    process(e, ctx) {
      ctx.state.access(sum).add(e.value);
      ctx.state.access(last).write(e.value);
      ctx.state.access(buffer).add(e.value);
      // The firing's output is stamped with the element's time, before the fire time: the timer
      // must hold the output watermark there until it fires.
      ctx.timers
        .access(flush)
        .withOutputTimestamp(ctx.timestamp)
        .set(Math.min(ctx.timestamp + 7, ctx.window.maxTimestamp()));
      ctx.timers.access(report).set(Math.min(ctx.timestamp + 3, ctx.window.maxTimestamp()));
    },
    onTimer(ctx) {
      if (ctx.timerId === "report") {
        ctx.output(`${String(ctx.key)}@${ctx.fireTimestamp}: sum=${ctx.state.access(sum).read()}`);
        return;
      }
      const b = ctx.state.access(buffer);
      ctx.output(
        `${String(ctx.key)}@${ctx.fireTimestamp}: [${[...b.read()].sort((x, y) => x - y).join(",")}] sum=${ctx.state.access(sum).read()}`,
      );
      b.clear();
    },
  };
}

const elementsArb = fc.array(
  fc.record({ key: fc.constantFrom("a", "b", "c"), t: fc.integer({ min: 0, max: 200 }) }),
  { maxLength: 40 },
);

describe("stateful DoFns (property)", () => {
  it("output does not depend on bundle boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(elementsArb, fc.integer({ min: 1, max: 10 }), async (elements, bundleSize) => {
        // Elements in timestamp order per key keep the per-key arrival order the same in every bundling.
        const sorted = [...elements].sort((x, y) => x.t - y.t);
        const run = async (size: number): Promise<string[]> => {
          const p = Pipeline.create();
          const out = p
            .apply(createTimestamped(sorted.map((e) => ({ value: kv(e.key, e.t), timestamp: e.t }))))
            .windowInto(fixedWindows(50))
            .parDo(statefulFn(), "Stateful");
          const result = await p.run({ bundleSize: size, collect: [out] });
          return result
            .windowedValues(out)
            .map((wv) => structuralKey([wv.value, wv.timestamp, wv.windows[0]!.id]))
            .sort();
        };
        expect(await run(bundleSize)).toEqual(await run(1000));
      }),
      { numRuns: 1000 },
    );
  });

  it("the output watermark never passes an outstanding timer's output timestamp", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            elementsArb.map((els) => ({ els, wm: undefined as number | undefined })),
            fc
              .integer({ min: 1, max: 40 })
              .map((wm) => ({ els: [] as Array<{ key: string; t: number }>, wm })),
          ),
          { maxLength: 12 },
        ),
        async (script) => {
          let stream = TestStream.create<KV<string, number>>();
          let wm = 0;
          for (const s of script) {
            if (s.els.length)
              stream = stream.addElements(...s.els.map((e) => ({ value: kv(e.key, e.t), timestamp: e.t })));
            if (s.wm) stream = stream.advanceWatermarkTo((wm += s.wm));
          }
          const p = Pipeline.create();
          const out: PCollection<string> = p
            .apply(stream.advanceWatermarkToInfinity())
            .windowInto(fixedWindows(50))
            .parDo(statefulFn(), "Stateful");
          const runner = new Runner(p, { collect: [out] });
          // A late element may set a timer whose output timestamp is already behind the watermark;
          // the watermark cannot go back, but it must not move further while the timer is outstanding.
          let previous = runner.watermarkOf(out);
          while (await runner.step()) {
            runner.drain(out);
            const snapshot = runner.snapshotState().get("Stateful");
            const outstanding = (snapshot?.entries ?? []).flatMap((e) =>
              e.timers.map((t) => t.outputTimestamp),
            );
            const minHold = Math.min(Infinity, ...outstanding);
            const now = runner.watermarkOf(out);
            expect(now).toBeLessThanOrEqual(Math.max(previous, minHold));
            previous = now;
          }
          await runner.teardown();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
