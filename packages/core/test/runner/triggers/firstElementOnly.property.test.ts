import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  TriggerStateMachine,
  type TriggerContext,
  type TriggerState,
} from "../../../src/runner/triggers/TriggerStateMachine";
import {
  afterCount,
  afterFirst,
  afterProcessingTime,
  always,
  defaultTrigger,
  repeatedly,
} from "../../../src/triggers";
import { IntervalWindow } from "../../../src/windowing/IntervalWindow";
import { fireOrElementArb as opArb, triggerArb } from "./triggerArb";

describe("TriggerStateMachine.firstElementOnly", () => {
  it("holds for windows that never merge and triggers that count nothing", () => {
    expect(new TriggerStateMachine(repeatedly(afterProcessingTime(5)), false).firstElementOnly).toBe(true);
    expect(new TriggerStateMachine(defaultTrigger(), false).firstElementOnly).toBe(true);
    expect(new TriggerStateMachine(repeatedly(afterProcessingTime(5)), true).firstElementOnly).toBe(false);
    expect(
      new TriggerStateMachine(afterFirst(afterProcessingTime(5), afterCount(2)), false).firstElementOnly,
    ).toBe(false);
    expect(new TriggerStateMachine(repeatedly(always()), false).firstElementOnly).toBe(false);
  });

  it("when it holds, a pane's later elements change neither the trigger state nor its timers", () => {
    let skipped = 0;
    fc.assert(
      fc.property(triggerArb, fc.array(opArb, { maxLength: 30 }), (trigger, ops) => {
        const tsm = new TriggerStateMachine(trigger, false);
        fc.pre(tsm.firstElementOnly);
        // `every` sees every element; `firstOnly` only the first since the last firing, as the grouping step passes them.
        const every: TriggerState = tsm.newState();
        const firstOnly: TriggerState = tsm.newState();
        const everyTimers: number[] = [];
        const firstOnlyTimers: number[] = [];
        const ctx = (timers: number[], wm: number, pt: number): TriggerContext => ({
          window: new IntervalWindow(0, 30),
          inputWatermark: wm,
          processingTime: pt,
          setProcessingTimer: (t) => timers.push(t),
        });
        let empty = true;
        for (const op of ops) {
          if (tsm.isFinished(every)) break;
          const a = ctx(everyTimers, op.watermark, op.processingTime);
          const b = ctx(firstOnlyTimers, op.watermark, op.processingTime);
          if (op.fire) {
            const ready = tsm.shouldFire(every, a);
            expect(tsm.shouldFire(firstOnly, b)).toBe(ready);
            if (ready) {
              tsm.onFire(every, a);
              tsm.onFire(firstOnly, b);
              empty = true;
            }
          } else {
            tsm.onElement(every, a);
            if (empty) tsm.onElement(firstOnly, b);
            else skipped++;
            empty = false;
          }
          expect([...firstOnly]).toEqual([...every]);
          expect(firstOnlyTimers).toEqual(everyTimers);
        }
      }),
      { numRuns: 1000 },
    );
    expect(skipped).toBeGreaterThan(1000); // the property was exercised, not vacuously true
  });
});
