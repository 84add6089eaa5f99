import { VirtualClock } from "@tributary/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WatermarkEstimator } from "./WatermarkEstimator";

function setup(maxOutOfOrderness = 0, idleTimeout = 1000) {
  const clock = new VirtualClock(1_000_000);
  return { clock, wm: new WatermarkEstimator({ maxOutOfOrderness, idleTimeout, clock }) };
}

describe("WatermarkEstimator", () => {
  it("holds at the oldest pending event time minus the bound", () => {
    const { wm } = setup(50);
    wm.observe(900_000);
    wm.observe(800_000);
    expect(wm.estimate(800_000)).toBe(799_950);
  });

  it("follows the latest event time when nothing is pending but elements keep arriving", () => {
    const { wm, clock } = setup(100);
    wm.observe(500_000);
    clock.advanceTo(1_000_500);
    expect(wm.estimate(undefined)).toBe(499_900);
  });

  it("advances with processing time once idle, so an idle source does not stall the pipeline", () => {
    const { wm, clock } = setup(100, 1000);
    wm.observe(500_000);
    clock.advanceTo(1_000_999);
    expect(wm.estimate(undefined)).toBe(499_900);
    clock.advanceTo(1_001_000);
    expect(wm.estimate(undefined)).toBe(1_000_900);
    clock.advanceTo(1_005_000);
    expect(wm.estimate(undefined)).toBe(1_004_900);
  });

  it("is idle from the start when nothing ever arrives", () => {
    const { wm, clock } = setup(0, 1000);
    expect(wm.estimate(undefined)).toBe(-8_640_000_000_000_000);
    clock.advanceTo(1_001_000);
    expect(wm.estimate(undefined)).toBe(1_001_000);
  });

  it("never passes processing time, even for event times in the future", () => {
    const { wm } = setup(0);
    wm.observe(9_000_000);
    expect(wm.estimate(9_000_000)).toBe(1_000_000);
  });

  it("never decreases when an old element shows up", () => {
    const { wm } = setup(0);
    wm.observe(900_000);
    expect(wm.estimate(900_000)).toBe(900_000);
    wm.observe(100_000);
    expect(wm.estimate(100_000)).toBe(900_000);
    expect(wm.current).toBe(900_000);
  });

  it("rejects negative durations with the invariant", () => {
    expect(() => new WatermarkEstimator({ maxOutOfOrderness: -1, idleTimeout: 0 })).toThrow(
      "maxOutOfOrderness must be a duration >= 0 in milliseconds, got -1",
    );
    expect(() => new WatermarkEstimator({ maxOutOfOrderness: 0, idleTimeout: NaN })).toThrow(/idleTimeout/);
  });

  it("never regresses and never exceeds processing time minus the bound", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant("observe" as const), t: fc.integer({ min: 0, max: 2_000_000 }) }),
            fc.record({ kind: fc.constant("advance" as const), by: fc.integer({ min: 0, max: 5000 }) }),
            fc.record({
              kind: fc.constant("estimate" as const),
              pending: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
            }),
          ),
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (commands, bound) => {
          const { wm, clock } = setup(bound, 1000);
          let last = wm.current;
          for (const c of commands) {
            if (c.kind === "observe") wm.observe(c.t);
            else if (c.kind === "advance") clock.advanceTo(clock.now() + c.by);
            else {
              const w = wm.estimate(c.pending);
              expect(w).toBeGreaterThanOrEqual(last);
              expect(w <= clock.now() - bound || w === last).toBe(true);
              if (c.pending !== undefined) expect(w <= c.pending - bound || w === last).toBe(true);
              last = w;
            }
          }
        },
      ),
    );
  });
});
