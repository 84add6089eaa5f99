import { describe, expect, it } from "vitest";
import { Pipeline, createTimestamped, fixedWindows, reshuffle } from "@tributary/core";
import { describeWindowed } from "../support/normalize";
import { runBounded } from "../support/run";

describe("reshuffle", () => {
  it("passes elements, timestamps, windows and panes through unchanged", async () => {
    const p = Pipeline.create();
    const windowed = p
      .apply(
        createTimestamped([
          { value: { id: 1 }, timestamp: 5 },
          { value: { id: 2 }, timestamp: 15 },
          { value: { id: 2 }, timestamp: 15 },
        ]),
      )
      .windowInto(fixedWindows(10));
    const out = windowed.apply("Redistribute", reshuffle());
    const result = await runBounded(p, { collect: [windowed] });
    expect(result.windowedValues(out).map(describeWindowed).sort()).toEqual(
      result.windowedValues(windowed).map(describeWindowed).sort(),
    );
    expect(result.values(out)).toHaveLength(3);
    expect(p.primitives().map((n) => n.fullName)).toContain("Redistribute");
  });
});
