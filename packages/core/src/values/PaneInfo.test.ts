import { describe, expect, it } from "vitest";
import { paneInfo, type Timing } from "./PaneInfo";

describe("paneInfo", () => {
  const timings: Timing[] = ["EARLY", "ON_TIME", "LATE", "UNKNOWN"];

  it("gives every pane the fields it was asked for, frozen", () => {
    for (const timing of timings)
      for (const isFirst of [true, false])
        for (const isLast of [true, false])
          for (const index of [0, 1, 7])
            for (const nonSpeculativeIndex of [-1, 0, 3]) {
              const p = paneInfo(isFirst, isLast, timing, index, nonSpeculativeIndex);
              expect(p).toEqual({ isFirst, isLast, timing, index, nonSpeculativeIndex });
              expect(Object.isFrozen(p)).toBe(true);
            }
  });

  it("shares the first panes, which most windows emit, and makes the others", () => {
    expect(paneInfo(true, true, "ON_TIME", 0, 0)).toBe(paneInfo(true, true, "ON_TIME", 0, 0));
    expect(paneInfo(true, false, "EARLY", 0, -1)).toBe(paneInfo(true, false, "EARLY", 0, -1));
    expect(paneInfo(true, false, "EARLY", 0, -1)).not.toBe(paneInfo(true, true, "EARLY", 0, -1));
    expect(paneInfo(false, false, "LATE", 2, 1)).not.toBe(paneInfo(false, false, "LATE", 2, 1));
    // A first pane with an unusual non-speculative index is made as asked, not taken from the shared ones.
    expect(paneInfo(true, true, "ON_TIME", 0, 5).nonSpeculativeIndex).toBe(5);
  });
});
