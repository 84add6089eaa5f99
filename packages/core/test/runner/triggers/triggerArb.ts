import fc from "fast-check";
import {
  afterAll,
  afterCount,
  afterEach,
  afterFirst,
  afterProcessingTime,
  afterWatermark,
  always,
  defaultTrigger,
  never,
  orFinally,
  repeatedly,
  type Trigger,
} from "../../../src/triggers";

/** Any trigger tree of a few levels, every kind included. */
export const triggerArb: fc.Arbitrary<Trigger> = fc.letrec<{ t: Trigger }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: 1, max: 3 }).map((n) => afterCount(n)),
    fc.constant(always()),
    fc.constant(never()),
    fc.constant(defaultTrigger()),
    fc.integer({ min: 0, max: 20 }).map((d) => afterProcessingTime(d)),
    tie("t").map((t) => repeatedly(t)),
    fc.tuple(tie("t"), tie("t")).map(([a, b]) => afterEach(a, b)),
    fc.tuple(tie("t"), tie("t")).map(([a, b]) => afterFirst(a, b)),
    fc.tuple(tie("t"), tie("t")).map(([a, b]) => afterAll(a, b)),
    fc.tuple(tie("t"), tie("t")).map(([a, b]) => orFinally(a, b)),
    fc
      .tuple(fc.option(tie("t"), { nil: undefined }), fc.option(tie("t"), { nil: undefined }))
      .map(([e, l]) => {
        let w = afterWatermark();
        if (e) w = w.withEarlyFirings(e);
        if (l) w = w.withLateFirings(l);
        return w;
      }),
  ),
})).t;

/** An element, or a firing when due, at a watermark and processing time (for a trigger's state alone). */
export const fireOrElementArb = fc.record({
  fire: fc.boolean(),
  watermark: fc.integer({ min: 0, max: 60 }),
  processingTime: fc.integer({ min: 0, max: 60 }),
});
