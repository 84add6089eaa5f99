import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/nexmark/NexmarkConfig";
import { generateEvents } from "../src/nexmark/NexmarkGenerator";
import { QUERIES } from "../src/queries";
import type { QueryContext } from "../src/queries/NexmarkQuery";
import { runBaseline, runPipeline } from "../src/harness/runQuery";
import { CollectingSink } from "../src/harness/Sink";

const EVENTS = 10_000;
/**
 * Two streams of 10K events: Nexmark's default rate (1 s of event time, many events per ms, so
 * ties on timestamps) and 100 events/s (100 s: many windows, sessions that close, Q12 panes
 * that fire on processing time mid-stream).
 */
const STREAMS = [
  { name: "10K ev/s", config: DEFAULT_CONFIG },
  { name: "100 ev/s", config: { ...DEFAULT_CONFIG, eventsPerSecond: 100 } },
].map((s) => ({ ...s, input: generateEvents(EVENTS, s.config) }));

/** Outputs as sorted JSON lines: a multiset comparison with a readable diff. */
const canonical = (values: readonly unknown[]): string[] => values.map((v) => JSON.stringify(v)).sort();

describe.each(QUERIES.map((q) => [q.name, q] as const))("%s", (_name, query) => {
  // Two bundle sizes: outputs must not depend on bundle boundaries (Q12's baseline replays them).
  const cases = STREAMS.flatMap((stream) => [1000, 337].map((bundleSize) => ({ ...stream, bundleSize })));
  it.each(cases)(
    "pipeline output equals the baseline's ($name, $bundleSize-event bundles)",
    async ({ config, input, bundleSize }) => {
      const ctx: QueryContext = { config, bundleSize };
      const fromPipeline = new CollectingSink<unknown>();
      const fromBaseline = new CollectingSink<unknown>();
      await runPipeline(query, input, fromPipeline, ctx);
      runBaseline(query, input, fromBaseline, ctx);
      // A query that outputs nothing on this input would test nothing.
      expect(fromBaseline.values.length).toBeGreaterThan(0);
      if (query.ordered) expect(fromPipeline.values).toEqual(fromBaseline.values);
      else expect(canonical(fromPipeline.values)).toEqual(canonical(fromBaseline.values));
    },
  );
});
