import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  TriggerStateMachine,
  type TriggerContext,
  type TriggerState,
} from "../../../src/runner/triggers/TriggerStateMachine";
import { triggerArb } from "./triggerArb";
import { IntervalWindow } from "../../../src/windowing/IntervalWindow";

/** What a window's trigger state goes through: elements, firings when due, and merges that grow its window. */
type Op =
  | { kind: "element"; watermark: number; processingTime: number }
  | { kind: "fire"; watermark: number; processingTime: number }
  | { kind: "merge"; end: number; watermark: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("element" as const),
    watermark: fc.integer({ min: 0, max: 60 }),
    processingTime: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({
    kind: fc.constant("fire" as const),
    watermark: fc.integer({ min: 0, max: 60 }),
    processingTime: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({
    kind: fc.constant("merge" as const),
    end: fc.integer({ min: 1, max: 60 }),
    watermark: fc.integer({ min: 0, max: 60 }),
  }),
);

const snapshot = (s: TriggerState): number[] => [...s];

describe("TriggerStateMachine.mergeKeeps", () => {
  it("holds only of states that a merge of the state alone gives back unchanged, setting no timer", () => {
    let kept = 0;
    fc.assert(
      fc.property(
        triggerArb,
        fc.array(opArb, { maxLength: 25 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (trigger, ops, end, watermark) => {
          const tsm = new TriggerStateMachine(trigger, true);
          const s = tsm.newState();
          let windowEnd = 10;
          const timers: number[] = [];
          const ctx = (wm: number, pt: number): TriggerContext => ({
            window: new IntervalWindow(0, windowEnd),
            inputWatermark: wm,
            processingTime: pt,
            setProcessingTimer: (t) => timers.push(t),
          });
          const check = (): void => {
            if (!tsm.mergeKeeps(s)) return;
            const before = snapshot(s);
            timers.length = 0;
            const grown = new IntervalWindow(0, Math.max(windowEnd, end));
            const merged = tsm.merge([s], { ...ctx(watermark, 0), window: grown }, tsm.newState());
            if (merged !== s) kept++; // a trigger that keeps state (not the one shared state)
            expect(snapshot(merged)).toEqual(before);
            expect(timers).toEqual([]);
          };
          check();
          for (const op of ops) {
            if (tsm.isFinished(s)) break;
            if (op.kind === "element") {
              tsm.onElement(s, ctx(op.watermark, op.processingTime));
            } else if (op.kind === "fire") {
              const c = ctx(op.watermark, op.processingTime);
              if (tsm.shouldFire(s, c)) tsm.onFire(s, c);
            } else {
              windowEnd = Math.max(windowEnd, op.end);
              const merged = tsm.merge([s], ctx(op.watermark, 0), tsm.newState());
              if (merged !== s) {
                s.splice(0, s.length, ...merged);
              }
            }
            check();
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(kept).toBeGreaterThan(500); // the property was exercised, not vacuously true
  });

  it("a merge with a new window's empty state is the merge of the state alone", () => {
    fc.assert(
      fc.property(
        triggerArb,
        fc.array(opArb, { maxLength: 25 }),
        fc.integer({ min: 0, max: 60 }),
        (trigger, ops, wm) => {
          const tsm = new TriggerStateMachine(trigger, true);
          const s = tsm.newState();
          const ctx: TriggerContext = {
            window: new IntervalWindow(0, 30),
            inputWatermark: wm,
            processingTime: 0,
            setProcessingTimer: () => {},
          };
          for (const op of ops) {
            const c = { ...ctx, inputWatermark: op.watermark };
            if (op.kind === "element") tsm.onElement(s, c);
            else if (op.kind === "fire" && tsm.shouldFire(s, c)) tsm.onFire(s, c);
          }
          const alone = snapshot(tsm.merge([s], ctx, tsm.newState()));
          const withEmpty = snapshot(tsm.merge([s, tsm.newState()], ctx, tsm.newState()));
          expect(withEmpty).toEqual(alone);
        },
      ),
      { numRuns: 300 },
    );
  });
});
