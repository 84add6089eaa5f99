import { describe, expect, it } from "vitest";
import {
  GlobalWindow,
  IntervalWindow,
  Pipeline,
  TupleTag,
  UserCodeError,
  create,
  createTimestamped,
  fixedWindows,
  parDo,
  slidingWindows,
  type DeadLetter,
  type DoFn,
} from "@tributary/core";
import { runBounded } from "../support/run";

describe("parDo: DoFn lifecycle", () => {
  it("calls setup, startBundle, process, finishBundle and teardown in order, once per bundle", async () => {
    const calls: string[] = [];
    const fn: DoFn<number, number> = {
      setup: () => void calls.push("setup"),
      startBundle: () => void calls.push("startBundle"),
      process: (x, ctx) => {
        calls.push(`process(${x})`);
        ctx.output(x * 10);
      },
      finishBundle: () => void calls.push("finishBundle"),
      teardown: () => void calls.push("teardown"),
    };
    const p = Pipeline.create();
    const out = p.apply(create([1, 2, 3, 4, 5])).apply("Times10", parDo(fn));
    const result = await runBounded(p, { bundleSize: 2 });
    expect(calls).toEqual([
      "setup",
      "startBundle",
      "process(1)",
      "process(2)",
      "finishBundle",
      "startBundle",
      "process(3)",
      "process(4)",
      "finishBundle",
      "startBundle",
      "process(5)",
      "finishBundle",
      "teardown",
    ]);
    expect(result.values(out)).toEqual([10, 20, 30, 40, 50]);
  });

  it("awaits an asynchronous finishBundle before the next bundle starts and before teardown", async () => {
    const calls: string[] = [];
    let flushed: number[] = [];
    const buffer: number[] = [];
    const fn: DoFn<number, never> = {
      startBundle: () => void calls.push("start"),
      process: (x) => void buffer.push(x),
      finishBundle: async () => {
        await new Promise((r) => setTimeout(r, 1));
        flushed = flushed.concat(buffer.splice(0));
        calls.push(`flushed ${flushed.length}`);
      },
      teardown: () => void calls.push("teardown"),
    };
    const p = Pipeline.create();
    p.apply(create([1, 2, 3])).apply(parDo(fn));
    await runBounded(p, { bundleSize: 2 });
    expect(calls).toEqual(["start", "flushed 2", "start", "flushed 3", "teardown"]);
    expect(flushed).toEqual([1, 2, 3]);
  });

  it("emits from finishBundle with outputAt, at the given timestamp and window", async () => {
    const window = new IntervalWindow(0, 100);
    let sum = 0;
    const fn: DoFn<number, number> = {
      process: (x) => void (sum += x),
      finishBundle: (ctx) => ctx.outputAt(sum, 42, window),
    };
    const p = Pipeline.create();
    const out = p.apply(create([1, 2, 3])).apply(parDo(fn));
    const result = await runBounded(p);
    const [only, ...rest] = result.windowedValues(out);
    expect(rest).toEqual([]);
    expect(only?.value).toBe(6);
    expect(only?.timestamp).toBe(42);
    expect(only?.windows.map((w) => w.id)).toEqual([window.id]);
  });

  it("exposes the element's timestamp, window and pane; an element in several windows is processed once per window", async () => {
    const seen: string[] = [];
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: "a", timestamp: 15 }]))
      .windowInto(slidingWindows(20).every(10))
      .parDo({
        process(v, ctx) {
          seen.push(`${v}@${ctx.timestamp} in ${ctx.window.toString()} ${ctx.pane.timing}`);
        },
      });
    await runBounded(p);
    expect(seen.sort()).toEqual(["a@15 in [0, 20) UNKNOWN", "a@15 in [10, 30) UNKNOWN"]);
  });

  it("sees the global window for create() elements", async () => {
    const windows: unknown[] = [];
    const p = Pipeline.create();
    p.apply(create([1])).parDo({ process: (_x, ctx) => void windows.push(ctx.window) });
    await runBounded(p);
    expect(windows).toEqual([GlobalWindow.INSTANCE]);
  });
});

describe("parDo: tagged outputs", () => {
  it("routes outputs to the main output and to each TupleTag's PCollection", async () => {
    const evens = new TupleTag<number>("evens");
    const words = new TupleTag<string>("words");
    const p = Pipeline.create();
    const outs = p.apply(create([1, 2, 3, 4])).apply(
      "Split",
      parDo<number, number>({
        process(x, ctx) {
          ctx.output(x);
          if (x % 2 === 0) ctx.outputTo(evens, x);
          ctx.outputTo(words, `n${x}`);
        },
      }).withOutputs({ evens, words }),
    );
    expect(outs.evens.name).toBe("Split.evens");
    expect(outs.main.name).toBe("Split");
    const result = await runBounded(p);
    expect(result.values(outs.main)).toEqual([1, 2, 3, 4]);
    expect(result.values(outs.evens)).toEqual([2, 4]);
    expect(result.values(outs.words)).toEqual(["n1", "n2", "n3", "n4"]);
  });

  it("rejects output to an undeclared tag with a UserCodeError naming the step", async () => {
    const undeclared = new TupleTag<number>("undeclared");
    const p = Pipeline.create();
    p.apply(create([1])).apply(
      "Emit",
      parDo<number, number>({ process: (x, ctx) => ctx.outputTo(undeclared, x) }),
    );
    const error = await runBounded(p).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserCodeError);
    expect((error as UserCodeError).step).toBe("Emit");
    expect((error as Error).message).toMatch(/undeclared.*not declared/);
  });

  it("rejects reserved and duplicate tag ids at construction", () => {
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    const fn: DoFn<number, number> = { process: () => {} };
    expect(() => input.apply("A", parDo(fn).withOutputs({ x: new TupleTag<number>("deadLetters") }))).toThrow(
      /A: .*reserved/,
    );
    expect(() =>
      input.apply("B", parDo(fn).withOutputs({ x: new TupleTag<number>("t"), y: new TupleTag<number>("t") })),
    ).toThrow(/B: .*declared twice/);
    expect(() => new TupleTag("")).toThrow(TypeError);
  });
});

describe("parDo: errors and dead letters", () => {
  const failOnOdd: DoFn<number, number> = {
    process(x, ctx) {
      if (x % 2 === 1) throw new RangeError(`odd ${x}`);
      ctx.output(x);
    },
  };

  it("routes failing elements to deadLetters with the element, error and step; good elements are unaffected", async () => {
    const p = Pipeline.create();
    const outs = p
      .apply(createTimestamped([1, 2, 3, 4].map((x) => ({ value: x, timestamp: x * 100 }))))
      .apply("Parse", parDo(failOnOdd).withDeadLetters({ maxRetries: 2 }));
    const result = await runBounded(p);
    expect(result.values(outs.main)).toEqual([2, 4]);
    const letters: DeadLetter<number>[] = result.values(outs.deadLetters);
    expect(letters).toEqual([
      { element: 1, timestamp: 100, step: "Parse", error: "RangeError: odd 1", attempts: 3 },
      { element: 3, timestamp: 300, step: "Parse", error: "RangeError: odd 3", attempts: 3 },
    ]);
    expect(result.counter("Parse", "deadLetters")).toBe(2);
  });

  it("retries: an element that fails transiently succeeds, and outputs of failed attempts are discarded", async () => {
    const attempts = new Map<number, number>();
    const flaky: DoFn<number, number> = {
      process(x, ctx) {
        const n = (attempts.get(x) ?? 0) + 1;
        attempts.set(x, n);
        ctx.output(x * 100 + n); // written before the throw: must be rolled back on failure
        if (x === 2 && n < 3) throw new Error("transient");
      },
    };
    const p = Pipeline.create();
    const outs = p.apply(create([1, 2, 3])).apply("Flaky", parDo(flaky).withDeadLetters({ maxRetries: 2 }));
    const result = await runBounded(p);
    expect(result.values(outs.main)).toEqual([101, 203, 301]);
    expect(result.values(outs.deadLetters)).toEqual([]);
    expect(attempts.get(2)).toBe(3);
  });

  it("rolls back tagged outputs of a failing element too", async () => {
    const side = new TupleTag<string>("side");
    const p = Pipeline.create();
    const outs = p.apply(create([1, 2])).apply(
      "Tagged",
      parDo<number, number>({
        process(x, ctx) {
          ctx.outputTo(side, `before ${x}`);
          if (x === 2) throw new Error("boom");
          ctx.output(x);
        },
      })
        .withOutputs({ side })
        .withDeadLetters(),
    );
    const result = await runBounded(p);
    expect(result.values(outs.main)).toEqual([1]);
    expect(result.values(outs.side)).toEqual(["before 1"]);
    expect(result.values(outs.deadLetters).map((d) => [d.element, d.step, d.attempts])).toEqual([
      [2, "Tagged", 1],
    ]);
  });

  it("without dead letters, a user error rejects run() with a UserCodeError naming the step and the element", async () => {
    let tornDown = false;
    const p = Pipeline.create();
    p.apply(create([2, 4, 7, 8])).apply(
      "Parse",
      parDo({ ...failOnOdd, teardown: () => void (tornDown = true) }),
    );
    const error = await runBounded(p).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserCodeError);
    const uce = error as UserCodeError;
    expect(uce.step).toBe("Parse");
    expect(uce.element).toBe(7);
    expect(uce.message).toContain("Parse");
    expect(uce.message).toContain("the number 7");
    expect(uce.message).toContain("odd 7");
    expect(uce.cause).toBeInstanceOf(RangeError);
    expect(tornDown).toBe(true);
  });

  it("with maxRetries: 0 tries an element once, then routes it to deadLetters", async () => {
    let calls = 0;
    const p = Pipeline.create();
    const outs = p.apply(create(["x"])).apply(
      "AlwaysFails",
      parDo<string, string>({
        process() {
          calls++;
          throw new Error("no");
        },
      }).withDeadLetters({ maxRetries: 0 }),
    );
    const result = await runBounded(p);
    expect(calls).toBe(1);
    expect(result.values(outs.deadLetters).map((d) => [d.element, d.error, d.attempts])).toEqual([
      ["x", "Error: no", 1],
    ]);
  });

  it("names the step of an error thrown in startBundle or finishBundle", async () => {
    const p1 = Pipeline.create();
    p1.apply(create([1])).apply(
      "BadStart",
      parDo<number, number>({
        startBundle() {
          throw new Error("cannot start");
        },
        process: () => {},
      }),
    );
    await expect(runBounded(p1)).rejects.toThrow(/BadStart.*cannot start/);
    const p2 = Pipeline.create();
    p2.apply(create([1])).apply(
      "BadFinish",
      parDo<number, number>({
        process: () => {},
        finishBundle() {
          return Promise.reject(new Error("cannot flush"));
        },
      }),
    );
    await expect(runBounded(p2)).rejects.toThrow(/BadFinish.*cannot flush/);
  });
});

describe("parDo: outputWithTimestamp and the allowed skew", () => {
  const shiftBy = (delta: number, allowedTimestampSkew?: number): DoFn<string, string> => ({
    ...(allowedTimestampSkew !== undefined && { allowedTimestampSkew }),
    process(v, ctx) {
      ctx.outputWithTimestamp(v, ctx.timestamp + delta);
    },
  });

  it("allows outputs at or after the input's timestamp", async () => {
    const p = Pipeline.create();
    const out = p.apply(createTimestamped([{ value: "a", timestamp: 1_000 }])).apply(parDo(shiftBy(500)));
    const same = p.apply(createTimestamped([{ value: "b", timestamp: 1_000 }])).apply(parDo(shiftBy(0)));
    const result = await runBounded(p);
    expect(result.windowedValues(out).map((wv) => wv.timestamp)).toEqual([1_500]);
    expect(result.windowedValues(same).map((wv) => wv.timestamp)).toEqual([1_000]);
  });

  it("rejects an output earlier than the input's timestamp when no skew is allowed", async () => {
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: "a", timestamp: 1_000 }])).apply("Backdate", parDo(shiftBy(-1)));
    await expect(runBounded(p)).rejects.toThrow(/Backdate[\s\S]*999[\s\S]*allowedTimestampSkew/);
  });

  it("allows going back by at most allowedTimestampSkew", async () => {
    const ok = Pipeline.create();
    const out = ok
      .apply(createTimestamped([{ value: "a", timestamp: 1_000 }]))
      .apply(parDo(shiftBy(-300, 300)));
    const result = await runBounded(ok);
    expect(result.windowedValues(out).map((wv) => wv.timestamp)).toEqual([700]);

    const tooFar = Pipeline.create();
    tooFar
      .apply(createTimestamped([{ value: "a", timestamp: 1_000 }]))
      .apply("TooFar", parDo(shiftBy(-301, 300)));
    await expect(runBounded(tooFar)).rejects.toThrow(UserCodeError);
  });

  it("keeps the element's window when re-stamping", async () => {
    const p = Pipeline.create();
    const out = p
      .apply(createTimestamped([{ value: "a", timestamp: 5 }]))
      .windowInto(fixedWindows(10))
      .apply(parDo(shiftBy(100)));
    const result = await runBounded(p);
    expect(result.windowedValues(out).map((wv) => [wv.timestamp, wv.windows.map((w) => w.id)])).toEqual([
      [105, [new IntervalWindow(0, 10).id]],
    ]);
  });
});
