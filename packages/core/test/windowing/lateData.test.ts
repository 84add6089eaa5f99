import { describe, expect, it } from "vitest";
import {
  combinePerKey,
  combiners,
  fixedWindows,
  IntervalWindow,
  kv,
  minutes,
  Pipeline,
  seconds,
  type KV,
} from "@tributary/core";
import { assertThat, TestStream } from "@tributary/core/testing";

describe("late data side output", () => {
  it("routes elements dropped as too late to lateData, with their timestamp and window, and still counts them", async () => {
    const stream = TestStream.create<KV<string, number>>()
      .addElements(
        { value: kv("a", 1), timestamp: seconds(10) },
        { value: kv("a", 2), timestamp: seconds(20) },
      )
      .advanceWatermarkTo(minutes(2) + seconds(30))
      // [0, 1 min) closed at 1 min + 1 min lateness: too late. [1 min, 2 min) is still within lateness.
      .addElements(
        { value: kv("a", 3), timestamp: seconds(30) },
        { value: kv("a", 4), timestamp: seconds(90) },
      )
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const windowed = p.apply(stream).windowInto(fixedWindows(minutes(1)), { allowedLateness: minutes(1) });
    const { grouped, lateData } = windowed.apply(
      "Sum",
      combinePerKey<string, number, unknown, number>(combiners.sum()).withLateData(),
    );
    assertThat(grouped).containsInAnyOrder(kv("a", 3), kv("a", 4));
    assertThat(lateData).containsInAnyOrder(kv("a", 3));
    const result = await p.run({ collect: [lateData] });
    const [late] = result.windowedValues(lateData);
    expect(late!.timestamp).toBe(seconds(30));
    expect(late!.windows[0]!.toString()).toBe(new IntervalWindow(0, minutes(1)).toString());
    expect(result.counter("Sum", "droppedDueToLateness")).toBe(1);
  });
});
