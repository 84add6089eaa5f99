import { describe, expect, it } from "vitest";
import { renderCostSplitTable, type Summary } from "../src/report/renderReport";

/** A summary whose runs took `pipelineSeconds` and `baselineSeconds` for `events` events. */
function summary(target: string, events: number, pipelineSeconds: number, baselineSeconds: number): Summary {
  return {
    target,
    events,
    runs: 1,
    pipeline: { eventsPerSecond: events / pipelineSeconds, peakRss: 0, runRss: 0, outputs: 1 },
    baseline: { eventsPerSecond: events / baselineSeconds, peakRss: 0, outputs: 1 },
    failures: [],
  };
}

const rowOf = (table: string, target: string): string[] =>
  (table.split("\n").find((line) => line.startsWith(`| ${target} `)) ?? "").split("|").map((c) => c.trim());

describe("renderCostSplitTable", () => {
  it("splits each run into a fixed cost and a cost per event from its smallest and largest counts", () => {
    // Pipeline: 30 ms fixed + 50 ns an event; baseline: 2 ms fixed + 20 ns an event.
    const pipeline = (n: number): number => 0.03 + n * 50e-9;
    const baseline = (n: number): number => 0.002 + n * 20e-9;
    const table = renderCostSplitTable([
      summary("Q9", 1e6, pipeline(1e6), baseline(1e6)),
      summary("Q9", 3e6, pipeline(3e6), baseline(3e6)), // a middle count is not used
      summary("Q9", 1e7, pipeline(1e7), baseline(1e7)),
    ]);
    const [, target, events, pPer, bPer, ratio, pFixed, bFixed, whole] = rowOf(table, "Q9");
    expect(target).toBe("Q9");
    expect(events).toBe("1M → 10M");
    expect([pPer, bPer, ratio]).toEqual(["50.0 ns", "20.0 ns", "2.50×"]);
    expect([pFixed, bFixed]).toEqual(["30.0 ms", "2.0 ms"]);
    expect(whole).toBe(`${(pipeline(1e7) / baseline(1e7)).toFixed(2)}×`);
  });

  it("leaves out a target measured at one count only, or without its baseline", () => {
    const table = renderCostSplitTable([
      summary("Q1", 1e6, 0.1, 0.05),
      { ...summary("Q2", 1e6, 0.1, 0.05), baseline: undefined },
      { ...summary("Q2", 1e7, 0.9, 0.4), baseline: undefined },
    ]);
    expect(table.split("\n")).toHaveLength(2); // the header and its rule
  });
});
