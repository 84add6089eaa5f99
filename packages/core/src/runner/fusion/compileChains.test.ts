import { describe, expect, it } from "vitest";
import { NO_FIRING, paneInfo, type PaneInfo } from "../../values/PaneInfo";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import { IntervalWindow } from "../../windowing/IntervalWindow";
import type { Emitter } from "../Executor";
import { compileChains, type ChainStep } from "./compileChains";
import type { ElementConsumer } from "./ElementConsumer";
import { MainOutput } from "./MainOutput";

/** An emitter that only counts (a fused output counts its elements and emits no bundles). */
function emitter(): Emitter {
  return { count: 0 } as unknown as Emitter;
}

/** A step's executor as compiled code uses it: its bundle start and the error that names it. */
class FakeExecutor {
  inBundle = false;
  starts = 0;
  constructor(readonly name: string) {}
  startBundleIfNeeded(): void {
    this.inBundle = true;
    this.starts++;
  }
  failure(value: unknown, e: unknown): Error {
    return new Error(`${this.name} failed on ${JSON.stringify(value)}: ${String(e)}`);
  }
}

const GLOBAL = [GlobalWindow.INSTANCE];

/**
 * A ParDo's executor as compiled code uses it: the DoFn's context, set per element, and its
 * `processInWindows` as the real executor's (one window: the element's array kept in the
 * context; several: the DoFn called in each, the last left in the context).
 */
class FakeParDo extends FakeExecutor {
  timestamp = 0;
  window: BoundedWindow = GlobalWindow.INSTANCE;
  windows: readonly BoundedWindow[] = GLOBAL;
  pane: PaneInfo = NO_FIRING;
  windowBlind = false;
  inWindows = 0;
  constructor(
    name: string,
    private readonly doFn: { process(x: number, ctx: FakeParDo): void },
    /** Where the DoFn's `ctx.output` goes. */
    private readonly out?: MainOutput,
  ) {
    super(name);
  }
  output(v: unknown): void {
    this.out!.push(v, this.timestamp, this.windows, this.pane);
  }
  processInWindows(v: number, t: number, ws: readonly BoundedWindow[], pane: PaneInfo): void {
    this.inWindows++;
    this.timestamp = t;
    this.pane = pane;
    if (ws.length === 1 || this.windowBlind) {
      this.window = ws[0]!;
      this.windows = ws;
      this.doFn.process(v, this);
      return;
    }
    for (const w of ws) {
      this.window = w;
      this.windows = [w];
      this.doFn.process(v, this);
    }
  }
}

interface Step {
  readonly reader: ElementConsumer;
  readonly step: ChainStep;
  readonly executor: FakeExecutor;
}

/** A chain step as a fused reader, whose own element path must not run once its chain is compiled. */
function step(kind: ChainStep["kind"], fn: unknown, name: string): Step {
  const executor = new FakeExecutor(name);
  const s: ChainStep = { kind, fn, executor, output: new MainOutput(emitter()) };
  const reader: ElementConsumer = {
    processElement: () => {
      throw new Error(`${name}'s own element path ran`);
    },
    flush: () => undefined,
    chainStep: () => s,
  };
  return { reader, step: s, executor };
}

/** `head` → each step in turn → `last`; returns every output, head first. */
function wire(head: MainOutput, steps: readonly Step[], last: ElementConsumer): MainOutput[] {
  let out = head;
  for (const s of steps) {
    out.fuseWith(s.reader);
    out = s.step.output;
  }
  out.fuseWith(last);
  return [head, ...steps.map((s) => s.step.output)];
}

describe("compileChains", () => {
  /** Evens, times ten, in a 10 ms window from the timestamp, keyed by `keyFn`, into `seen`. */
  function chain(keyFn: (x: number) => unknown) {
    const steps = [
      step("filter", (x: number) => x % 2 === 0, "Evens"),
      step("map", (x: number) => x * 10, "Scale"),
      step("windowInto", { assignWindows: (t: number) => [new IntervalWindow(t, t + 10)] }, "Window"),
      step("withKeys", keyFn, "Key"),
    ];
    const seen: string[] = [];
    const sink: ElementConsumer = {
      processElement: (v) => seen.push(`KV ${JSON.stringify(v)}`),
      processKeyValue: (k, v, t, w: readonly BoundedWindow[]) =>
        seen.push(`${String(k)}=${String(v)} @${t} ${w[0]!.toString()}`),
      flush: () => undefined,
    };
    const head = new MainOutput(emitter());
    return { head, steps, outputs: wire(head, steps, sink), seen };
  }

  it("runs filter, map, WindowInto and withKeys as one push, with each output's count and each bundle start", () => {
    const { head, steps, outputs, seen } = chain((x) => x % 3);
    expect(compileChains(outputs)).toBe(1);
    for (let x = 0; x < 6; x++) head.push(x, 100 + x, GLOBAL, NO_FIRING);
    expect(seen).toEqual(["0=0 @100 [100, 110)", "2=20 @102 [102, 112)", "1=40 @104 [104, 114)"]);
    expect(outputs.map((o) => o.emitter.count)).toEqual([6, 3, 3, 3, 3]);
    expect(steps.map((s) => s.executor.starts)).toEqual([1, 1, 0, 1]); // a WindowInto has no bundle
  });

  it("hands a consumer that reads the timestamp from a field each element's timestamp there", () => {
    const steps = [
      step("filter", (x: number) => x % 2 === 0, "Evens"),
      step("withKeys", (x: number) => `k${x}`, "Key"),
    ];
    const seen: string[] = [];
    const sink: ElementConsumer = {
      elementTimestamp: 0,
      processElement: (v) => seen.push(`KV ${JSON.stringify(v)}`),
      processKeyValue: () => {
        throw new Error("the timestamp went by argument");
      },
      processKeyValueAt(k, v, w: readonly BoundedWindow[]) {
        seen.push(`${String(k)}=${String(v)} @${this.elementTimestamp} ${w[0]!.toString()}`);
      },
      flush: () => undefined,
    };
    const head = new MainOutput(emitter());
    const outputs = wire(head, steps, sink);
    expect(compileChains(outputs)).toBe(1);
    head.push(2, 7, GLOBAL, NO_FIRING);
    head.pushRange([3, 4, 5, 6], [10, 11, 12, 13], 0, 4, GLOBAL, NO_FIRING);
    expect(seen).toEqual(["k2=2 @7 GlobalWindow", "k4=4 @11 GlobalWindow", "k6=6 @13 GlobalWindow"]);
    expect(outputs.map((o) => o.emitter.count)).toEqual([5, 3, 3]);
  });

  it("names the failing step and the element it was given", () => {
    const { head, outputs, seen } = chain((x) => {
      if (x === 20) throw new Error("no key");
      return x;
    });
    compileChains(outputs);
    head.push(0, 0, GLOBAL, NO_FIRING);
    expect(() => head.push(2, 0, GLOBAL, NO_FIRING)).toThrow("Key failed on 20: Error: no key");
    expect(seen).toEqual(["0=0 @0 [0, 10)"]);
  });

  it("runs a source's batch through the chain with pushRange, as push of each element would", () => {
    const values = [9, 0, 1, 2, 3, 4, 5, 9];
    const timestamps = values.map((_, i) => 100 + i);
    const byPush = chain((x) => x % 3);
    compileChains(byPush.outputs);
    for (let i = 1; i < 7; i++) byPush.head.push(values[i], timestamps[i]!, GLOBAL, NO_FIRING);
    const byRange = chain((x) => x % 3);
    expect(compileChains(byRange.outputs)).toBe(1);
    byRange.head.pushRange(values, timestamps, 1, 7, GLOBAL, NO_FIRING);
    expect(byRange.seen).toEqual(byPush.seen);
    expect(byRange.seen).toHaveLength(3);
    expect(byRange.outputs.map((o) => o.emitter.count)).toEqual(byPush.outputs.map((o) => o.emitter.count));
    expect(byRange.outputs[0]!.emitter.count).toBe(6);
  });

  it("counts each output of a batch as push does, whichever steps drop elements", () => {
    // Steps that drop nothing share a counter in pushRange's loop: one before the first filter,
    // another between the filters, another after the last.
    const kinds = (): Step[] => [
      step("map", (x: number) => x + 1, "Inc"),
      step("windowInto", { assignWindows: (t: number) => [new IntervalWindow(t, t + 10)] }, "Window"),
      step("filter", (x: number) => x % 2 === 0, "Evens"),
      step("map", (x: number) => x * 3, "Triple"),
      step("filter", (x: number) => x % 4 === 0, "Fours"),
      step("map", (x: number) => x / 2, "Half"),
    ];
    const run = (range: boolean): number[] => {
      const seen: unknown[] = [];
      const head = new MainOutput(emitter());
      const outputs = wire(head, kinds(), { processElement: (v) => seen.push(v), flush: () => undefined });
      expect(compileChains(outputs)).toBe(1);
      const values = Array.from({ length: 12 }, (_, i) => i);
      const timestamps = values.map((x) => 100 + x);
      if (range) head.pushRange(values, timestamps, 1, 11, GLOBAL, NO_FIRING);
      else for (let i = 1; i < 11; i++) head.push(values[i], timestamps[i]!, GLOBAL, NO_FIRING);
      expect(seen).toEqual([6, 12]);
      return outputs.map((o) => o.emitter.count);
    };
    expect(run(false)).toEqual([10, 10, 10, 5, 5, 2, 2]);
    expect(run(true)).toEqual([10, 10, 10, 5, 5, 2, 2]);
  });

  it("names the failing step and element of a batch, and runs none of the batch after it", () => {
    const { head, outputs, seen } = chain((x) => {
      if (x === 20) throw new Error("no key");
      return x;
    });
    compileChains(outputs);
    expect(() => head.pushRange([0, 1, 2, 3], [0, 0, 0, 0], 0, 4, GLOBAL, NO_FIRING)).toThrow(
      "Key failed on 20: Error: no key",
    );
    expect(seen).toEqual(["0=0 @0 [0, 10)"]);
  });

  it("runs pushRange through push when the output is not compiled", () => {
    const head = new MainOutput(emitter());
    const seen: unknown[] = [];
    head.fuseWith({ processElement: (v, t) => seen.push(`${String(v)}@${t}`), flush: () => undefined });
    head.pushRange(["a", "b", "c"], [1, 2, 3], 1, 3, GLOBAL, NO_FIRING);
    expect(seen).toEqual(["b@2", "c@3"]);
    expect(head.emitter.count).toBe(2);
  });

  it("hands a step inside the chain that reads KVs a KV", () => {
    const steps = [
      step("withKeys", (x: number) => `k${x}`, "Key"),
      step("map", (e: { key: string; value: number }) => `${e.key}:${e.value}`, "Format"),
    ];
    const seen: unknown[] = [];
    const head = new MainOutput(emitter());
    const outputs = wire(head, steps, { processElement: (v) => seen.push(v), flush: () => undefined });
    expect(compileChains(outputs)).toBe(1);
    head.push(7, 0, GLOBAL, NO_FIRING);
    expect(seen).toEqual(["k7:7"]);
  });

  it("starts a chain only at its head, and leaves a single step to its own element path", () => {
    const { outputs } = chain((x) => x);
    // Without the head, the chain starts at the filter's output: one chain of three steps.
    expect(compileChains(outputs.slice(1))).toBe(1);
    const head = new MainOutput(emitter());
    const only = step("map", (x: number) => x + 1, "Only");
    wire(head, [only], { processElement: () => undefined, flush: () => undefined });
    expect(compileChains([head, only.step.output])).toBe(0);
    expect(() => head.push(1, 0, GLOBAL, NO_FIRING)).toThrow("Only's own element path ran");
  });

  it("writes a general DoFn in as the last step of its chain; its output, which the DoFn pushes to, heads a chain of its own", () => {
    const seen: string[] = [];
    const out = new MainOutput(emitter());
    const doFn = {
      process(x: number, ctx: FakeParDo) {
        ctx.output(`${x}a in ${ctx.window.toString()}`);
        ctx.output(`${x}b`);
      },
    };
    const executor = new FakeParDo("Twice", doFn, out);
    const parDo: ChainStep = { kind: "parDo", fn: doFn, executor, output: out };
    const scale = step("map", (x: number) => x * 10, "Scale");
    const upper = step("map", (s: string) => s.toUpperCase(), "Upper");
    const exclaim = step("map", (s: string) => `${s}!`, "Exclaim");
    const head = new MainOutput(emitter());
    head.fuseWith(scale.reader);
    scale.step.output.fuseWith({
      processElement: () => {
        throw new Error("Twice's own element path ran");
      },
      flush: () => undefined,
      chainStep: () => parDo,
    });
    out.fuseWith(upper.reader);
    upper.step.output.fuseWith(exclaim.reader);
    exclaim.step.output.fuseWith({ processElement: (v) => seen.push(String(v)), flush: () => undefined });
    const outputs = [head, scale.step.output, out, upper.step.output, exclaim.step.output];
    // Scale → Twice from the head; Twice's output → Upper → Exclaim is a chain of its own.
    expect(compileChains(outputs)).toBe(2);
    const window = new IntervalWindow(0, 10);
    const inWindow = [window];
    // New windows for the context: the step's own processInWindows sets them.
    head.push(1, 5, inWindow, NO_FIRING);
    expect(executor.inWindows).toBe(1);
    // The windows and pane the context has: only the timestamp is set, in the compiled code.
    head.push(3, 6, inWindow, NO_FIRING);
    expect(executor.inWindows).toBe(1);
    expect(seen).toEqual(["10A IN [0, 10)!", "10B!", "30A IN [0, 10)!", "30B!"]);
    expect([executor.timestamp, executor.window]).toEqual([6, window]);
    // An element in several windows goes to the step's own processInWindows.
    head.push(2, 5, [window, new IntervalWindow(5, 15)], NO_FIRING);
    expect(executor.inWindows).toBe(2);
    expect(seen).toHaveLength(8);
    expect(outputs.map((o) => o.emitter.count)).toEqual([3, 3, 8, 8, 8]);
    expect(executor.starts).toBe(1);
  });

  it("keeps a DoFn's context right while storing its pane and windows only when they change", () => {
    const seen: string[] = [];
    const doFn = {
      process(x: number, ctx: FakeParDo) {
        seen.push(`${x} ${ctx.window.toString()} ${ctx.windows.length} ${ctx.pane.timing}`);
      },
    };
    const executor = new FakeParDo("Read", doFn);
    const head = new MainOutput(emitter());
    head.fuseWith({
      processElement: () => {
        throw new Error("Read's own element path ran");
      },
      flush: () => undefined,
      chainStep: () => ({ kind: "parDo", fn: doFn, executor, output: new MainOutput(emitter()) }),
    });
    expect(compileChains([head])).toBe(1);
    const [a, b, c] = [new IntervalWindow(0, 10), new IntervalWindow(5, 15), new IntervalWindow(10, 20)];
    const inA = [a];
    const early = paneInfo(true, false, "EARLY", 0, -1);
    head.push(1, 5, inA, NO_FIRING);
    head.push(2, 5, [b, c], NO_FIRING);
    head.push(3, 5, inA, early);
    head.push(4, 5, inA, early);
    head.push(40, 5, inA, NO_FIRING); // the same windows in another pane
    head.push(5, 5, [b], NO_FIRING);
    // A batch sets the context's pane and windows once for all its elements (pushRange).
    head.pushRange([0, 6, 7], [5, 5, 5], 1, 3, inA, early);
    head.pushRange([8], [5], 0, 1, [b, c], NO_FIRING);
    head.pushRange([9], [5], 0, 1, inA, NO_FIRING);
    expect(seen).toEqual([
      "1 [0, 10) 1 UNKNOWN",
      "2 [5, 15) 1 UNKNOWN",
      "2 [10, 20) 1 UNKNOWN",
      "3 [0, 10) 1 EARLY",
      "4 [0, 10) 1 EARLY",
      "40 [0, 10) 1 UNKNOWN",
      "5 [5, 15) 1 UNKNOWN",
      "6 [0, 10) 1 EARLY",
      "7 [0, 10) 1 EARLY",
      "8 [5, 15) 1 UNKNOWN",
      "8 [10, 20) 1 UNKNOWN",
      "9 [0, 10) 1 UNKNOWN",
    ]);
    expect(executor.starts).toBe(1);
    // An empty batch starts no bundle.
    executor.inBundle = false;
    head.pushRange([], [], 0, 0, inA, early);
    expect(executor.starts).toBe(1);
    head.pushRange([10], [5], 0, 1, inA, early);
    expect(executor.starts).toBe(2);
  });

  it("compiles a fan-out at the end of a chain too: the chain's push ends in the fan-out's", () => {
    const seen: string[] = [];
    const scale = step("map", (x: number) => x * 10, "Scale");
    const shift = step("map", (x: number) => x + 1, "Shift");
    const odd = step("filter", (x: number) => x % 20 === 11, "Odd");
    const head = new MainOutput(emitter());
    head.fuseWith(scale.reader);
    scale.step.output.fuseWith(shift.reader);
    shift.step.output.fuseWith(odd.reader);
    odd.step.output.fuseWith({
      processElement: (v) => seen.push(`odd ${String(v)}`),
      flush: () => undefined,
    });
    shift.step.output.fuseWith({
      processElement: (v) => seen.push(`all ${String(v)}`),
      flush: () => undefined,
    });
    const outputs = [head, scale.step.output, shift.step.output, odd.step.output];
    // The chain Scale → Shift from the head, and the fan-out after Shift.
    expect(compileChains(outputs)).toBe(2);
    for (const x of [1, 2]) head.push(x, 0, GLOBAL, NO_FIRING);
    expect(seen).toEqual(["odd 11", "all 11", "all 21"]);
    expect(outputs.map((o) => o.emitter.count)).toEqual([2, 2, 2, 1]);
  });

  it("runs each reader of a fan-out in turn: a chain written in, any other reader called; a drop ends one branch only", () => {
    const seen: string[] = [];
    const collect = (name: string): ElementConsumer => ({
      processElement: (v) => seen.push(`${name} ${String(v)}`),
      flush: () => undefined,
    });
    const evens = step("filter", (x: number) => x % 2 === 0, "Evens");
    const half = step("map", (x: number) => x / 2, "Half");
    const plus = step("map", (x: number) => x + 100, "Plus");
    const head = new MainOutput(emitter());
    head.fuseWith(evens.reader);
    evens.step.output.fuseWith(half.reader);
    half.step.output.fuseWith(collect("halves"));
    head.fuseWith(collect("all"));
    head.fuseWith(plus.reader);
    plus.step.output.fuseWith(collect("plus"));
    const outputs = [head, evens.step.output, half.step.output, plus.step.output];
    // The fan-out head only: the chains behind it are written into its push.
    expect(compileChains(outputs)).toBe(1);
    for (const x of [1, 2]) head.push(x, 0, GLOBAL, NO_FIRING);
    expect(seen).toEqual(["all 1", "plus 101", "halves 1", "all 2", "plus 102"]);
    expect(outputs.map((o) => o.emitter.count)).toEqual([2, 1, 1, 2]);
    expect([evens, half, plus].map((s) => s.executor.starts)).toEqual([1, 1, 1]);
  });
});
