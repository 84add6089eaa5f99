import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from "../time/Instant";
import { GlobalWindow } from "../windowing/GlobalWindow";
import { IntervalWindow } from "../windowing/IntervalWindow";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { intervalWindowCoder } from "./intervalWindowCoder";
import { checkCoderLaws } from "./testing/coderLaws";

const windows = fc
  .tuple(
    fc.integer({ min: MIN_TIMESTAMP, max: MAX_TIMESTAMP }),
    fc.integer({ min: MIN_TIMESTAMP, max: MAX_TIMESTAMP }),
  )
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => new IntervalWindow(Math.min(a, b), Math.max(a, b)));

describe("intervalWindowCoder", () => {
  it("round-trips windows, negative and all-of-time ones included", () => {
    checkCoderLaws(intervalWindowCoder, windows);
    const all = new IntervalWindow(MIN_TIMESTAMP, MAX_TIMESTAMP);
    expect(decodeFromBytes(intervalWindowCoder, encodeToBytes(intervalWindowCoder, all))).toEqual(all);
  });

  it("writes Beam's layout: the end as an instant, then the span as a varint", () => {
    expect([...encodeToBytes(intervalWindowCoder, new IntervalWindow(0, 10))]).toEqual([
      0x80, 0, 0, 0, 0, 0, 0, 10, 10,
    ]);
  });

  it("rejects other windows and non-integer bounds", () => {
    expect(() =>
      encodeToBytes(intervalWindowCoder, GlobalWindow.INSTANCE as unknown as IntervalWindow),
    ).toThrow(new TypeError("intervalWindowCoder cannot encode an instance of class GlobalWindow"));
    expect(() => encodeToBytes(intervalWindowCoder, new IntervalWindow(0.5, 10))).toThrow(
      /cannot encode \[0\.5, 10\): bounds must be safe integers/,
    );
  });

  it("is deterministic and prints itself", () => {
    expect(intervalWindowCoder.deterministic).toBe(true);
    expect(String(intervalWindowCoder)).toBe("intervalWindowCoder");
  });
});
