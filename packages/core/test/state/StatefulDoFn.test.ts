import { describe, expect, it } from "vitest";
import {
  bagState,
  combiners,
  combiningState,
  createTimestamped,
  eventTimer,
  fixedWindows,
  IntervalWindow,
  kv,
  parDo,
  Pipeline,
  processingTimer,
  seconds,
  timerFamily,
  valueState,
  type DoFn,
  type KV,
} from "@tributary/core";
import { assertThat, TestStream } from "@tributary/core/testing";

interface Event {
  readonly id: string;
  readonly amount: number;
}

describe("stateful DoFns through the public API", () => {
  it("deduplicates by id with ValueState, per key", async () => {
    const seen = valueState<boolean>("seen");
    const dedup: DoFn<KV<string, Event>, Event> = {
      state: { seen },
      process(e, ctx) {
        const cell = ctx.state.access(seen);
        if (cell.read()) return;
        cell.write(true);
        ctx.output(e.value);
      },
    };
    const events: Event[] = [
      { id: "a", amount: 1 },
      { id: "b", amount: 2 },
      { id: "a", amount: 1 },
      { id: "c", amount: 3 },
      { id: "b", amount: 2 },
    ];
    const p = Pipeline.create();
    const out = p
      .apply(createTimestamped(events.map((e, i) => ({ value: e, timestamp: i }))))
      .withKeys((e) => e.id)
      .parDo(dedup, "Dedup");
    assertThat(out).containsInAnyOrder(
      { id: "a", amount: 1 },
      { id: "b", amount: 2 },
      { id: "c", amount: 3 },
    );
    await p.run();
  });

  it("binds a cell to the key of the element that accesses it (the runner reuses cell objects)", async () => {
    const total = valueState<number>("total");
    const fn: DoFn<KV<string, number>, string> = {
      state: { total },
      process(e, ctx) {
        const cell = ctx.state.access(total);
        const sum = (cell.read() ?? 0) + e.value;
        cell.write(sum);
        // A second access within the element sees what the first wrote.
        ctx.output(`${e.key}=${ctx.state.access(total).read()}`);
        expect(sum).toBe(ctx.state.access(total).read());
      },
    };
    const input = [kv("a", 1), kv("b", 10), kv("a", 2), kv("c", 100), kv("b", 20), kv("a", 3)];
    const p = Pipeline.create();
    const out = p
      .apply(createTimestamped(input.map((value, i) => ({ value, timestamp: i }))))
      .parDo(fn, "Totals");
    assertThat(out).containsInAnyOrder("a=1", "b=10", "a=3", "c=100", "b=30", "a=6");
    await p.run();
  });

  it("buffers per key and flushes on an event-time timer at the end of the window, in timestamp order", async () => {
    const buffer = bagState<number>("buffer");
    const flush = eventTimer("flush");
    const fn: DoFn<KV<string, number>, KV<string, number[]>> = {
      state: { buffer },
      timers: { flush },
      process(e, ctx) {
        ctx.state.access(buffer).add(e.value);
        ctx.timers.access(flush).set(ctx.window.maxTimestamp());
      },
      onTimer(ctx) {
        const b = ctx.state.access(buffer);
        ctx.output(
          kv(
            ctx.key as string,
            [...b.read()].sort((x, y) => x - y),
          ),
        );
        b.clear();
      },
    };
    const stream = TestStream.create<KV<string, number>>()
      .addElements({ value: kv("u1", 3), timestamp: 1_000 }, { value: kv("u2", 10), timestamp: 2_000 })
      .addElements({ value: kv("u1", 1), timestamp: 5_000 }, { value: kv("u1", 20), timestamp: 12_000 })
      .advanceWatermarkTo(9_999)
      .advanceWatermarkTo(10_000)
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const out = p
      .apply(stream)
      .windowInto(fixedWindows(seconds(10)))
      .parDo(fn, "BufferAndFlush");
    const w0 = new IntervalWindow(0, 10_000);
    const w1 = new IntervalWindow(10_000, 20_000);
    assertThat(out)
      .inWindow(w0)
      .containsInAnyOrder(kv("u1", [1, 3]), kv("u2", [10]));
    assertThat(out)
      .inWindow(w1)
      .containsInAnyOrder(kv("u1", [20]));
    const result = await p.run({ collect: [out] });
    // The timer at 9999 fires only when the watermark passes it; outputs are at the timer's timestamp.
    for (const wv of result.windowedValues(out))
      expect(wv.timestamp).toBe((wv.windows[0] as IntervalWindow).maxTimestamp());
  });

  it("checks a per-key running sequence and reports gaps", async () => {
    const last = valueState<number>("last");
    const check: DoFn<KV<string, number>, string> = {
      state: { last },
      process(e, ctx) {
        const cell = ctx.state.access(last);
        const prev = cell.read();
        if (prev !== undefined && e.value !== prev + 1)
          ctx.output(`${e.key}: expected ${prev + 1}, got ${e.value}`);
        cell.write(e.value);
      },
    };
    const p = Pipeline.create();
    const seqs = [kv("a", 1), kv("b", 7), kv("a", 2), kv("a", 4), kv("b", 8), kv("b", 9), kv("a", 5)];
    const out = p.apply(createTimestamped(seqs.map((value, i) => ({ value, timestamp: i })))).parDo(check);
    assertThat(out).containsInAnyOrder("a: expected 3, got 4");
    await p.run({ bundleSize: 2 });
  });

  it("times out a session on a processing-time timer driven by TestStream's virtual clock", async () => {
    const count = combiningState("count", combiners.count());
    const timeout = processingTimer("timeout");
    const fn: DoFn<KV<string, string>, string> = {
      state: { count },
      timers: { timeout },
      process(e, ctx) {
        ctx.state.access(count).add(e.value);
        ctx.timers.access(timeout).setRelative(seconds(30));
      },
      onTimer(ctx) {
        ctx.output(`${String(ctx.key)} idle after ${ctx.state.access(count).read()} events`);
        ctx.state.access(count).clear();
      },
    };
    const stream = TestStream.create<KV<string, string>>()
      .addElements({ value: kv("u1", "view"), timestamp: 1 }, { value: kv("u2", "view"), timestamp: 1 })
      .advanceProcessingTime(seconds(20))
      .addElements({ value: kv("u1", "cart"), timestamp: 2 })
      .advanceProcessingTime(seconds(15)) // u2 timed out (35 s idle); u1 was reset at 20 s
      .advanceProcessingTime(seconds(20)) // u1 times out at 50 s
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const out = p.apply(stream).parDo(fn);
    assertThat(out).equals(["u2 idle after 1 events", "u1 idle after 2 events"]);
    await p.run();
  });

  it("clears state when the window expires, after onWindowExpiration saw it", async () => {
    const total = combiningState("total", combiners.sum());
    const expired: Array<[string, number]> = [];
    const fn: DoFn<KV<string, number>, number> = {
      state: { total },
      process(e, ctx) {
        const t = ctx.state.access(total);
        t.add(e.value);
        ctx.output(t.read());
      },
      onWindowExpiration(ctx) {
        expired.push([ctx.window.toString(), ctx.state.access(total).read()]);
      },
    };
    const stream = TestStream.create<KV<string, number>>()
      .addElements({ value: kv("k", 5), timestamp: 1_000 }, { value: kv("k", 7), timestamp: 2_000 })
      .advanceWatermarkTo(20_000)
      // A late element for the expired window [0, 10000) is dropped; the next window starts from 0.
      .addElements({ value: kv("k", 100), timestamp: 3_000 }, { value: kv("k", 1), timestamp: 25_000 })
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const out = p
      .apply(stream)
      .windowInto(fixedWindows(seconds(10)))
      .parDo(fn, "RunningTotal");
    assertThat(out).equals([5, 12, 1]);
    const result = await p.run();
    expect(result.counter("RunningTotal", "droppedDueToLateness")).toBe(1);
    expect(expired).toEqual([
      ["[0, 10000)", 12],
      ["[20000, 30000)", 1],
    ]);
  });

  it("gives a timer's output timestamp to the callback that set it only", async () => {
    // Element "early" stamps its timer's output with its own time; the later elements of the key
    // set the same timer without one, so theirs is the fire time. Within a callback every access
    // is the same timer and keeps what an earlier access set.
    const ping = eventTimer("ping");
    const fn: DoFn<KV<string, string>, string> = {
      timers: { ping },
      process(e, ctx) {
        if (e.value === "early") ctx.timers.access(ping).withOutputTimestamp(ctx.timestamp);
        ctx.timers.access(ping).set(ctx.timestamp + 50);
      },
      onTimer(ctx) {
        ctx.output(`${String(ctx.key)}@${ctx.fireTimestamp}`);
      },
    };
    const stream = TestStream.create<KV<string, string>>()
      .addElements({ value: kv("a", "early"), timestamp: 10 }, { value: kv("b", "plain"), timestamp: 20 })
      .advanceWatermarkTo(100)
      .addElements({ value: kv("a", "plain"), timestamp: 200 })
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const out = p.apply(stream).parDo(fn, "Ping");
    const result = await p.run({ collect: [out] });
    const stamps = result
      .windowedValues(out)
      .map((wv) => `${String(wv.value)} at ${wv.timestamp}`)
      .sort();
    expect(stamps).toEqual(["a@250 at 250", "a@60 at 10", "b@70 at 70"]);
  });

  it("fires timer families by dynamic tag", async () => {
    const reminders = timerFamily("reminders", "EVENT_TIME");
    const fn: DoFn<KV<string, number>, string> = {
      timers: { reminders },
      process(e, ctx) {
        ctx.timers.access(reminders, `r${e.value}`).set(ctx.timestamp + e.value);
      },
      onTimer(ctx) {
        ctx.output(`${ctx.timerId}/${ctx.dynamicTag}@${ctx.fireTimestamp}`);
      },
    };
    const p = Pipeline.create();
    const out = p
      .apply(
        createTimestamped([
          { value: kv("k", 30), timestamp: 100 },
          { value: kv("k", 10), timestamp: 100 },
        ]),
      )
      .parDo(fn);
    assertThat(out).equals(["reminders/r10@110", "reminders/r30@130"]);
    await p.run();
  });
});

describe("stateful DoFn errors", () => {
  it("rejects state on a non-keyed input, naming the step", async () => {
    const s = valueState<number>("s");
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: 1, timestamp: 0 }])).apply(
      "NeedsKeys",
      parDo<number, number>({ state: { s }, process: () => undefined }),
    );
    await expect(p.run()).rejects.toThrow(/NeedsKeys.*KV input/);
  });

  it("rejects an event-time timer set in the past beyond the allowed skew", async () => {
    const t = eventTimer("t");
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: kv("k", 1), timestamp: 1_000 }])).apply(
      "PastTimer",
      parDo<KV<string, number>, never>({
        timers: { t },
        process: (_e, ctx) => ctx.timers.access(t).set(ctx.timestamp - 1),
        onTimer: () => undefined,
      }),
    );
    await expect(p.run()).rejects.toThrow(
      /PastTimer[\s\S]*before the current timestamp 1000 minus the allowed skew 0/,
    );
  });

  it("rejects state it does not declare, also a spec of the same id as a declared one", async () => {
    const declared = valueState<number>("count");
    const lookalike = valueState<number>("count");
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: kv("k", 1), timestamp: 0 }])).apply(
      "Lookalike",
      parDo<KV<string, number>, never>({
        state: { count: declared },
        process: (_e, ctx) => {
          ctx.state.access(declared).write(1);
          ctx.state.access(lookalike).write(2);
        },
      }),
    );
    await expect(p.run()).rejects.toThrow(/Lookalike[\s\S]*state "count" is not declared by this DoFn/);
  });

  it("rejects an unknown timer family", async () => {
    const declared = timerFamily("declared", "EVENT_TIME");
    const other = timerFamily("other", "EVENT_TIME");
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: kv("k", 1), timestamp: 0 }])).apply(
      "UnknownFamily",
      parDo<KV<string, number>, never>({
        timers: { declared },
        process: (_e, ctx) => ctx.timers.access(other, "x").set(10),
      }),
    );
    await expect(p.run()).rejects.toThrow(/timer family "other" is not declared/);
  });
});
