import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  TriggerStateMachine,
  type TriggerContext,
  type TriggerState,
} from "../../../src/runner/triggers/TriggerStateMachine";
import {
  afterCount,
  afterEach,
  afterFirst,
  afterProcessingTime,
  afterWatermark,
  repeatedly,
} from "../../../src/triggers";
import { IntervalWindow } from "../../../src/windowing/IntervalWindow";
import { triggerArb } from "./triggerArb";

/**
 * An element, the due timers firing, or (merging windows) a merge, each after `advance` of
 * processing time and `passes` of the input watermark (which a trigger of delays alone ignores).
 */
const opArb = fc.record({
  kind: fc.constantFrom("element" as const, "timers" as const, "merge" as const),
  advance: fc.integer({ min: 0, max: 12 }),
  passes: fc.integer({ min: 0, max: 12 }),
});

describe("TriggerStateMachine.readyOnlyAtDeadlines", () => {
  it("holds for triggers made of processing-time delays alone", () => {
    expect(new TriggerStateMachine(repeatedly(afterProcessingTime(5)), false).readyOnlyAtDeadlines).toBe(
      true,
    );
    expect(
      new TriggerStateMachine(afterFirst(afterProcessingTime(5), afterCount(2)), false).readyOnlyAtDeadlines,
    ).toBe(false);
    expect(
      new TriggerStateMachine(afterWatermark().withEarlyFirings(afterProcessingTime(5)), false)
        .readyOnlyAtDeadlines,
    ).toBe(false);
    // Merging windows feed AfterEach's later sub-triggers early: their timers can pass unused.
    const steps = afterEach(afterProcessingTime(1), afterProcessingTime(0));
    expect(new TriggerStateMachine(steps, false).readyOnlyAtDeadlines).toBe(true);
    expect(new TriggerStateMachine(steps, true).readyOnlyAtDeadlines).toBe(false);
  });

  it("when it holds, a window is ready only once one of the processing timers it set is due", () => {
    let ready = 0;
    fc.assert(
      fc.property(triggerArb, fc.boolean(), fc.array(opArb, { maxLength: 30 }), (trigger, merging, ops) => {
        const tsm = new TriggerStateMachine(trigger, merging);
        fc.pre(tsm.readyOnlyAtDeadlines);
        let s: TriggerState = tsm.newState();
        // The window's pending processing timers, as the grouping step queues them.
        const timers: number[] = [];
        let watermark = 0;
        const ctx = (pt: number): TriggerContext => ({
          window: new IntervalWindow(0, 30),
          inputWatermark: watermark,
          processingTime: pt,
          setProcessingTimer: (t) => timers.push(t),
        });
        let now = 0;
        for (const op of ops) {
          now += op.advance;
          watermark += op.passes;
          if (op.kind === "element") tsm.onElement(s, ctx(now));
          else if (op.kind === "merge" && merging) s = tsm.merge([s], ctx(now), tsm.newState());
          else {
            // As the grouping step's processing timers: each due one asks the trigger, which fires if ready.
            timers.sort((a, b) => a - b);
            while (timers.length > 0 && timers[0]! <= now) {
              timers.shift();
              if (tsm.shouldFire(s, ctx(now))) tsm.onFire(s, ctx(now));
            }
          }
          for (let pt = now; pt <= now + 20; pt++) {
            if (!tsm.shouldFire(s, ctx(pt))) continue;
            ready++;
            expect(Math.min(...timers)).toBeLessThanOrEqual(pt);
          }
        }
      }),
      // The seed of a counterexample found once (AfterEach of two delays, merging windows).
      {
        numRuns: 1000,
        examples: [
          [
            afterEach(afterProcessingTime(1), afterProcessingTime(0)),
            true,
            [
              { kind: "element", advance: 0, passes: 0 },
              { kind: "timers", advance: 0, passes: 0 },
              { kind: "timers", advance: 1, passes: 0 },
            ],
          ],
        ],
      },
    );
    expect(ready).toBeGreaterThan(1000); // the property was exercised, not vacuously true
  });
});
