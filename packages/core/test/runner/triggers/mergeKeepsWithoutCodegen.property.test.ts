import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { TriggerStateMachine, type TriggerContext } from "../../../src/runner/triggers/TriggerStateMachine";
import { IntervalWindow } from "../../../src/windowing/IntervalWindow";
import { triggerArb } from "./triggerArb";
import type * as OwnCopies from "../../../src/runner/fusion/ownCopies";

/** The state machine as it is where code cannot be compiled (a CSP without `unsafe-eval`). */
async function withoutCodegen(): Promise<typeof TriggerStateMachine> {
  vi.resetModules();
  vi.doMock("../../../src/runner/fusion/ownCopies", async (original) => ({
    ...(await original<typeof OwnCopies>()),
    compile: () => undefined,
  }));
  const m = await import("../../../src/runner/triggers/TriggerStateMachine");
  vi.doUnmock("../../../src/runner/fusion/ownCopies");
  return m.TriggerStateMachine;
}

describe("TriggerStateMachine.mergeKeeps where code cannot be compiled", () => {
  it("answers as the compiled test does, state by state", async () => {
    const Fallback = await withoutCodegen();
    expect(Fallback).not.toBe(TriggerStateMachine);
    let kept = 0;
    let notKept = 0;
    fc.assert(
      fc.property(
        triggerArb,
        fc.array(
          fc.record({
            fire: fc.boolean(),
            watermark: fc.integer({ min: 0, max: 60 }),
            processingTime: fc.integer({ min: 0, max: 60 }),
          }),
          { maxLength: 20 },
        ),
        (trigger, ops) => {
          const compiled = new TriggerStateMachine(trigger, true);
          const loop = new Fallback(trigger, true);
          const s = compiled.newState();
          const ctx = (wm: number, pt: number): TriggerContext => ({
            window: new IntervalWindow(0, 30),
            inputWatermark: wm,
            processingTime: pt,
            setProcessingTimer: () => {},
          });
          const same = (): void => {
            const answer = compiled.mergeKeeps(s);
            expect(loop.mergeKeeps(s)).toBe(answer);
            if (answer) kept++;
            else notKept++;
          };
          same();
          for (const op of ops) {
            if (compiled.isFinished(s)) break;
            const c = ctx(op.watermark, op.processingTime);
            if (!op.fire) compiled.onElement(s, c);
            else if (compiled.shouldFire(s, c)) compiled.onFire(s, c);
            same();
          }
        },
      ),
      { numRuns: 300 },
    );
    // Both answers were exercised, not one of them vacuously.
    expect(kept).toBeGreaterThan(100);
    expect(notKept).toBeGreaterThan(100);
  });
});
