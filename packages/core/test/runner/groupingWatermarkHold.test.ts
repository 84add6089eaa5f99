import { describe, expect, it } from "vitest";
import {
  afterCount,
  combiners,
  fixedWindows,
  kv,
  Pipeline,
  repeatedly,
  Runner,
  sessions,
  type BoundedWindow,
  type KV,
  type WindowFn,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";

/**
 * A grouping step's output watermark is its input watermark held back by the data it buffers
 * (Beam's watermark holds; with EARLIEST at the earliest buffered timestamp), so downstream steps
 * do not treat its later panes as late.
 */
async function holdAfter(timestampCombiner: "EARLIEST"): Promise<number[]> {
  const stream = TestStream.create<KV<string, number>>()
    .addElements({ value: kv("a", 1), timestamp: 100 })
    .advanceWatermarkTo(105)
    .addElements({ value: kv("a", 2), timestamp: 103 })
    .advanceWatermarkTo(150)
    .advanceWatermarkToInfinity();
  const p = Pipeline.create();
  const grouped = p
    .apply("Input", stream)
    .windowInto(sessions(20), { timestampCombiner })
    .groupByKey("Group");
  const runner = new Runner(p, { collect: [grouped] });
  const seen: number[] = [];
  while (await runner.step()) seen.push(runner.watermarkOf(grouped));
  return seen;
}

describe("grouping steps hold their output watermark", () => {
  it("EARLIEST: at the earliest buffered element while its session is open", async () => {
    // The session [100, 123) is open at input watermark 105: held at 100, then released at 150.
    const seen = await holdAfter("EARLIEST");
    expect(seen).toContain(100);
    expect(seen.filter((w) => w > 100 && w < 150)).toEqual([]);
  });

  it("so a downstream window does not drop the held pane as late", async () => {
    // The session pane comes out at 100 (EARLIEST) when input watermark 150 closes it; without
    // the hold the downstream fixed window [100, 105) would have expired at watermark 105.
    const stream = TestStream.create<KV<string, number>>()
      .addElements({ value: kv("a", 1), timestamp: 100 })
      .advanceWatermarkTo(105)
      .advanceWatermarkTo(150)
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const counted = p
      .apply("Input", stream)
      .windowInto(sessions(20), { timestampCombiner: "EARLIEST" }, "Sessions")
      .groupByKey("Group")
      .windowInto(fixedWindows(5), {}, "Fixed")
      .map((g) => kv(g.key, 1), "One")
      .combinePerKey(combiners.count(), "Count");
    const result = await new Runner(p, { collect: [counted] }).run();
    expect(result.values(counted).map((c) => c.value)).toEqual([1]);
    expect(result.counter("Count", "droppedDueToLateness")).toBe(0);
  });

  it("END_OF_WINDOW in a window that never merges: held while any key's state holds, released when the last one fires", async () => {
    // Keys a and b in [0, 10); panes every second element, so the end of the window fires
    // nothing and a state keeps its hold (at 9) until its pane. The window's keys share one
    // hold: it must stay while b still holds after a's pane, and go with b's pane.
    const { seen } = await endOfWindowHolds(
      fixedWindows(10),
      2,
      [
        { value: kv("a", 1), timestamp: 1 },
        { value: kv("b", 1), timestamp: 1 },
      ],
      [{ value: kv("a", 2), timestamp: 2 }],
      [{ value: kv("b", 2), timestamp: 2 }],
    );
    // Input watermark 50 with b still holding: held at 9; b's pane at 50 releases the last hold.
    expectHeldUntil50(seen, 9);
  });

  it("END_OF_WINDOW in sessions: held at the session's end, moving with it as it grows, released by its pane", async () => {
    // a@1 opens [1, 11) (hold 10); a@8 grows it to [1, 18) (hold 17). Panes every third element,
    // so the end of the session fires nothing and the hold stays at 17 past input watermark 50,
    // until a@9 (late, within the allowed lateness) makes the third element and its pane fires.
    const { seen, panes } = await endOfWindowHolds(
      sessions(10),
      3,
      [{ value: kv("a", 1), timestamp: 1 }],
      [{ value: kv("a", 2), timestamp: 8 }],
      [{ value: kv("a", 3), timestamp: 9 }],
    );
    expectHeldUntil50(seen, 17);
    expect(seen).not.toContain(10);
    expect(panes).toEqual([[1, 2, 3]]);
  });
});

type Timestamped = { value: KV<string, number>; timestamp: number };

/**
 * Groups `first`, then `second` (separate bundles), then — at input watermark 50, before 60 —
 * `late`, under END_OF_WINDOW with panes every `count` elements and allowed lateness 100; returns
 * the grouping step's output watermark after each step, and the panes' values.
 */
async function endOfWindowHolds(
  windowFn: WindowFn<BoundedWindow>,
  count: number,
  first: Timestamped[],
  second: Timestamped[],
  late: Timestamped[],
): Promise<{ seen: number[]; panes: number[][] }> {
  const stream = TestStream.create<KV<string, number>>()
    .addElements(...first)
    .addElements(...second)
    .advanceWatermarkTo(50)
    .addElements(...late)
    .advanceWatermarkTo(60)
    .advanceWatermarkToInfinity();
  const p = Pipeline.create();
  const grouped = p
    .apply("Input", stream)
    .windowInto(windowFn, {
      trigger: repeatedly(afterCount(count)),
      allowedLateness: 100,
      accumulation: "DISCARDING",
    })
    .groupByKey("Group");
  const runner = new Runner(p, { collect: [grouped] });
  const seen: number[] = [];
  while (await runner.step()) seen.push(runner.watermarkOf(grouped));
  const panes = (await runner.run()).values(grouped).map((g) => [...g.value].sort((a, b) => a - b));
  return { seen, panes };
}

/** The output watermark stayed at `hold` (and nowhere between it and 50) until it moved to 50. */
function expectHeldUntil50(seen: readonly number[], hold: number): void {
  const held = seen.indexOf(hold);
  expect(held).toBeGreaterThan(0);
  expect(seen[held + 1]).toBe(50);
  expect(seen.filter((w) => w > hold && w < 50)).toEqual([]);
}
