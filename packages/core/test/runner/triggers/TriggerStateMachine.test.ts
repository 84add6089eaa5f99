import { describe, expect, it } from "vitest";
import { TriggerStateMachine, type TriggerContext } from "../../../src/runner/triggers/TriggerStateMachine";
import { afterCount } from "../../../src/triggers/AfterCount";
import { afterWatermark } from "../../../src/triggers/AfterWatermark";
import { defaultTrigger } from "../../../src/triggers/DefaultTrigger";
import { IntervalWindow } from "../../../src/windowing/IntervalWindow";

const context = (inputWatermark: number): TriggerContext => ({
  window: new IntervalWindow(0, 10),
  inputWatermark,
  processingTime: 0,
  setProcessingTimer: () => {},
});

describe("TriggerStateMachine states", () => {
  it("gives every window one shared state when the trigger keeps none, and no operation writes it", () => {
    for (const merging of [false, true]) {
      const tsm = new TriggerStateMachine(defaultTrigger(), merging);
      const a = tsm.newState();
      const b = tsm.newState();
      expect(b).toBe(a);
      const before = [...a];
      const ctx = context(5);
      tsm.onElement(a, ctx);
      expect(tsm.shouldFire(a, ctx)).toBe(false);
      expect(tsm.shouldFire(a, context(10))).toBe(true);
      tsm.onFire(a, context(10));
      expect(tsm.merge([a, b], ctx, tsm.newState())).toBe(a);
      expect([...a]).toEqual(before);
      expect(tsm.isFinished(a)).toBe(false);
    }
  });

  it("gives each window its own state when the trigger keeps one", () => {
    const tsm = new TriggerStateMachine(afterWatermark().withEarlyFirings(afterCount(2)), false);
    const a = tsm.newState();
    const b = tsm.newState();
    expect(b).not.toBe(a);
    const ctx = context(5);
    tsm.onElement(a, ctx);
    tsm.onElement(a, ctx);
    expect(tsm.shouldFire(a, ctx)).toBe(true);
    expect(tsm.shouldFire(b, ctx)).toBe(false);
  });
});
