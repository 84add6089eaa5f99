import fc from "fast-check";
import { paneInfo, type PaneInfo, type Timing } from "../../values/PaneInfo";

const timings: fc.Arbitrary<Timing> = fc.constantFrom("EARLY", "ON_TIME", "LATE", "UNKNOWN");

/**
 * Test support: panes as triggers fire them (nonSpeculativeIndex -1 when EARLY), plus arbitrary
 * valid index pairs.
 * @internal
 */
export const panes: fc.Arbitrary<PaneInfo> = fc
  .record(
    {
      isFirst: fc.boolean(),
      isLast: fc.boolean(),
      timing: timings,
      index: fc.oneof(fc.nat(5), fc.maxSafeNat()),
      nonSpeculative: fc.oneof(fc.constant("implied" as const), fc.nat(5), fc.maxSafeNat()),
    },
    { noNullPrototype: true },
  )
  .map(({ isFirst, isLast, timing, index, nonSpeculative }) => {
    const implied = timing === "EARLY" ? -1 : index;
    return paneInfo(isFirst, isLast, timing, index, nonSpeculative === "implied" ? implied : nonSpeculative);
  });
