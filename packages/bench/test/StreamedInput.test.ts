import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/nexmark/NexmarkConfig";
import { generateEvents } from "../src/nexmark/NexmarkGenerator";
import { queryNamed } from "../src/queries";
import type { QueryContext } from "../src/queries/NexmarkQuery";
import { generateClicks, runExample, streamedClicks } from "../src/harness/examplePipelines";
import { runBaseline, runPipeline } from "../src/harness/runQuery";
import { CollectingSink } from "../src/harness/Sink";
import { streamedNexmark } from "../src/harness/StreamedInput";
import { streamedView } from "../src/harness/streamedView";

/**
 * Streamed input (`node dist/run.js --rss`) must be the same workload as the pre-generated
 * input of the throughput runs: the same events, and the same outputs from pipeline and baseline.
 */
const EVENTS = 10_000;
const STREAMS = [
  { name: "10K ev/s", config: DEFAULT_CONFIG },
  { name: "100 ev/s", config: { ...DEFAULT_CONFIG, eventsPerSecond: 100 } },
];

describe("streamedView", () => {
  it("reads the same events as generateEvents, one batch held at a time", () => {
    const pregenerated = generateEvents(2500, DEFAULT_CONFIG).events;
    const view = streamedView(streamedNexmark(2500, DEFAULT_CONFIG), 1000);
    expect(view.length).toBe(2500);
    const read = [];
    for (let i = 0; i < view.length; i++) read.push(view[i]);
    expect(read).toEqual(pregenerated);
    expect(view[2500]).toBeUndefined();
  });

  it("lets a reader look ahead to the end of its batch, and not back before it", () => {
    const pregenerated = generateEvents(2500, DEFAULT_CONFIG).events;
    const view = streamedView(streamedNexmark(2500, DEFAULT_CONFIG), 1000);
    expect(view[999]).toEqual(pregenerated[999]);
    expect(view[0]).toEqual(pregenerated[0]);
    expect(view[2499]).toEqual(pregenerated[2499]);
    expect(view[2000]).toEqual(pregenerated[2000]);
    expect(() => view[1999]).toThrow(/before the buffered batch \[2000, 2500\)/);
  });

  it("refuses what a baseline cannot do with a stream it does not hold", () => {
    const view = streamedView(streamedNexmark(10, DEFAULT_CONFIG), 4);
    expect(() => view.slice(0, 2)).toThrow(/by length and index only, not slice/);
    expect(() => streamedView(streamedNexmark(10, DEFAULT_CONFIG), 0)).toThrow(/positive integer/);
  });
});

/** Outputs as sorted JSON lines: a multiset comparison with a readable diff. */
const canonical = (values: readonly unknown[]): string[] => values.map((v) => JSON.stringify(v)).sort();

// Q0 (every event, in order), Q3 (state per person), Q5 (sliding windows), Q12 (processing-time
// panes: its baseline replays the source's batches, looking ahead to each batch's end).
describe.each(["Q0", "Q3", "Q5", "Q12"])("%s", (name) => {
  const query = queryNamed(name);
  const cases = STREAMS.flatMap((stream) => [1000, 337].map((bundleSize) => ({ ...stream, bundleSize })));
  it.each(cases)(
    "streamed input gives the pre-generated outputs ($name, $bundleSize-event bundles)",
    async ({ config, bundleSize }) => {
      const ctx: QueryContext = { config, bundleSize };
      const pregenerated = generateEvents(EVENTS, config);
      const streamed = streamedNexmark(EVENTS, config);
      const outputs = async (
        run: (input: typeof pregenerated | typeof streamed, sink: CollectingSink<unknown>) => Promise<void>,
      ): Promise<{ pregenerated: unknown[]; streamed: unknown[] }> => {
        const fromArrays = new CollectingSink<unknown>();
        const fromStream = new CollectingSink<unknown>();
        await run(pregenerated, fromArrays);
        await run(streamed, fromStream);
        return { pregenerated: fromArrays.values, streamed: fromStream.values };
      };
      const pipeline = await outputs((input, sink) => runPipeline(query, input, sink, ctx));
      const baseline = await outputs((input, sink) => {
        runBaseline(query, input, sink, ctx);
        return Promise.resolve();
      });
      expect(baseline.pregenerated.length).toBeGreaterThan(0);
      // The runner is deterministic: the same input in the same batches gives the same order.
      expect(pipeline.streamed).toEqual(pipeline.pregenerated);
      expect(baseline.streamed).toEqual(baseline.pregenerated);
      // And the workload is the one the throughput runs check: pipeline = baseline.
      expect(canonical(pipeline.streamed)).toEqual(canonical(baseline.streamed));
    },
  );
});

describe("example pipelines", () => {
  it("streamed clicks are the pre-generated clicks", () => {
    const { events } = generateClicks(3000, 1);
    const generator = streamedClicks(3000, 1).start();
    expect(events.map(() => generator.next())).toEqual(events);
  });

  it.each(["clickstream", "fraud"] as const)(
    "%s writes as many rows from streamed clicks as from pre-generated ones",
    async (name) => {
      const fromArrays = await runExample(name, generateClicks(5000, 1), 1000);
      const fromStream = await runExample(name, streamedClicks(5000, 1), 1000);
      expect(fromArrays).toBeGreaterThan(0);
      expect(fromStream).toBe(fromArrays);
    },
  );
});
