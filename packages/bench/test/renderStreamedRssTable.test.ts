import { describe, expect, it } from "vitest";
import type { Measurement } from "../src/harness/Measurement";
import { renderStreamedRssTable } from "../src/report/renderStreamedRssTable";
import { measurement, MiB, rowOf } from "./reportRows";

/** A streamed-input measurement whose peak RSS is `peakMiB`. */
const run = (target: string, mode: "pipeline" | "baseline", events: number, peakMiB: number): Measurement =>
  measurement(target, mode, events, { input: "streamed", rssBeforeRun: 50 * MiB, peakRss: peakMiB * MiB });

describe("renderStreamedRssTable", () => {
  const table = renderStreamedRssTable({
    ms: [
      run("Q5", "pipeline", 1e6, 100),
      run("Q5", "pipeline", 1e7, 115),
      run("Q5", "baseline", 1e6, 80),
      run("Q5", "baseline", 1e7, 80),
      run("Q6", "pipeline", 1e6, 100),
      run("Q6", "pipeline", 1e7, 150),
      run("Q6", "baseline", 1e6, 80),
      run("Q6", "baseline", 1e7, 100),
      run("Q7", "pipeline", 1e6, 100),
      run("Q7", "pipeline", 1e7, 130),
      // Medians of repeated runs.
      run("Q7", "pipeline", 1e7, 200),
      run("Q7", "pipeline", 1e7, 120),
      run("example:fraud", "pipeline", 1e6, 300),
    ],
    failures: new Map([["example:fraud\u000010000000", ["pipeline timeout > 900s"]]]),
  });

  it("judges the 20% target on the pipeline's peak RSS", () => {
    expect(rowOf(table, "Q5")).toBe(
      "| Q5 | 1M → 10M | 100 MiB → 115 MiB | 1.15× | 80 MiB → 80 MiB | 1.00× | +15 MiB | met |",
    );
    expect(rowOf(table, "Q7")).toContain("| 100 MiB → 130 MiB | 1.30× | — | — | — | **not met** |");
  });

  it("says when the query's own state grows, and what the runner adds beyond it", () => {
    expect(rowOf(table, "Q6")).toBe(
      "| Q6 | 1M → 10M | 100 MiB → 150 MiB | 1.50× | 80 MiB → 100 MiB | 1.25× | +30 MiB | **not met** (the query's own state grows with the stream: the last 10 prices of every seller; baseline +20 MiB) |",
    );
  });

  it("says what an example's own state is, with no baseline to compare", () => {
    const examples = renderStreamedRssTable({
      ms: [run("example:fraud", "pipeline", 1e6, 100), run("example:fraud", "pipeline", 1e7, 140)],
      failures: new Map(),
    });
    const row = rowOf(examples, "example:fraud");
    expect(row).toContain("| 1.40× | — | — |");
    expect(row).toContain(
      "**not met** (its own state grows with the stream: each card's and user's rule state",
    );
    expect(row).not.toContain("baseline");
  });

  it("names a failed run and gives no verdict without two event counts", () => {
    expect(rowOf(table, "example:fraud")).toBe(
      "| example:fraud (10M: pipeline timeout > 900s) | 1M → 10M | 300 MiB → — | — | — | — | — | — |",
    );
  });
});
