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
  afterProcessingTime,
  afterWatermark,
  repeatedly,
} from "../../../src/triggers";
import { IntervalWindow } from "../../../src/windowing/IntervalWindow";
import { fireOrElementArb as opArb, triggerArb } from "./triggerArb";

/** A context any read of which fails the test: what the runner passes when the flag is false. */
const unset: TriggerContext = {
  get window(): never {
    throw new Error("onElement read the window");
  },
  get inputWatermark(): never {
    throw new Error("onElement read the watermark");
  },
  get processingTime(): never {
    throw new Error("onElement read the processing time");
  },
  setProcessingTimer(): never {
    throw new Error("onElement set a timer");
  },
};

describe("TriggerStateMachine.elementReadsContext", () => {
  it("holds exactly when the trigger has a processing-time delay", () => {
    expect(new TriggerStateMachine(repeatedly(afterProcessingTime(5)), false).elementReadsContext).toBe(true);
    expect(
      new TriggerStateMachine(afterWatermark().withLateFirings(afterProcessingTime(5)), true)
        .elementReadsContext,
    ).toBe(true);
    expect(
      new TriggerStateMachine(afterWatermark().withEarlyFirings(afterCount(3)), true).elementReadsContext,
    ).toBe(false);
    expect(
      new TriggerStateMachine(afterEach(afterCount(1), afterWatermark()), false).elementReadsContext,
    ).toBe(false);
  });

  it("when it does not hold, onElement reads nothing of its context and does what it does with one", () => {
    let checked = 0;
    fc.assert(
      fc.property(triggerArb, fc.boolean(), fc.array(opArb, { maxLength: 30 }), (trigger, merging, ops) => {
        const tsm = new TriggerStateMachine(trigger, merging);
        fc.pre(!tsm.elementReadsContext);
        const withContext: TriggerState = tsm.newState();
        const without: TriggerState = tsm.newState();
        for (const op of ops) {
          const ctx: TriggerContext = {
            window: new IntervalWindow(0, 30),
            inputWatermark: op.watermark,
            processingTime: op.processingTime,
            setProcessingTimer: () => undefined,
          };
          if (op.fire) {
            if (!tsm.shouldFire(withContext, ctx)) continue;
            tsm.onFire(withContext, ctx);
            tsm.onFire(without, ctx);
          } else {
            tsm.onElement(withContext, ctx);
            tsm.onElement(without, unset);
            checked++;
          }
          expect([...without]).toEqual([...withContext]);
        }
      }),
      { numRuns: 1000 },
    );
    expect(checked).toBeGreaterThan(1000); // the property was exercised, not vacuously true
  });
});
