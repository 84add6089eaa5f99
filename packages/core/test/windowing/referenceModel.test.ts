import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  afterCount,
  afterProcessingTime,
  afterWatermark,
  fixedWindows,
  groupByKey,
  kv,
  MAX_TIMESTAMP,
  Pipeline,
  read,
  Runner,
  VirtualClock,
  windowInto,
  type KV,
  type PCollection,
  type SourceBatch,
  type UnboundedSource,
  type WindowedValue,
} from "@tributary/core";
import { NaiveWindowingModel, type ModelPane } from "./naiveWindowingModel";

/** A source the test feeds by hand: what it pushes is read on the next step. */
class ScriptedSource implements UnboundedSource<KV<string, number>, null> {
  pending: Array<KV<string, number>> = [];
  watermark = -Infinity;
  open() {
    return Promise.resolve({
      read: (): Promise<SourceBatch<KV<string, number>>> => {
        const values = this.pending.splice(0);
        return Promise.resolve({ values, timestamps: values.map((v) => v.value) });
      },
      watermark: () => this.watermark,
      checkpointMark: () => null,
      close: () => Promise.resolve(),
    });
  }
  toString(): string {
    return "scripted";
  }
}

interface Real {
  readonly source: ScriptedSource;
  readonly clock: VirtualClock;
  readonly runner: Runner;
  readonly out: PCollection<KV<string, number[]>>;
}

function describePane(wv: WindowedValue<KV<string, number[]>>): ModelPane {
  return {
    key: wv.value.key,
    window: wv.windows[0]!.toString(),
    values: [...wv.value.value].sort((a, b) => a - b),
    timestamp: wv.timestamp,
    timing: wv.pane.timing as ModelPane["timing"],
    index: wv.pane.index,
    nonSpeculativeIndex: wv.pane.nonSpeculativeIndex,
    isLast: wv.pane.isLast,
  };
}

const order = (panes: readonly ModelPane[]): string[] => panes.map((p) => JSON.stringify(p)).sort();

async function settle(real: Real): Promise<ModelPane[]> {
  await real.runner.runUntilIdle();
  return real.runner.drain(real.out).map(describePane);
}

class AddElements implements fc.AsyncCommand<NaiveWindowingModel, Real> {
  constructor(readonly elements: ReadonlyArray<{ key: string; t: number }>) {}
  check = (): boolean => true;
  async run(model: NaiveWindowingModel, real: Real): Promise<void> {
    const expected = model.addElements(this.elements);
    real.source.pending.push(...this.elements.map((e) => kv(e.key, e.t)));
    expect(order(await settle(real))).toEqual(order(expected));
  }
  toString = (): string => `AddElements(${JSON.stringify(this.elements)})`;
}

class AdvanceWatermark implements fc.AsyncCommand<NaiveWindowingModel, Real> {
  constructor(readonly by: number) {}
  check = (): boolean => true;
  async run(model: NaiveWindowingModel, real: Real): Promise<void> {
    const to = (Number.isFinite(model.watermark) ? model.watermark : 0) + this.by;
    const expected = model.advanceWatermark(to);
    real.source.watermark = to;
    expect(order(await settle(real))).toEqual(order(expected));
  }
  toString = (): string => `AdvanceWatermark(+${this.by})`;
}

class AdvanceProcessingTime implements fc.AsyncCommand<NaiveWindowingModel, Real> {
  constructor(readonly by: number) {}
  check = (): boolean => true;
  async run(model: NaiveWindowingModel, real: Real): Promise<void> {
    const expected = model.advanceProcessingTime(this.by);
    real.clock.advance(this.by);
    expect(order(await settle(real))).toEqual(order(expected));
  }
  toString = (): string => `AdvanceProcessingTime(+${this.by})`;
}

const commands = [
  fc
    .array(fc.record({ key: fc.constantFrom("a", "b"), t: fc.integer({ min: 0, max: 300 }) }), {
      minLength: 1,
      maxLength: 5,
    })
    .map((els) => new AddElements(els)),
  fc.integer({ min: 1, max: 60 }).map((by) => new AdvanceWatermark(by)),
  fc.integer({ min: 1, max: 40 }).map((by) => new AdvanceProcessingTime(by)),
];

describe("model-based: the runner against a naive reference", () => {
  it("fires the same panes after every AddElements, AdvanceWatermark and AdvanceProcessingTime", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(10, 20, 30),
        fc.constantFrom(0, 15, 50),
        fc.integer({ min: 5, max: 30 }),
        fc.boolean(),
        fc.commands(commands, { maxCommands: 25 }),
        async (size, lateness, delay, accumulating, cmds) => {
          const model = new NaiveWindowingModel(size, lateness, delay, accumulating);
          const source = new ScriptedSource();
          const clock = new VirtualClock(0);
          const p = Pipeline.create();
          const out = p
            .apply(read(source))
            .apply(
              windowInto<KV<string, number>>(fixedWindows(size), {
                trigger: afterWatermark()
                  .withEarlyFirings(afterProcessingTime(delay))
                  .withLateFirings(afterCount(1)),
                accumulation: accumulating ? "ACCUMULATING" : "DISCARDING",
                allowedLateness: lateness,
              }),
            )
            .apply(groupByKey<string, number>());
          const runner = new Runner(p, { clock, collect: [out] });
          const real: Real = { source, clock, runner, out };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          // Finally the end of time: every window fires its last panes and is collected.
          const expected = model.advanceWatermark(MAX_TIMESTAMP);
          source.watermark = MAX_TIMESTAMP;
          expect(order(await settle(real))).toEqual(order(expected));
          await runner.teardown();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
