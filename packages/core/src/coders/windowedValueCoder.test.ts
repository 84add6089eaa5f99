import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from "../time/Instant";
import { NO_FIRING, paneInfo } from "../values/PaneInfo";
import type { WindowedValue } from "../values/WindowedValue";
import { GlobalWindow } from "../windowing/GlobalWindow";
import { IntervalWindow } from "../windowing/IntervalWindow";
import { doubleCoder } from "./doubleCoder";
import { encodeToBytes } from "./encodeToBytes";
import { globalWindowCoder } from "./globalWindowCoder";
import { intervalWindowCoder } from "./intervalWindowCoder";
import { stringCoder } from "./stringCoder";
import { checkCoderLaws } from "./testing/coderLaws";
import { panes } from "./testing/panes";
import { anyString } from "./testing/plainData";
import { windowedValueCoder } from "./windowedValueCoder";

const timestamps = fc.integer({ min: MIN_TIMESTAMP, max: MAX_TIMESTAMP });
const intervalWindows = fc
  .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e9 }))
  .map(([start, size]) => new IntervalWindow(start, start + size));

describe("windowedValueCoder", () => {
  it("round-trips values with their timestamp, windows and pane", () => {
    const values = fc.record(
      {
        value: anyString,
        timestamp: timestamps,
        windows: fc.array(intervalWindows, { maxLength: 4 }),
        pane: panes,
      },
      { noNullPrototype: true },
    );
    checkCoderLaws(windowedValueCoder(stringCoder, intervalWindowCoder), values);
  });

  it("writes Beam's layout: timestamp, window count and windows, pane, value", () => {
    const wv: WindowedValue<string> = {
      value: "a",
      timestamp: 0,
      windows: [GlobalWindow.INSTANCE],
      pane: NO_FIRING,
    };
    expect([...encodeToBytes(windowedValueCoder(stringCoder, globalWindowCoder), wv)]).toEqual([
      ...[0x80, 0, 0, 0, 0, 0, 0, 0], // timestamp 0
      ...[0, 0, 0, 1], // one window, encoded as zero bytes
      0x0f, // NO_FIRING
      1,
      0x61, // "a"
    ]);
  });

  it("rejects a window that its window coder does not encode", () => {
    const wv: WindowedValue<string> = {
      value: "a",
      timestamp: 0,
      windows: [new IntervalWindow(0, 1)],
      pane: paneInfo(true, true, "ON_TIME", 0, 0),
    };
    expect(() => encodeToBytes(windowedValueCoder(stringCoder, globalWindowCoder), wv)).toThrow(
      /globalWindowCoder cannot encode an instance of class IntervalWindow/,
    );
  });

  it("inherits determinism and prints itself as code", () => {
    expect(windowedValueCoder(stringCoder, intervalWindowCoder).deterministic).toBe(true);
    expect(windowedValueCoder(doubleCoder, intervalWindowCoder).deterministic).toBe(false);
    expect(String(windowedValueCoder(stringCoder, globalWindowCoder))).toBe(
      "windowedValueCoder(stringCoder, globalWindowCoder)",
    );
  });
});
