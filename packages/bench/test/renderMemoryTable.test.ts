import { describe, expect, it } from "vitest";
import type { Measurement } from "../src/harness/Measurement";
import { renderMemoryTable } from "../src/report/renderReport";
import { measurement, MiB, rowOf } from "./reportRows";

const INPUT = 100 * MiB;

/** A live-heap measurement whose state (peak live heap less the input's) is `stateMiB`. */
const run = (target: string, mode: "pipeline" | "baseline", events: number, stateMiB: number): Measurement =>
  measurement(target, mode, events, { inputHeap: INPUT, peakLiveHeap: INPUT + stateMiB * MiB });

describe("renderMemoryTable", () => {
  const noFailures = new Map<string, string[]>();
  const table = renderMemoryTable({
    nexmark: {
      ms: [
        // Repeated runs: each event count's state is the median of its runs.
        run("Q4", "pipeline", 1e6, 1),
        run("Q4", "pipeline", 1e7, 2.1),
        run("Q4", "pipeline", 1e6, 2),
        run("Q4", "pipeline", 1e7, 2),
        run("Q4", "pipeline", 1e6, 2),
        run("Q4", "pipeline", 1e7, 3),
        run("Q4", "baseline", 1e6, 0.5),
        run("Q4", "baseline", 1e7, 0.5),
        // One run each, a state that grows with the stream, the baseline's too.
        run("Q6", "pipeline", 1e6, 3),
        run("Q6", "pipeline", 1e7, 30),
        run("Q6", "baseline", 1e6, 2),
        run("Q6", "baseline", 1e7, 20),
      ],
      failures: noFailures,
    },
    examples: { ms: [], failures: noFailures },
  });

  it("judges growth on the medians of repeated runs", () => {
    expect(rowOf(table, "Q4")).toBe(
      "| Q4 | 1M / 10M | 100 MiB / 100 MiB | 2 MiB / 2 MiB | 1 MiB / 1 MiB | 1.05× | 1.00× | 2.10× | met |",
    );
  });

  it("says when the query's own state grows as much", () => {
    expect(rowOf(table, "Q6")).toBe(
      "| Q6 | 1M / 10M | 100 MiB / 100 MiB | 3 MiB / 30 MiB | 2 MiB / 20 MiB | 10.00× | 10.00× | 1.50× | **not met** (the query's own state grows 10.00×) |",
    );
  });
});
